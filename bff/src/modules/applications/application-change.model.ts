import { Schema, model, type Types } from 'mongoose';

/**
 * The journal of every change to an application (a transition or a reassignment), one document per version.
 * The unique (applicationId, version) index is the compare-and-set: FerretDB 1.24 does not make a conditional
 * `findOneAndUpdate` atomic against concurrent writers (three racing transitions from one status all "won" in our
 * test), but SQLite enforces a unique index, so exactly one writer gets each version. Append-only: never updated.
 */
const applicationChangeSchema = new Schema({
  applicationId: { type: Schema.Types.ObjectId, required: true },
  version: { type: Number, required: true },
  kind: { type: String, enum: ['transition', 'assignment', 'materials', 'site'], required: true },
  /** Fields the change sets on the application (status, patch fields, inspectors). */
  set: { type: Schema.Types.Mixed, required: true },
  /** One entry appended to one array of the application (`timeline` or `assignments`). */
  push: { type: Schema.Types.Mixed, required: true },
  at: { type: Date, required: true },
}, { minimize: false });

applicationChangeSchema.index({ applicationId: 1, version: 1 }, { unique: true });

export const ApplicationChangeModel = model('ApplicationChange', applicationChangeSchema);

export interface ApplicationChangeRecord {
  applicationId: Types.ObjectId;
  version: number;
  kind: 'transition' | 'assignment' | 'materials' | 'site';
  set: Record<string, unknown>;
  push: Record<string, unknown>;
  at: Date;
}

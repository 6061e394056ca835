import { Schema, model, type Types } from 'mongoose';
import { RecordKind, Severity } from '@ycta/shared';

/**
 * A subject's dishonesty records (失信记录): kept by staff or imported (`local` provider), materialised from the
 * penalties this office sent, or mirrored from the platform (`http`). `entryKey` makes each arrival exclusive:
 * `penalty:<key>`, `platform:<id>`, `record:<random>`. The fields of a decision never change; `state` follows the
 * repair cases (every change is an event on the case's chain).
 */
const dishonestyRecordSchema = new Schema({
  uscc: { type: String, required: true },
  kind: { type: String, enum: RecordKind.options, required: true },
  departmentCode: { type: String, required: true },
  decisionNo: { type: String, required: true },
  decidedOn: { type: String, required: true },
  purpose: { type: String, required: true },
  severity: { type: String, enum: Severity.options, required: true },
  fulfilled: { type: Boolean, required: true },
  legallyUnrepairable: { type: Boolean, default: false },
  state: { type: String, enum: ['active', 'under_repair', 'repaired'], default: 'active' },
  origin: { type: String, enum: ['staff', 'import', 'penalty', 'platform'], required: true },
  /** The platform's record id (`platform` origin), else our own id as a string once stored. */
  providerId: { type: String, default: null },
  entryKey: { type: String, required: true, unique: true },
  recordedBy: { type: String, required: true },
  recordedAt: { type: Date, required: true },
}, { collection: 'dishonestyRecords', versionKey: false });

dishonestyRecordSchema.index({ uscc: 1, decidedOn: -1 });

export const DishonestyRecordModel = model('DishonestyRecord', dishonestyRecordSchema);

export interface DishonestyRecordDoc {
  _id: Types.ObjectId;
  uscc: string;
  kind: RecordKind;
  departmentCode: string;
  decisionNo: string;
  decidedOn: string;
  purpose: string;
  severity: Severity;
  fulfilled: boolean;
  legallyUnrepairable: boolean;
  state: 'active' | 'under_repair' | 'repaired';
  origin: 'staff' | 'import' | 'penalty' | 'platform';
  providerId: string | null;
  entryKey: string;
  recordedBy: string;
  recordedAt: Date;
}

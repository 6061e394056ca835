import { randomUUID } from 'node:crypto';
import { Schema, model, type Types } from 'mongoose';

/**
 * The local credit records staff maintain (the `local` provider's source). Append-only: a new tier is a new record
 * and the latest one wins, so the history of who changed a tier, when and why is never lost.
 */
const creditRecordSchema = new Schema({
  uscc: { type: String, required: true },
  tier: { type: String, enum: ['red', 'orange', 'blue', 'black'], required: true },
  score: { type: Number, default: null },
  reason: { type: String, required: true },
  origin: { type: String, enum: ['staff', 'import', 'penalty', 'repair'], required: true },
  /** User id of the staff member, or `system` for penalties and repairs. */
  recordedBy: { type: String, required: true },
  recordedAt: { type: Date, required: true },
  /**
   * Unique per record: `penalty:<idempotency key>` for penalties (one record however often a penalty is delivered),
   * `record:<random>` otherwise. (FerretDB has no partial indexes, so every record carries one.)
   */
  entryKey: { type: String, required: true, default: () => `record:${randomUUID()}` },
}, { collection: 'creditRecords', versionKey: false });

creditRecordSchema.index({ uscc: 1, recordedAt: -1 });
creditRecordSchema.index({ entryKey: 1 }, { unique: true });

export const CreditRecordModel = model('CreditRecord', creditRecordSchema);

export interface CreditRecordDoc {
  _id: Types.ObjectId;
  uscc: string;
  tier: 'red' | 'orange' | 'blue' | 'black';
  score: number | null;
  reason: string;
  origin: 'staff' | 'import' | 'penalty' | 'repair';
  recordedBy: string;
  recordedAt: Date;
  entryKey: string;
}

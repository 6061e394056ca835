import { Schema, model, type Types } from 'mongoose';

/**
 * The penalty outbox: one document per flag (false material found), written with the flag and delivered to the
 * credit provider by the outbox worker. A worker claims a document by taking its lease (`leaseUntil`) with a
 * conditional update; delivery state is recorded on the document and never removed.
 */
const creditPenaltySchema = new Schema({
  idempotencyKey: { type: String, required: true, unique: true },
  inspectionId: { type: Schema.Types.ObjectId, required: true, index: true },
  subjectId: { type: Schema.Types.ObjectId, required: true },
  uscc: { type: String, default: null },
  matterCode: { type: String, required: true },
  reason: { type: String, required: true },
  checklistItemIds: { type: [String], default: [] },
  evidenceMediaIds: { type: [String], default: [] },
  flaggedBy: { type: String, required: true },
  flaggedAt: { type: Date, required: true },
  delivery: {
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    leaseOwner: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
}, { collection: 'creditPenalties', versionKey: false });

creditPenaltySchema.index({ 'delivery.deliveredAt': 1, 'delivery.nextAttemptAt': 1 });

export const CreditPenaltyModel = model('CreditPenalty', creditPenaltySchema);

export interface CreditPenaltyDoc {
  _id: Types.ObjectId;
  idempotencyKey: string;
  inspectionId: Types.ObjectId;
  subjectId: Types.ObjectId;
  uscc: string | null;
  matterCode: string;
  reason: string;
  checklistItemIds: string[];
  evidenceMediaIds: string[];
  flaggedBy: string;
  flaggedAt: Date;
  delivery: {
    attempts: number;
    nextAttemptAt: Date;
    leaseUntil: Date | null;
    leaseOwner: string | null;
    deliveredAt: Date | null;
    lastError: string | null;
  };
}

import { Schema, model, type Types } from 'mongoose';
import { outboxClaimSchema, outboxDeliveryFields } from '../../infra/outbox';

/**
 * The penalty outbox: one document per flag (false material found), written with the flag and delivered to the
 * credit provider by the outbox worker. Delivery state is recorded on the document and never removed; the leases of
 * the workers that tried live in `creditPenaltyClaims`.
 */
const creditPenaltySchema = new Schema({
  idempotencyKey: { type: String, required: true, unique: true },
  /** The inspection that found false material; null for a false commitment found by a document check. */
  inspectionId: { type: Schema.Types.ObjectId, default: null, index: true },
  /** The application whose commitment (告知承诺) was false, and which material it replaced. */
  applicationId: { type: Schema.Types.ObjectId, default: null },
  materialId: { type: String, default: null },
  subjectId: { type: Schema.Types.ObjectId, required: true },
  uscc: { type: String, default: null },
  matterCode: { type: String, required: true },
  reason: { type: String, required: true },
  checklistItemIds: { type: [String], default: [] },
  evidenceMediaIds: { type: [String], default: [] },
  flaggedBy: { type: String, required: true },
  flaggedAt: { type: Date, required: true },
  delivery: outboxDeliveryFields,
}, { collection: 'creditPenalties', versionKey: false });

creditPenaltySchema.index({ 'delivery.deliveredAt': 1, 'delivery.nextAttemptAt': 1 });

export const CreditPenaltyModel = model('CreditPenalty', creditPenaltySchema);

export interface CreditPenaltyDoc {
  _id: Types.ObjectId;
  idempotencyKey: string;
  inspectionId: Types.ObjectId | null;
  applicationId?: Types.ObjectId | null;
  materialId?: string | null;
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
    deliveredAt: Date | null;
    /** Absent on penalties stored before refusals were recorded: read as null. */
    refusedAt?: Date | null;
    lastError: string | null;
  };
}

/**
 * One claim per delivery attempt of a penalty: a worker owns attempt N by inserting it (unique on penalty and attempt,
 * which holds on FerretDB, whose findAndModify is not atomic) and keeps it until `leaseUntil` or until it finishes.
 */
const creditPenaltyClaimSchema = outboxClaimSchema('penaltyId', 'creditPenaltyClaims');

export const CreditPenaltyClaimModel = model('CreditPenaltyClaim', creditPenaltyClaimSchema);

export interface CreditPenaltyClaimDoc {
  _id: Types.ObjectId;
  penaltyId: Types.ObjectId;
  attempt: number;
  owner: string;
  claimedAt: Date;
  leaseUntil: Date;
  finishedAt: Date | null;
  outcome: 'delivered' | 'failed' | 'refused' | 'not_due' | null;
}

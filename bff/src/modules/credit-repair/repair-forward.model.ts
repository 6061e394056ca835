import { Schema, model, type Types } from 'mongoose';
import { outboxClaimSchema, outboxDeliveryFields } from '../../infra/outbox';

/**
 * The repair outbox: one document per decided case with accepted records (`_id` = case id, so a case is forwarded
 * once), delivered to the credit provider, which answers the recomputed tier. Attempts are claimed like penalties'
 * (unique on forward and attempt; `infra/outbox.ts`), so two workers or a restarted BFF never deliver one forward at once.
 */
const repairForwardSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  idempotencyKey: { type: String, required: true, unique: true },
  subjectId: { type: Schema.Types.ObjectId, required: true },
  uscc: { type: String, default: null },
  recordIds: { type: [String], required: true },
  decidedAt: { type: Date, required: true },
  commitmentSha256: { type: String, required: true },
  delivery: outboxDeliveryFields,
  /** The provider's answer: the tier after the repair. */
  tier: { type: String, default: null },
  evaluatedAt: { type: Date, default: null },
}, { collection: 'repairForwards', versionKey: false });
repairForwardSchema.index({ 'delivery.deliveredAt': 1, 'delivery.nextAttemptAt': 1 });

export const RepairForwardModel = model('RepairForward', repairForwardSchema);

export interface RepairForwardDoc {
  _id: Types.ObjectId;
  idempotencyKey: string;
  subjectId: Types.ObjectId;
  uscc: string | null;
  recordIds: string[];
  decidedAt: Date;
  commitmentSha256: string;
  delivery: { attempts: number; nextAttemptAt: Date; deliveredAt: Date | null; refusedAt: Date | null; lastError: string | null };
  tier: string | null;
  evaluatedAt: Date | null;
}

const repairForwardClaimSchema = outboxClaimSchema('forwardId', 'repairForwardClaims');

export const RepairForwardClaimModel = model('RepairForwardClaim', repairForwardClaimSchema);

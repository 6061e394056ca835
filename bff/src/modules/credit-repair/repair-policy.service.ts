import { Schema, model } from 'mongoose';
import { defaultRepairPolicy, RepairPolicy } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';

/**
 * The credit repair rules as versioned data: every published version is kept (`_id` = version, so a version is
 * published once and read by `_id`); the latest published one is current. Without any, the shared defaults apply.
 */
const repairPolicySchema = new Schema({
  _id: { type: String, required: true },
  policy: { type: Schema.Types.Mixed, required: true },
  publishedBy: { type: String, required: true },
  publishedAt: { type: Date, required: true },
}, { collection: 'repairPolicies', versionKey: false });
repairPolicySchema.index({ publishedAt: -1 });
const RepairPolicyModel = model('RepairPolicy', repairPolicySchema);

/** The pointer to the current version: one document read by `_id`, the hot read of every eligibility check. */
const currentPolicySchema = new Schema({ _id: { type: String, required: true }, version: String }, { collection: 'repairPolicyCurrent', versionKey: false });
const CurrentPolicyModel = model('RepairPolicyCurrent', currentPolicySchema);

export async function currentRepairPolicy(): Promise<RepairPolicy> {
  const pointer = await CurrentPolicyModel.findById('current').lean<{ version: string }>();
  if (!pointer) return defaultRepairPolicy;
  return repairPolicyVersion(pointer.version);
}

/** A published version (cases keep theirs); the defaults answer for their own version. */
export async function repairPolicyVersion(version: string): Promise<RepairPolicy> {
  if (version === defaultRepairPolicy.version) return defaultRepairPolicy;
  const doc = await RepairPolicyModel.findById(version).lean<{ policy: unknown }>();
  return doc ? RepairPolicy.parse(doc.policy) : defaultRepairPolicy;
}

/** Publishes a new version; an existing version number is refused, never overwritten. */
export async function publishRepairPolicy(user: AuthUser, policy: RepairPolicy): Promise<RepairPolicy> {
  if (policy.version === defaultRepairPolicy.version) throw new AppError('REPAIR.POLICY_VERSION_EXISTS');
  try {
    await RepairPolicyModel.create({ _id: policy.version, policy, publishedBy: user.id, publishedAt: new Date() });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('REPAIR.POLICY_VERSION_EXISTS');
    throw err;
  }
  await CurrentPolicyModel.updateOne({ _id: 'current' }, { $set: { version: policy.version } }, { upsert: true });
  return policy;
}

import { createHash, randomBytes } from 'node:crypto';
import { Schema, Types, model } from 'mongoose';
import { statusesAllowing, type InspectionSummary } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { InspectionModel, type InspectionRecord } from './inspection.model';
import { findAccessibleInspection } from './inspections.access';
import { requireStatus, toSummary } from './inspections.service';
import { appendEvent } from '../ledger/ledger.service';
import { isDuplicateKey } from '../../infra/db';

/**
 * Experts join by invitation: the inspector gets a one-time, expiring link token; the expert who accepts it is added
 * to the inspection. Only the token's SHA-256 is stored. A link is redeemed by inserting its hash into
 * `inspection_invitation_uses` (unique `_id`): only one insert can win, on MongoDB and on the embedded FerretDB,
 * whose conditional updates are not atomic. Both the invitation and its acceptance are on the record.
 */
const invitationSchema = new Schema({
  hash: { type: String, required: true, unique: true },
  inspectionId: { type: Schema.Types.ObjectId, required: true, index: true },
  invitedBy: { type: String, required: true },
  expiresAt: { type: Date, required: true },
  acceptedBy: { type: String, default: null },
  acceptedAt: { type: Date, default: null },
}, { timestamps: true });

export const InvitationModel = model('InspectionInvitation', invitationSchema, 'inspection_invitations');

const InvitationUseModel = model('InspectionInvitationUse', new Schema({
  _id: { type: String, required: true },
  acceptedBy: { type: String, required: true },
  at: { type: Date, required: true },
}, { versionKey: false }), 'inspection_invitation_uses');

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function inviteExpert(user: AuthUser, id: string, validMinutes: number): Promise<{ token: string; expiresAt: string; inspectionId: string }> {
  const inspection = await findAccessibleInspection(user, id);
  requireStatus(inspection, statusesAllowing('invite'), 'invite');
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + validMinutes * 60_000);
  const invitation = await InvitationModel.create({ hash: hashOf(token), inspectionId: inspection._id, invitedBy: user.id, expiresAt });
  await appendEvent({ inspectionId: inspection._id, type: 'invited', actor: user, payload: { invitationId: String(invitation._id), expiresAt } });
  return { token, expiresAt: expiresAt.toISOString(), inspectionId: String(inspection._id) };
}

export async function acceptInvitation(user: AuthUser, token: string): Promise<InspectionSummary> {
  const now = new Date();
  const hash = hashOf(token);
  const invitation = await InvitationModel.findOne({ hash, acceptedAt: null, expiresAt: { $gt: now } })
    .lean<{ _id: Types.ObjectId; inspectionId: Types.ObjectId }>();
  if (!invitation) throw new AppError('INVITATION.INVALID');
  try {
    await InvitationUseModel.create({ _id: hash, acceptedBy: user.id, at: now });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('INVITATION.INVALID');
    throw err;
  }
  await InvitationModel.updateOne({ _id: invitation._id }, { $set: { acceptedBy: user.id, acceptedAt: now } });
  const inspection = await InspectionModel.findOneAndUpdate(
    { _id: invitation.inspectionId, status: { $in: statusesAllowing('invite') } },
    { $addToSet: { expertIds: new Types.ObjectId(user.id) } },
    { returnDocument: 'after' },
  ).lean<InspectionRecord>();
  if (!inspection) throw new AppError('INVITATION.INVALID', { message: '该踏勘已结束或已取消，邀请不再有效' });
  await appendEvent({ inspectionId: inspection._id, type: 'invitation.accepted', actor: user, payload: { invitationId: String(invitation._id) } });
  return toSummary(inspection);
}

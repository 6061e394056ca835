import { Schema, Types, model } from 'mongoose';
import type { AuthUser } from '../auth/auth.tokens';
import type { SignallingServer } from '../../infra/signalling/signalling-server';
import { appendEvent } from '../ledger/ledger.service';
import { findAccessibleInspection } from './inspections.access';
import { requireStatus } from './inspections.service';
import { requireStillAsker } from './inspections.call-subject';

/**
 * Remote stills: the inspector asks a participant's camera for a full-resolution photo. The request gets an id, is on
 * the record, and reaches the participant's client over the signalling socket; the photo route (media) takes the
 * upload with that `stillRequestId`, which links request and result on the chain.
 */
const stillRequestSchema = new Schema({
  inspectionId: { type: Schema.Types.ObjectId, required: true, index: true },
  requestedBy: { type: String, required: true },
  targetUserId: { type: String, default: null },
  checklistItemId: { type: String, default: null },
  requestedAt: { type: Date, required: true },
}, { timestamps: true });

export const StillRequestModel = model('StillRequest', stillRequestSchema, 'still_requests');

export interface StillRequestRecord {
  _id: Types.ObjectId;
  inspectionId: Types.ObjectId;
  requestedBy: string;
  targetUserId: string | null;
  checklistItemId: string | null;
  requestedAt: Date;
}

/** For the photo route: the still request of this inspection with this id, or null. */
export async function findStillRequest(inspectionId: string, stillRequestId: string): Promise<StillRequestRecord | null> {
  if (!Types.ObjectId.isValid(stillRequestId) || !Types.ObjectId.isValid(inspectionId)) return null;
  return StillRequestModel.findOne({ _id: stillRequestId, inspectionId }).lean<StillRequestRecord>();
}

export async function requestStill(
  user: AuthUser, id: string, body: { targetUserId?: string; checklistItemId?: string }, signalling: Pick<SignallingServer, 'sendTo' | 'presence'>,
) {
  const inspection = await findAccessibleInspection(user, id);
  requireStillAsker(user, inspection);
  requireStatus(inspection, ['in_progress'], 'request_still');
  const inspectionId = String(inspection._id);
  // default: the applicant in the call (the camera on the premises)
  const target = body.targetUserId ?? signalling.presence(inspectionId).find((p) => p.role === 'applicant' && p.state === 'admitted')?.userId ?? null;
  const requestedAt = new Date();
  const stored = await StillRequestModel.create({
    inspectionId: inspection._id, requestedBy: user.id, targetUserId: target, checklistItemId: body.checklistItemId ?? null, requestedAt,
  });
  const stillRequestId = String(stored._id);
  await appendEvent({
    inspectionId: inspection._id, type: 'still.requested', actor: user,
    payload: { stillRequestId, targetUserId: target, checklistItemId: body.checklistItemId ?? null },
  });
  const delivered = target !== null
    && signalling.sendTo(inspectionId, target, {
      type: 'still-request', stillRequestId, checklistItemId: body.checklistItemId ?? null,
      // the camera holder reads the point's words, not its id
      checklistItemTitle: inspection.checklist?.find((p) => p.id === body.checklistItemId)?.title ?? null,
    });
  return { stillRequestId, targetUserId: target, checklistItemId: body.checklistItemId ?? null, delivered, requestedAt: requestedAt.toISOString() };
}

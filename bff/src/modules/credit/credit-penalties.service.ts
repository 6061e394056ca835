import { randomUUID } from 'node:crypto';
import type { CreditPenalty } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import { hasChecklistItem } from '../inspections/inspections.service';
import { appendEvent } from '../ledger/ledger.service';
import { requireMediaOf } from '../media/media.model';
import { findSubject } from '../subjects/subjects.service';
import { CreditPenaltyModel, type CreditPenaltyDoc } from './credit-penalty.model';

/**
 * An inspector flags false material found in their inspection: the penalty goes into the outbox (one idempotency key
 * per flag, delivered by the outbox worker) and a `flagged` event onto the inspection's record.
 */
export async function flagFalseMaterial(
  user: AuthUser, inspectionId: string,
  body: { reason: string; checklistItemIds: string[]; evidenceMediaIds: string[] },
): Promise<CreditPenalty> {
  const inspection = await findAccessibleInspection(user, inspectionId);
  const unknownItems = body.checklistItemIds.filter((id) => !hasChecklistItem(inspection, id));
  if (unknownItems.length > 0) throw new AppError('INSPECTION.CHECKLIST_ITEM_NOT_FOUND', { details: unknownItems.map((id) => ({ field: 'body.checklistItemIds', message: id })) });
  await requireMediaOf(inspection._id, body.evidenceMediaIds, 'body.evidenceMediaIds');
  const subject = await findSubject(String(inspection.subjectId));
  const now = new Date();
  const created = await CreditPenaltyModel.create({
    idempotencyKey: `flag-${randomUUID()}`,
    inspectionId: inspection._id,
    subjectId: inspection.subjectId,
    uscc: subject?.uscc ?? null,
    matterCode: inspection.matterCode,
    reason: body.reason,
    checklistItemIds: body.checklistItemIds,
    evidenceMediaIds: body.evidenceMediaIds,
    flaggedBy: user.id,
    flaggedAt: now,
    delivery: { attempts: 0, nextAttemptAt: now },
  });
  const penalty = created.toObject() as CreditPenaltyDoc;
  await appendEvent({
    inspectionId: inspection._id, type: 'flagged', actor: { id: user.id, role: user.role },
    payload: {
      penaltyId: String(penalty._id), idempotencyKey: penalty.idempotencyKey, reason: body.reason,
      checklistItemIds: body.checklistItemIds, evidenceMediaIds: body.evidenceMediaIds,
    },
  });
  return toCreditPenalty(penalty);
}

/** The flags of an inspection with their delivery state, oldest first (inspectors of it, staff, admin). */
export async function listFlags(user: AuthUser, inspectionId: string): Promise<CreditPenalty[]> {
  const inspection = await findAccessibleInspection(user, inspectionId);
  const docs = await CreditPenaltyModel.find({ inspectionId: inspection._id }).sort({ flaggedAt: 1, _id: 1 }).lean<CreditPenaltyDoc[]>();
  return docs.map(toCreditPenalty);
}

export function toCreditPenalty(p: CreditPenaltyDoc): CreditPenalty {
  return {
    id: String(p._id),
    inspectionId: String(p.inspectionId),
    idempotencyKey: p.idempotencyKey,
    reason: p.reason,
    checklistItemIds: p.checklistItemIds,
    evidenceMediaIds: p.evidenceMediaIds,
    flaggedAt: p.flaggedAt.toISOString(),
    delivery: {
      attempts: p.delivery.attempts,
      deliveredAt: p.delivery.deliveredAt ? p.delivery.deliveredAt.toISOString() : null,
      refusedAt: p.delivery.refusedAt ? p.delivery.refusedAt.toISOString() : null,
      lastError: p.delivery.lastError,
    },
  };
}

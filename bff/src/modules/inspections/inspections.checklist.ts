import type { ChecklistPointState, ChecklistResult } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { settleByInspection } from '../acceptance/acceptance.checks';
import { appendEvent } from '../ledger/ledger.service';
import { requireMediaOf } from '../media/media.model';
import { findAccessibleInspection } from './inspections.access';
import { callCaseOf } from './inspections.calls';
import { requireJudge } from './inspections.call-subject';
import { checklistState, hasChecklistItem, requireStatus, updateInStatus } from './inspections.service';

/**
 * Judging checklist points and expert opinions. Every judgment is a new event and a new entry: a late change of
 * mind is a second judgment, and the latest one is the point's state. Nothing is rewritten.
 */

export async function judgeChecklistItem(
  user: AuthUser, id: string, itemId: string, body: { result: ChecklistResult; note: string; photoIds: string[] },
): Promise<ChecklistPointState> {
  const inspection = await findAccessibleInspection(user, id);
  requireStatus(inspection, ['in_progress'], 'judge');
  if (!hasChecklistItem(inspection, itemId)) throw new AppError('INSPECTION.CHECKLIST_ITEM_NOT_FOUND');
  const item = inspection.checklist!.find((i) => i.id === itemId)!;
  requireJudge(user, item);
  await requireMediaOf(inspection._id, body.photoIds, 'body.photoIds');
  // the case (a joint visit) takes the judgment onto its own chain first, or refuses it; then the call's record has it
  await callCaseOf(inspection)?.judged?.(user, inspection, item, body);
  const event = await appendEvent({
    inspectionId: inspection._id, type: 'checklist.judged', actor: user,
    payload: { itemId, result: body.result, note: body.note, photoIds: body.photoIds },
  });
  const judgment = { itemId, result: body.result, note: body.note, photoIds: body.photoIds, by: user.id, at: new Date(event.at), eventId: event.id };
  const updated = await updateInStatus(inspection._id, ['in_progress'], { $push: { judgments: judgment } }, '踏勘已结束，判定未保存');
  if (item.verifiesCommitment && inspection.applicationId) await settleByInspection(inspection.applicationId, item.verifiesCommitment, user, item.title, body.result);
  return checklistState(updated, user).find((p) => p.id === itemId)!;
}

export async function addOpinion(user: AuthUser, id: string, text: string): Promise<{ expertId: string; text: string; at: string }> {
  const inspection = await findAccessibleInspection(user, id);
  requireStatus(inspection, ['in_progress', 'concluded'], 'add_opinion');
  const event = await appendEvent({ inspectionId: inspection._id, type: 'opinion.added', actor: user, payload: { text } });
  const opinion = { expertId: user.id, text, at: new Date(event.at) };
  await updateInStatus(inspection._id, ['in_progress', 'concluded'], { $push: { opinions: opinion } });
  return { ...opinion, at: event.at };
}

import {
  applicationStatusAfter, conclusionResultLabels, inspectionDurationSeconds, unjudgedItems,
  type ConclusionResult, type InspectionDetail,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { Notifier } from '../../infra/notify/notifier';
import type { AuthUser } from '../auth/auth.tokens';
import { getApplicationForUser, transitionApplication } from '../applications/applications.service';
import { appendEvent } from '../ledger/ledger.service';
import type { StoredConclusion } from './inspection.model';
import type { CloudRecorder } from './inspections.cloud-recording';
import { findAccessibleInspection } from './inspections.access';
import { applicationIdOf } from './inspections.call-subject';
import { createInspectionForApplication, requireStatus, toDetail, updateInStatus } from './inspections.service';
import { addToFeed } from './inspections.feed';

export interface ConclusionInput {
  result: ConclusionResult;
  summary: string;
  rectificationItems: { checklistItemId?: string; description: string }[];
  rectificationDueOn?: string;
}

/**
 * The inspector concludes: every point must be judged; fix-and-recheck names what to fix and by when, and opens the
 * re-check inspection. The application moves on (approved / rejected / rectifying) and the duration is kept.
 */
export async function concludeInspection(
  user: AuthUser, id: string, input: ConclusionInput, deps: { notifier: Notifier; recorder?: Pick<CloudRecorder, 'stop'> },
): Promise<InspectionDetail> {
  const inspection = await findAccessibleInspection(user, id);
  const applicationId = applicationIdOf(inspection);
  requireStatus(inspection, ['in_progress'], 'conclude');
  const missing = unjudgedItems((inspection.checklist ?? []).map((i) => i.id), inspection.judgments ?? []);
  if (missing.length > 0) {
    const titles = (inspection.checklist ?? []).filter((i) => missing.includes(i.id)).map((i) => i.title);
    throw new AppError('INSPECTION.CHECKLIST_INCOMPLETE', { message: `还有 ${missing.length} 个踏勘要点未判定：${titles.join('、')}`, details: { items: missing } });
  }
  const recheck = input.result === 'fix_and_recheck';
  if (recheck && (input.rectificationItems.length === 0 || !input.rectificationDueOn)) throw new AppError('INSPECTION.RECTIFICATION_REQUIRED');

  const concludedAt = new Date();
  const conclusion: StoredConclusion = {
    result: input.result,
    summary: input.summary,
    rectificationItems: recheck ? input.rectificationItems : [],
    rectificationDueOn: recheck ? input.rectificationDueOn! : null,
    concludedBy: user.id,
    concludedAt,
    recheckInspectionId: null,
  };
  const durationSeconds = inspectionDurationSeconds(inspection.firstJoinAt, concludedAt);
  const concluded = await updateInStatus(inspection._id, ['in_progress'], {
    $set: { status: 'concluded', conclusion, concludedAt, durationSeconds },
  }, '踏勘已作出结论，请刷新后查看');
  await appendEvent({
    inspectionId: concluded._id, type: 'concluded', actor: user,
    payload: { ...conclusion, concludedAt: concludedAt.toISOString(), durationSeconds },
  });
  await addToFeed(concluded._id);
  await deps.recorder?.stop(String(concluded._id));
  await transitionApplication(String(applicationId), {
    from: 'inspecting', to: applicationStatusAfter[input.result], actor: user,
    reason: `踏勘结论：${conclusionResultLabels[input.result]}${input.summary ? `。${input.summary}` : ''}`,
  });
  if (recheck) {
    const application = await getApplicationForUser(user, String(applicationId));
    await createInspectionForApplication(application, concluded.mode, { recheckOf: concluded._id });
  }
  await deps.notifier.notify({
    kind: 'concluded', inspectionId: String(concluded._id), subjectId: String(concluded.subjectId),
    text: `踏勘结论：${conclusionResultLabels[input.result]}`,
  });
  return toDetail(concluded, concluded.offeredSlots ?? []);
}

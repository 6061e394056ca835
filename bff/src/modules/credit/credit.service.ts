import {
  CREDIT_POLICY_VERSION, blackTierReason, creditTierLabels, privileges, refusedOutright, remoteDecision, remoteOutcomeText, timeLimitWorkingDays,
  type CreditSnapshot, type CreditTier, type Matter, type RemoteRequestOutcome, type RemoteRequestResult,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { CreditProvider, CreditSubject } from '../../infra/credit/credit-provider';
import type { Notifier } from '../../infra/notify/notifier';
import type { AuthUser } from '../auth/auth.tokens';
import { getApplicationForUser, getMatter, transitionApplication } from '../applications/applications.service';
import type { ApplicationRecord } from '../applications/applications.model';
import { appendEvent, type RecordActorInput } from '../ledger/ledger.service';
import { findSubject } from '../subjects/subjects.service';

/**
 * The credit gate (DESIGN.md, Credit): a remote request is decided by the subject's current tier under the matter's
 * policy; the answer is kept on the application as evidence; the check runs again when an inspection is joined.
 * The credit source is asked before anything is written, so an unavailable source leaves nothing half-done.
 */

/** Creates the inspection once an application reaches `remote_approved` or `onsite_required` (the inspections module). */
export type InspectionCreator = (application: ApplicationRecord, mode: 'remote' | 'onsite') => Promise<{ _id: unknown } | { id: string }>;

let provider: CreditProvider | null = null;

/** Sets the provider the gate asks (`createApp` does, from configuration). */
export function useCreditProvider(p: CreditProvider): void {
  provider = p;
}

export function creditProvider(): CreditProvider {
  if (!provider) throw new Error('credit provider not configured: createApp sets it');
  return provider;
}

async function creditSubject(subjectId: string): Promise<CreditSubject> {
  const subject = await findSubject(subjectId);
  if (!subject) throw new AppError('SUBJECT.NOT_FOUND', { status: 404, message: '经营主体不存在' });
  return { id: String(subject._id), uscc: subject.uscc, seedCreditTier: subject.seedCreditTier };
}

/** Asks the provider for the subject's tier now and turns the answer into the snapshot kept as evidence. */
export async function checkCredit(subjectId: string): Promise<CreditSnapshot> {
  const found = await creditProvider().lookup(await creditSubject(subjectId));
  return {
    tier: found.tier,
    ...(found.score === undefined ? {} : { score: found.score }),
    source: found.source,
    checkedAt: found.checkedAt.toISOString(),
    policyVersion: CREDIT_POLICY_VERSION,
  };
}

function result(
  application: ApplicationRecord, matter: Matter, snapshot: CreditSnapshot, outcome: RemoteRequestOutcome,
  message: string, inspectionId: string | null,
): RemoteRequestResult {
  return {
    applicationId: String(application._id),
    status: application.status,
    outcome,
    message,
    creditSnapshot: snapshot,
    privileges: privileges(snapshot.tier, matter.creditPolicy),
    timeLimitWorkingDays: timeLimitWorkingDays(snapshot.tier, matter),
    inspectionId,
  };
}

async function openInspection(
  application: ApplicationRecord, mode: 'remote' | 'onsite', snapshot: CreditSnapshot,
  createInspection: InspectionCreator | undefined, actor: RecordActorInput,
): Promise<string | null> {
  if (!createInspection) return application.inspectionId ? String(application.inspectionId) : null;
  const created = await createInspection(application, mode);
  const inspectionId = 'id' in created ? created.id : String(created._id);
  await appendEvent({ inspectionId, type: 'credit.checked', actor, payload: { ...snapshot, at: 'remote-request' } });
  return inspectionId;
}

/** The applicant asks for remote inspection of their own submitted application: the gate decides. */
export async function requestRemoteInspection(
  user: AuthUser, applicationId: string, deps: { createInspection?: InspectionCreator } = {},
): Promise<RemoteRequestResult> {
  const application = await getApplicationForUser(user, applicationId);
  if (application.status !== 'submitted') {
    throw new AppError('APPLICATION.INVALID_TRANSITION', { message: '只有已提交、尚未核验信用的申请可以申请远程踏勘' });
  }
  const matter = await getMatter(application.matterCode);
  const snapshot = await checkCredit(String(application.subjectId));
  const { tier } = snapshot;

  if (refusedOutright(tier, matter.creditPolicy)) {
    throw new AppError('CREDIT.DISHONEST_REFUSED', {
      message: remoteOutcomeText('refused', tier),
      details: { creditSnapshot: snapshot, matterCode: matter.code },
    });
  }
  const decision = remoteDecision(tier, matter.creditPolicy);
  const to = decision === 'allowed' ? 'remote_approved' : decision === 'staff_approval' ? 'awaiting_credit_approval' : 'onsite_required';
  const reason = to === 'onsite_required'
    ? (tier === 'black' ? blackTierReason() : `本事项对${creditTierLabels[tier]}色等级主体不开放远程踏勘。`)
    : `信用核验：${creditTierLabels[tier]}色等级，${to === 'remote_approved' ? '可以远程踏勘' : '待工作人员审核'}`;
  const patch = { creditSnapshot: { ...snapshot, checkedAt: new Date(snapshot.checkedAt) }, timeLimitWorkingDays: timeLimitWorkingDays(tier, matter) };
  const moved = await transitionApplication(applicationId, { from: 'submitted', to, actor: 'system', reason, patch });
  const inspectionId = to === 'awaiting_credit_approval'
    ? null
    : await openInspection(moved, to === 'remote_approved' ? 'remote' : 'onsite', snapshot, deps.createInspection, 'system');
  return result(moved, matter, snapshot, to, remoteOutcomeText(to, tier, to === 'onsite_required' ? reason : undefined), inspectionId);
}

/**
 * Staff approve or refuse a blue-tier request (`awaiting_credit_approval`), with a reason kept on the timeline (the
 * applicant's detail page shows it) and the applicant told by subscribe message where a template is configured.
 */
export async function decideRemoteRequest(
  user: AuthUser, applicationId: string, body: { approve: boolean; reason: string },
  deps: { createInspection?: InspectionCreator; notifier?: Notifier } = {},
): Promise<RemoteRequestResult> {
  const application = await getApplicationForUser(user, applicationId);
  if (application.status !== 'awaiting_credit_approval' || !application.creditSnapshot) {
    throw new AppError('APPLICATION.INVALID_TRANSITION', { message: '该申请不在待审核远程踏勘状态' });
  }
  const matter = await getMatter(application.matterCode);
  const stored = application.creditSnapshot;
  const snapshot: CreditSnapshot = {
    tier: stored.tier,
    ...(typeof stored.score === 'number' ? { score: stored.score } : {}),
    source: stored.source as CreditSnapshot['source'],
    checkedAt: new Date(stored.checkedAt).toISOString(),
    policyVersion: stored.policyVersion,
  };
  const to = body.approve ? 'remote_approved' : 'onsite_required';
  const moved = await transitionApplication(applicationId, {
    from: 'awaiting_credit_approval', to, actor: user, reason: `${body.approve ? '同意' : '不同意'}远程踏勘：${body.reason}`,
  });
  const inspectionId = await openInspection(moved, body.approve ? 'remote' : 'onsite', snapshot, deps.createInspection, { id: user.id, role: user.role });
  const message = body.approve
    ? `工作人员已同意您的远程踏勘申请。${remoteOutcomeText('remote_approved', snapshot.tier)}`
    : remoteOutcomeText('onsite_required', snapshot.tier, `工作人员未同意远程踏勘：${body.reason}。`);
  if (inspectionId && deps.notifier) {
    // the notifier never throws: a message WeChat refused must not undo the decision
    await deps.notifier.notify({
      kind: 'remote_decided', inspectionId, subjectId: String(moved.subjectId), page: `packages/application/detail/index?id=${applicationId}`,
      text: body.approve ? '远程踏勘申请已获同意，请预约' : '远程踏勘未获同意，改为现场踏勘',
    });
  }
  return result(moved, matter, snapshot, to, message, inspectionId);
}

/**
 * The second check, when someone joins a remote inspection: the tier is read again and a tier that no longer allows
 * remote inspection stops the join (`CREDIT.TIER_DROPPED`). A tier that needs staff approval passes only when the
 * caller says staff approved this application. With `inspectionId`, the check is appended to its record.
 */
export async function checkCreditForJoin(
  subjectId: string, matterCode: string,
  opts: { staffApproved?: boolean; inspectionId?: string; actor?: RecordActorInput } = {},
): Promise<CreditSnapshot> {
  const [matter, snapshot] = await Promise.all([getMatter(matterCode), checkCredit(subjectId)]);
  const decision = remoteDecision(snapshot.tier, matter.creditPolicy);
  const allowed = decision === 'allowed' || (decision === 'staff_approval' && opts.staffApproved === true);
  if (opts.inspectionId) {
    await appendEvent({
      inspectionId: opts.inspectionId, type: 'credit.checked', actor: opts.actor ?? 'system',
      payload: { ...snapshot, at: 'join', allowed },
    });
  }
  if (!allowed) throw tierDropped(snapshot.tier);
  return snapshot;
}

function tierDropped(tier: CreditTier): AppError {
  const label = creditTierLabels[tier];
  return new AppError('CREDIT.TIER_DROPPED', {
    message: `您的信用等级已变为${label}色等级，当前等级不能进行远程踏勘。请联系窗口工作人员改为现场踏勘${tier === 'black' ? '，并可在纠正失信行为后申请信用修复' : ''}。`,
    details: { tier },
  });
}

import { shanghaiDate, timeLimitWorkingDays, type AcceptanceDecisionBody, type AcceptanceStatus } from '@ycta/shared';
import type { Logger } from 'pino';
import { AppError } from '../../lib/app-error';
import type { Notifier } from '../../infra/notify/notifier';
import type { AuthUser } from '../auth/auth.tokens';
import { ApplicationModel, type ApplicationRecord } from '../applications/applications.model';
import { transitionApplication } from '../applications/applications.service';
import { currentClock } from '../calendar/calendar.service';
import { caseOf, earliestOpenGap, loadCase, requirementOf, saveCase, type MaterialsCase } from './acceptance.case';

/**
 * The acceptance desk (受理): staff accept a handed-in set with its gaps and their supplement deadline (working days,
 * holidays and 调休 included) and open a 核查 task per commitment, or return it with a reason per material. A gap
 * left open past its deadline stops the time limit (the sweep) and staff may then refuse (不予受理).
 */

const invalidState = (message: string) => new AppError('ACCEPTANCE.INVALID_STATE', { message });

export async function decideAcceptance(user: AuthUser, applicationId: string, body: AcceptanceDecisionBody): Promise<MaterialsCase> {
  const c = await loadCase(user, applicationId);
  if (c.acceptance.status !== 'awaiting') throw invalidState('该申请不在待受理状态，请刷新后查看');
  const now = new Date();
  Object.assign(c.acceptance, { decidedAt: now, decidedBy: user.id });
  if (body.decision === 'return') {
    for (const m of c.materials) m.returnReason = null;
    for (const r of body.reasons) requirementOf(c, r.materialId).material.returnReason = r.reason;
    Object.assign(c.acceptance, { status: 'returned', reason: body.reasons.map((r) => `${requirementOf(c, r.materialId).material.name}：${r.reason}`).join('；') });
    return caseOf(await saveCase(c, { event: 'acceptance.decided', actor: user, payload: { decision: 'return', reasons: body.reasons } }));
  }
  const clock = await currentClock();
  const today = shanghaiDate(now);
  const gaps: Array<{ materialId: string; dueOn: string; covered: boolean }> = [];
  const checks: Array<{ materialId: string; dueOn: string }> = [];
  for (const m of c.materials) {
    const { requirement } = requirementOf(c, m.materialId);
    m.returnReason = null;
    if (m.state === 'gap' && m.gap && !m.gap.closedAt) {
      const due = clock.addWorkingDays(today, requirement.supplementWorkingDays ?? 5);
      m.gap.dueOn = due.date;
      gaps.push({ materialId: m.materialId, dueOn: due.date, covered: due.covered });
    }
    if (m.state === 'commitment' && m.commitment) {
      const dueOn = clock.addWorkingDays(today, c.requirements.commitmentCheckWorkingDays).date;
      m.commitment.check = { dueOn, status: 'open', method: null, note: null, decidedAt: null, decidedBy: null, penaltyId: null };
      checks.push({ materialId: m.materialId, dueOn });
    }
  }
  const tier = c.acceptance.privileges?.tier ?? c.app.creditSnapshot?.tier ?? 'blue';
  Object.assign(c.acceptance, { status: 'accepted', acceptedOn: today, supplementDueOn: earliestOpenGap(c.materials), reason: null });
  const limit = timeLimitWorkingDays(tier, c.matter);
  return caseOf(await saveCase(c, {
    event: 'acceptance.decided', actor: user,
    payload: { decision: 'accept', acceptedOn: today, tier, timeLimitWorkingDays: limit, gaps, commitmentChecks: checks },
    // red's shorter limit runs from acceptance
    set: { timeLimitWorkingDays: limit },
  }));
}

/** 不予受理 once a supplement deadline was missed (the clock stopped): the application ends, with the reason. */
export async function refuseAcceptance(user: AuthUser, applicationId: string, reason: string): Promise<MaterialsCase> {
  const c = await loadCase(user, applicationId);
  if (c.acceptance.status !== 'accepted' || !c.acceptance.clockStoppedOn) {
    throw invalidState('只有容缺材料逾期未补、已停止计时的申请可以不予受理');
  }
  return endCase(c, user, `不予受理：${reason}`);
}

/** Ends the application (rejected, or revoked once approved) and records the acceptance as refused. */
export async function endCase(c: MaterialsCase, actor: AuthUser | 'system', reason: string): Promise<MaterialsCase> {
  Object.assign(c.acceptance, { status: 'refused', reason, decidedAt: new Date(), decidedBy: actor === 'system' ? 'system' : actor.id });
  const saved = await saveCase(c, { event: 'acceptance.decided', actor, payload: { decision: 'refuse', reason } });
  const to = saved.status === 'approved' ? 'revoked' : 'rejected';
  if (saved.status !== 'rejected' && saved.status !== 'revoked' && saved.status !== 'withdrawn') {
    await transitionApplication(String(saved._id), { from: saved.status, to, actor: actor === 'system' ? 'system' : actor, reason });
  }
  return caseOf((await ApplicationModel.findById(saved._id).lean<ApplicationRecord>())!);
}

const queueStatuses: AcceptanceStatus[] = ['awaiting', 'accepted', 'returned'];

/** The desk's work: sets to accept, gaps still open, clocks stopped, commitments to verify (newest first). */
export async function acceptanceQueue(): Promise<MaterialsCase[]> {
  const docs = await ApplicationModel.find({ 'acceptance.status': { $in: queueStatuses } }).sort({ _id: -1 }).limit(200).lean<ApplicationRecord[]>();
  const cases = await Promise.all(docs.map(caseOf));
  return cases.filter((c) => c.acceptance.status !== 'accepted' || c.materials.some((m) =>
    (m.gap && !m.gap.closedAt) || m.commitment?.check?.status === 'open'));
}

/**
 * Stops the clock of every accepted application whose supplement deadline has passed with a gap still open, records
 * it and tells the applicant. Idempotent: a stopped clock is not stopped again. Returns how many stopped.
 */
export async function sweepOverdueSupplements(deps: { notifier?: Notifier; logger?: Logger; now?: Date } = {}): Promise<number> {
  const today = shanghaiDate(deps.now ?? new Date());
  const due = await ApplicationModel.find({
    'acceptance.status': 'accepted', 'acceptance.clockStoppedOn': null, 'acceptance.supplementDueOn': { $lt: today },
  }).lean<ApplicationRecord[]>();
  let stopped = 0;
  for (const app of due) {
    const c = await caseOf(app);
    const overdue = c.materials.filter((m) => m.gap && !m.gap.closedAt && m.gap.dueOn && m.gap.dueOn < today);
    if (overdue.length === 0) continue;
    c.acceptance.clockStoppedOn = today;
    try {
      await saveCase(c, {
        event: 'supplement.overdue', actor: 'system',
        payload: { stoppedOn: today, materials: overdue.map((m) => ({ materialId: m.materialId, name: m.name, dueOn: m.gap!.dueOn })) },
      });
    } catch (err) {
      // another instance stopped it first, or the applicant just supplemented: the next sweep reads it again
      if (err instanceof AppError) continue;
      throw err;
    }
    stopped++;
    const names = overdue.map((m) => m.name).join('、');
    deps.logger?.info({ applicationId: String(app._id), stoppedOn: today }, 'supplement deadline missed: clock stopped');
    await deps.notifier?.notify({
      kind: 'supplement_overdue', inspectionId: String(app._id), subjectId: String(app.subjectId),
      page: `packages/application/materials/index?id=${String(app._id)}`, text: `容缺材料逾期未补：${names}`,
    });
  }
  return stopped;
}

/** Runs the sweep every `everyMs` (default hourly) until stopped. */
export function createSupplementSweeper(deps: { notifier: Notifier; logger: Logger; everyMs?: number }) {
  let timer: NodeJS.Timeout | null = null;
  return {
    start() {
      if (timer) return;
      const run = () => sweepOverdueSupplements(deps).catch((err: Error) => deps.logger.error({ err: err.message }, 'supplement sweep failed'));
      void run();
      timer = setInterval(run, deps.everyMs ?? 3_600_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

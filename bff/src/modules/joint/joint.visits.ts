import { Types } from 'mongoose';
import {
  combineJointResult, jointOutcomeLabels, shanghaiDate, visitsSpared, type JointItemResult, type JointOutcome,
  type JointVisit, type JointVisitCall, type JointVisitStatus, type RecordEvent, type Rectification, type Scene,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { findUsers } from '../auth/users.directory';
import { currentClock } from '../calendar/calendar.service';
import { CreditPenaltyModel } from '../credit/credit-penalty.model';
import { departmentsByCode } from '../departments/departments.service';
import { appendEvent, listEvents } from '../ledger/ledger.service';
import { requireMediaOf } from '../media/media.model';
import { findSubject } from '../subjects/subjects.service';
import { JointClaimModel, JointVisitModel, type JointVisitDoc } from './joint.model';
import { getScene } from './joint.scenes';

/** What the events of a visit's chain say happened to it. The visit document holds only who and what was planned. */
interface VisitState {
  bookedSlot: { start: string; end: string } | null;
  /** The remote calls held for the visit, oldest first. */
  calls: JointVisitCall[];
  judgments: Map<string, { result: JointItemResult; note: string; photoIds: string[]; at: string }>;
  concluded: { outcome: JointOutcome; at: string; penaltyId: string | null } | null;
  rectifications: Rectification[];
}

type PlannedRectification = Omit<Rectification, 'status' | 'recheckedAt' | 'recheckNote'>;

/** The payload fields of the joint event types (each type carries its own subset). */
interface JointPayload {
  start: string; end: string;
  departmentCode: string; itemId: string; result: JointItemResult; note: string; photoIds: string[];
  outcome: JointOutcome; penaltyId?: string | null; rectifications: PlannedRectification[];
  rectificationId: string; passed: boolean; followUp?: PlannedRectification;
  callId: string; action: 'opened' | 'ended'; durationSeconds: number | null;
}

const itemKey = (departmentCode: string, itemId: string) => `${departmentCode}:${itemId}`;

function fold(events: RecordEvent[]): VisitState {
  const state: VisitState = { bookedSlot: null, calls: [], judgments: new Map(), concluded: null, rectifications: [] };
  for (const e of events) {
    const p = e.payload as unknown as JointPayload;
    if (e.type === 'joint.booked') state.bookedSlot = { start: p.start, end: p.end };
    if (e.type === 'joint.call' && p.action === 'opened') state.calls.push({ id: p.callId, startedAt: e.at, endedAt: null, durationSeconds: null });
    if (e.type === 'joint.call' && p.action === 'ended') Object.assign(state.calls.find((c) => c.id === p.callId) ?? {}, { endedAt: e.at, durationSeconds: p.durationSeconds });
    if (e.type === 'joint.judged') state.judgments.set(itemKey(p.departmentCode, p.itemId), { result: p.result, note: p.note, photoIds: p.photoIds, at: e.at });
    if (e.type === 'joint.concluded') {
      state.concluded = { outcome: p.outcome, at: e.at, penaltyId: p.penaltyId ?? null };
      state.rectifications = p.rectifications.map((r) => ({ ...r, status: 'open', recheckedAt: null, recheckNote: null }));
    }
    if (e.type === 'joint.rechecked') {
      const r = state.rectifications.find((x) => x.id === p.rectificationId);
      if (r) Object.assign(r, { status: p.passed ? 'passed' : 'failed_recheck', recheckedAt: e.at, recheckNote: p.note });
      if (p.followUp) state.rectifications.push({ ...p.followUp, status: 'open', recheckedAt: null, recheckNote: null });
    }
  }
  return state;
}

function statusOf(state: VisitState): JointVisitStatus {
  if (state.concluded) return state.rectifications.some((r) => r.status === 'open') ? 'rectifying' : 'closed';
  if (state.judgments.size > 0) return 'judging';
  return state.bookedSlot ? 'booked' : 'planned';
}

async function visitDoc(id: string): Promise<JointVisitDoc> {
  const doc = Types.ObjectId.isValid(id) ? await JointVisitModel.findById(id).lean<JointVisitDoc>() : null;
  if (!doc) throw new AppError('JOINT.VISIT_NOT_FOUND');
  return doc;
}

function mayRead(user: AuthUser, v: JointVisitDoc): boolean {
  if (user.role === 'staff' || user.role === 'admin') return true;
  if (user.role === 'applicant') return !!user.subjectId && user.subjectId === String(v.subjectId);
  return v.inspectorIds.some((i) => String(i) === user.id);
}

/** The visit, if this user may see it (its business, its drawn inspectors, staff); 404 otherwise, as for a missing one. */
async function accessibleVisit(user: AuthUser, id: string): Promise<JointVisitDoc> {
  const v = await visitDoc(id);
  if (!mayRead(user, v)) throw new AppError('JOINT.VISIT_NOT_FOUND');
  return v;
}

async function toVisit(v: JointVisitDoc, scene: Scene, state: VisitState): Promise<JointVisit> {
  const [subject, departments, inspectors] = await Promise.all([
    findSubject(String(v.subjectId)),
    departmentsByCode(v.inspectors.map((x) => x.departmentCode)),
    findUsers(v.inspectors.map((x) => String(x.inspectorId))),
  ]);
  return {
    id: String(v._id), planId: String(v.planId), sceneCode: v.sceneCode, sceneName: scene.name, mode: v.mode,
    subjectId: String(v.subjectId), subjectName: subject?.name ?? '', siteAddress: subject?.siteAddress ?? '',
    tier: v.tier as JointVisit['tier'], tracked: v.tracked, scheduledDate: v.scheduledDate, bookedSlot: state.bookedSlot, calls: state.calls,
    status: statusOf(state),
    departments: v.inspectors.map(({ departmentCode, inspectorId }) => ({
      departmentCode, departmentName: departments.get(departmentCode)?.name ?? departmentCode,
      inspectorId: String(inspectorId), inspectorName: inspectors.find((u) => u.id === String(inspectorId))?.displayName ?? '',
      items: (scene.departments.find((d) => d.departmentCode === departmentCode)?.items ?? []).map((item) => {
        const j = state.judgments.get(itemKey(departmentCode, item.id));
        return { ...item, result: j?.result ?? null, note: j?.note ?? null, judgedAt: j?.at ?? null, photoIds: j?.photoIds ?? [] };
      }),
    })),
    outcome: state.concluded?.outcome ?? null, concludedAt: state.concluded?.at ?? null,
    rectifications: state.rectifications, penaltyId: state.concluded?.penaltyId ?? null,
    visitsSpared: state.concluded ? visitsSpared(v.inspectors.length) : 0,
  };
}

async function load(v: JointVisitDoc) {
  const [scene, events] = await Promise.all([getScene(v.sceneCode, v.sceneVersion), listEvents(v._id)]);
  return { scene, state: fold(events) };
}

export async function getVisit(user: AuthUser, id: string): Promise<JointVisit> {
  const v = await accessibleVisit(user, id);
  const { scene, state } = await load(v);
  return toVisit(v, scene, state);
}

export async function listVisits(user: AuthUser, filter: { planId?: string | undefined }): Promise<JointVisit[]> {
  const query: Record<string, unknown> = {};
  if (filter.planId) query.planId = new Types.ObjectId(filter.planId);
  if (user.role === 'applicant') {
    if (!user.subjectId) return [];
    query.subjectId = new Types.ObjectId(user.subjectId);
  } else if (user.role === 'inspector') query.inspectorIds = new Types.ObjectId(user.id);
  const docs = await JointVisitModel.find(query).sort({ scheduledDate: 1, _id: 1 }).limit(200).lean<JointVisitDoc[]>();
  const out: JointVisit[] = [];
  for (const v of docs) {
    const { scene, state } = await load(v);
    out.push(await toVisit(v, scene, state));
  }
  return out;
}

/** A subject's joint-visit history for the frequency table: its last concluded visit and its open rectifications. */
export async function jointHistoryOf(subjectId: string): Promise<{ lastVisitedAt: Date | null; openFindings: number }> {
  const docs = await JointVisitModel.find({ subjectId: new Types.ObjectId(subjectId) }).lean<JointVisitDoc[]>();
  let last: Date | null = null;
  let open = 0;
  for (const v of docs) {
    const state = fold(await listEvents(v._id));
    if (state.concluded && (!last || new Date(state.concluded.at) > last)) last = new Date(state.concluded.at);
    open += state.rectifications.filter((r) => r.status === 'open').length;
  }
  return { lastVisitedAt: last, openFindings: open };
}

const actorOf = (user: AuthUser) => ({ id: user.id, role: user.role });

/** The business books the time of a remote joint visit, on its planned day (Asia/Shanghai), in the future. */
export async function bookVisit(user: AuthUser, id: string, start: Date): Promise<JointVisit> {
  const v = await accessibleVisit(user, id);
  if (v.mode !== 'remote') throw new AppError('JOINT.NOT_REMOTE');
  const { state } = await load(v);
  if (statusOf(state) !== 'planned' && statusOf(state) !== 'booked') throw new AppError('JOINT.INVALID_STATE');
  if (start <= new Date() || shanghaiDate(start) !== v.scheduledDate) {
    throw new AppError('JOINT.SLOT_INVALID', { message: `预约时间须在计划日期 ${v.scheduledDate} 当天且晚于现在` });
  }
  const end = new Date(start.getTime() + 60 * 60_000);
  await appendEvent({ inspectionId: v._id, type: 'joint.booked', actor: actorOf(user), payload: { start: start.toISOString(), end: end.toISOString() } });
  return getVisit(user, id);
}

/** A department inspector judges one of their own department's items; another department's item is 403. */
export async function judgeItem(
  user: AuthUser, id: string, departmentCode: string, itemId: string,
  body: { result: JointItemResult; note: string; photoIds: string[] },
  /** Judged in the visit's remote call: the photos are that call's evidence, and the judgment names the call. */
  inCall?: { callId: Types.ObjectId },
): Promise<JointVisit> {
  const v = await accessibleVisit(user, id);
  const mine = v.inspectors.find((x) => x.departmentCode === departmentCode);
  if (!mine || String(mine.inspectorId) !== user.id) throw new AppError('JOINT.OTHER_DEPARTMENT');
  const { scene, state } = await load(v);
  if (state.concluded) throw new AppError('JOINT.INVALID_STATE', { message: '本次检查已汇总结果，不能再修改判定' });
  const item = scene.departments.find((d) => d.departmentCode === departmentCode)?.items.find((i) => i.id === itemId);
  if (!item) throw new AppError('JOINT.ITEM_NOT_FOUND');
  if (body.result === 'fail' && !body.note.trim()) throw new AppError('JOINT.NOTE_REQUIRED');
  await requireMediaOf(inCall?.callId ?? v._id, body.photoIds, 'body.photoIds');
  await appendEvent({
    inspectionId: v._id, type: 'joint.judged', actor: actorOf(user),
    payload: { departmentCode, itemId, result: body.result, note: body.note, photoIds: body.photoIds, ...(inCall ? { callId: String(inCall.callId) } : {}) },
  });
  return getVisit(user, id);
}

/**
 * Combines the departments' judgments once every item is judged. Failed items become rectifications due in the
 * scene's working days; a failed serious item also sends one credit penalty through the outbox. Claimed by a unique
 * insert, so two people concluding at once give one conclusion.
 */
export async function concludeVisit(user: AuthUser, id: string, requirements: Record<string, string>): Promise<JointVisit> {
  const v = await accessibleVisit(user, id);
  const { scene, state } = await load(v);
  if (state.concluded) throw new AppError('JOINT.INVALID_STATE', { message: '本次检查已汇总结果' });
  const items = v.inspectors.flatMap(({ departmentCode }) => (scene.departments.find((d) => d.departmentCode === departmentCode)?.items ?? [])
    .map((item) => ({ departmentCode, item, judged: state.judgments.get(itemKey(departmentCode, item.id)) })));
  const combined = combineJointResult(items.map((i) => ({ department: i.departmentCode, result: i.judged?.result ?? null, serious: i.item.serious })));
  if (!combined.complete || !combined.outcome) {
    const names = await departmentsByCode(combined.pendingDepartments);
    throw new AppError('JOINT.INCOMPLETE', { message: `还有部门未完成判定：${combined.pendingDepartments.map((d) => names.get(d)?.name ?? d).join('、')}` });
  }
  const failed = items.filter((i) => i.judged?.result === 'fail');
  const missing = failed.filter((f) => !requirements[itemKey(f.departmentCode, f.item.id)]?.trim());
  if (missing.length > 0) throw new AppError('JOINT.REQUIREMENT_MISSING', { message: `请填写整改要求：${missing.map((m) => m.item.title).join('、')}` });
  try {
    await JointClaimModel.create({ _id: `${id}:concluded`, by: user.id, at: new Date() });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('JOINT.INVALID_STATE', { message: '本次检查已汇总结果' });
    throw err;
  }
  const dueDate = (await currentClock()).addWorkingDays(shanghaiDate(new Date()), scene.rectificationWorkingDays).date;
  const rectifications = failed.map((f) => ({
    id: itemKey(f.departmentCode, f.item.id), departmentCode: f.departmentCode, itemId: f.item.id, title: f.item.title,
    requirement: requirements[itemKey(f.departmentCode, f.item.id)]!.trim(), dueDate,
  }));
  const penaltyId = combined.outcome === 'serious' ? await penalise(user, v, failed.filter((f) => f.item.serious).map((f) => f.item.title)) : null;
  await appendEvent({
    inspectionId: v._id, type: 'joint.concluded', actor: actorOf(user),
    payload: { outcome: combined.outcome, outcomeLabel: jointOutcomeLabels[combined.outcome], rectifications, penaltyId, departments: v.inspectors.length },
  });
  return getVisit(user, id);
}

/** One penalty per visit (its idempotency key is the visit's), delivered by the existing outbox worker. */
async function penalise(user: AuthUser, v: JointVisitDoc, seriousTitles: string[]): Promise<string> {
  const subject = await findSubject(String(v.subjectId));
  const now = new Date();
  const key = `joint-${String(v._id)}`;
  try {
    const created = await CreditPenaltyModel.create({
      idempotencyKey: key, inspectionId: v._id, subjectId: v.subjectId, uscc: subject?.uscc ?? null, matterCode: `joint-${v.sceneCode}`,
      reason: `综合查一次发现严重问题：${seriousTitles.join('、')}`, checklistItemIds: [], evidenceMediaIds: [],
      flaggedBy: user.id, flaggedAt: now, delivery: { attempts: 0, nextAttemptAt: now },
    });
    return String(created._id);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await CreditPenaltyModel.findOne({ idempotencyKey: key }).lean();
    return String(existing!._id);
  }
}

/** The department that found a problem rechecks its rectification; a failed recheck opens a follow-up with a new deadline. */
export async function recheck(user: AuthUser, id: string, rectificationId: string, body: { passed: boolean; note: string }): Promise<JointVisit> {
  const v = await accessibleVisit(user, id);
  const { scene, state } = await load(v);
  const r = state.rectifications.find((x) => x.id === rectificationId);
  if (!r) throw new AppError('JOINT.RECTIFICATION_NOT_FOUND');
  const mine = v.inspectors.find((x) => x.departmentCode === r.departmentCode);
  if (!mine || String(mine.inspectorId) !== user.id) throw new AppError('JOINT.OTHER_DEPARTMENT');
  if (r.status !== 'open') throw new AppError('JOINT.INVALID_STATE', { message: '该整改事项已复查' });
  try {
    await JointClaimModel.create({ _id: `${id}:${rectificationId}:recheck`, by: user.id, at: new Date() });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('JOINT.INVALID_STATE', { message: '该整改事项已复查' });
    throw err;
  }
  const followUp = body.passed ? undefined : {
    id: `${rectificationId}+`, departmentCode: r.departmentCode, itemId: r.itemId, title: r.title, requirement: r.requirement,
    dueDate: (await currentClock()).addWorkingDays(shanghaiDate(new Date()), scene.rectificationWorkingDays).date,
  };
  await appendEvent({ inspectionId: v._id, type: 'joint.rechecked', actor: actorOf(user), payload: { rectificationId, passed: body.passed, note: body.note, ...(followUp ? { followUp } : {}) } });
  return getVisit(user, id);
}

/** The visit document and its state, if this user may see it (verification, the remote call). */
export async function visitForVerify(user: AuthUser, id: string): Promise<JointVisitDoc> {
  return accessibleVisit(user, id);
}
export async function visitWithState(user: AuthUser, id: string) {
  const v = await accessibleVisit(user, id);
  const { scene, state } = await load(v);
  return { visit: v, scene, status: statusOf(state) };
}

export { fold as foldVisitEvents, statusOf as visitStatusOf };

import { Types } from 'mongoose';
import {
  inspectionDurationSeconds, inspectionStatusLabels, latestJudgments, statusesAllowing,
  type ChecklistPointState, type InspectionAction, type InspectionDetail, type InspectionMode, type InspectionStatus,
  type InspectionSummary,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { findUsers } from '../auth/users.directory';
import { getMatter, matterNameOf } from '../matters/matters.service';
import type { ApplicationRecord } from '../applications/applications.model';
import { appendEvent } from '../ledger/ledger.service';
import { InspectionModel, type InspectionRecord } from './inspection.model';
import { canAccess, findAccessibleInspection as findAccessibleInspectionOrThrow } from './inspections.access';
import { callSubjectOf, isApplicationCall, mayJudge } from './inspections.call-subject';
import { concludedPage } from './inspections.feed';
import { addToQueues, openStatuses, queueOf, shanghaiToday } from './inspections.queues';

/**
 * The inspection itself: creation (called by the credit gate), the role-scoped queue, the detail view, and the one
 * conditional update every state move goes through. Booking, joining, judging and concluding live beside it.
 */

export const invalidState = (message?: string) => new AppError('INSPECTION.INVALID_STATE', message ? { message } : undefined);

/**
 * Creates the inspection of an application that the credit gate sent to a remote (or on-site) inspection, with the
 * matter's checklist as it stands now. Idempotent: an application's open inspection is returned as it is.
 */
export async function createInspectionForApplication(
  application: Pick<ApplicationRecord, '_id' | 'subjectId' | 'matterCode' | 'assignedInspectorIds' | 'siteAddress' | 'site' | 'siteOrigin' | 'presite'>,
  mode: InspectionMode,
  opts: { recheckOf?: Types.ObjectId } = {},
): Promise<InspectionRecord> {
  const open = await InspectionModel.findOne({ applicationId: application._id, status: { $in: ['created', 'booked', 'in_progress'] } })
    .lean<InspectionRecord>();
  if (open) return open;
  const matter = await getMatter(application.matterCode);
  const created = await InspectionModel.create({
    applicationId: application._id,
    subjectId: application.subjectId,
    matterCode: application.matterCode,
    mode,
    status: 'created',
    inspectorIds: application.assignedInspectorIds,
    site: { address: application.siteAddress, lat: application.site?.lat, lng: application.site?.lng, origin: application.site ? (application.siteOrigin ?? 'registered') : undefined },
    checklist: matter.checklist.map(({ id, title, guidance, requiresPhoto, verifiesCommitment }) => {
      const settled = application.presite?.settled.find((s) => s.checklistItemId === id);
      return { id, title, guidance, requiresPhoto, verifiesCommitment, ...(settled ? { settledBy: { adviceId: application.presite!.adviceId, ruleTitle: settled.ruleTitle, figure: settled.figure } } : {}) };
    }),
    recheckOf: opts.recheckOf ?? null,
  });
  await addToQueues(created._id, created.inspectorIds);
  await appendEvent({
    inspectionId: created._id,
    type: 'created',
    actor: 'system',
    payload: { applicationId: String(application._id), mode, matterCode: application.matterCode, siteOrigin: application.site ? (application.siteOrigin ?? 'registered') : null, recheckOf: opts.recheckOf ? String(opts.recheckOf) : null },
  });
  return created.toObject() as unknown as InspectionRecord;
}

/**
 * Staff moved an application to other inspectors: its open inspection follows (the new inspectors see it, offer
 * slots and join; the old ones no longer do), and the change is on the record. A finished inspection keeps who did it.
 */
export async function reassignOpenInspection(applicationId: Types.ObjectId, inspectorIds: Types.ObjectId[], actor: AuthUser, reason: string): Promise<void> {
  const open = await InspectionModel.findOne({ applicationId, status: { $in: ['created', 'booked', 'in_progress'] } }, { _id: 1, inspectorIds: 1 })
    .lean<Pick<InspectionRecord, '_id' | 'inspectorIds'>>();
  if (!open) return;
  await InspectionModel.updateOne({ _id: open._id }, { $set: { inspectorIds } });
  await addToQueues(open._id, inspectorIds);
  await appendEvent({
    inspectionId: open._id, type: 'assigned', actor,
    payload: { inspectorIds: inspectorIds.map(String), previousInspectorIds: open.inspectorIds.map(String), reason },
  });
}

/** The inspection of an id, with no access check: for the signalling server and other trusted callers. */
export async function getInspectionById(id: string | Types.ObjectId): Promise<InspectionRecord | null> {
  if (!Types.ObjectId.isValid(String(id))) return null;
  return InspectionModel.findById(id).lean<InspectionRecord>();
}

/** Whether this user takes part: their subject's applicant, an assigned inspector, an invited expert. Staff observe. */
export function isParticipant(user: AuthUser, inspection: InspectionRecord): boolean {
  return canAccess(user, inspection);
}

/**
 * Moves an inspection only if it is still in one of `from`: the conditional update is what makes two racing
 * requests safe without transactions. Throws `INSPECTION.INVALID_STATE` when it was not.
 */
export async function updateInStatus(
  id: Types.ObjectId,
  from: readonly InspectionStatus[],
  update: Record<string, unknown>,
  message?: string,
): Promise<InspectionRecord> {
  const updated = await InspectionModel.findOneAndUpdate({ _id: id, status: { $in: [...from] } }, update, { returnDocument: 'after' }).lean<InspectionRecord>();
  if (!updated) throw invalidState(message);
  return updated;
}

/** Whether the inspection's checklist has this point. */
export const hasChecklistItem = (inspection: Pick<InspectionRecord, 'checklist'>, itemId: string) =>
  (inspection.checklist ?? []).some((item) => item.id === itemId);

export function requireStatus(inspection: InspectionRecord, allowed: readonly InspectionStatus[], action: InspectionAction): void {
  if (!allowed.includes(inspection.status as InspectionStatus)) {
    throw invalidState(`踏勘当前为「${inspectionStatusLabels[inspection.status as InspectionStatus] ?? inspection.status}」，不能${actionLabels[action]}`);
  }
}

const actionLabels: Record<InspectionAction, string> = {
  offer_slots: '提供预约时段', book: '预约', start: '开始踏勘', join: '加入视频', judge: '判定踏勘要点',
  conclude: '作出结论', cancel: '取消', invite: '邀请专家', request_still: '请求拍照', add_opinion: '提交专家意见',
};

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function toSummary(i: InspectionRecord): InspectionSummary {
  return {
    id: String(i._id),
    applicationId: i.applicationId ? String(i.applicationId) : '',
    subjectId: String(i.subjectId),
    matterCode: i.matterCode,
    // a case's call reads as its case (综合查一次 · 餐饮企业), an application's as its matter
    matterName: isApplicationCall(i) ? matterNameOf(i.matterCode) : callSubjectOf(i).title,
    mode: i.mode,
    status: i.status as InspectionStatus,
    statusLabel: inspectionStatusLabels[i.status as InspectionStatus] ?? i.status,
    slot: i.slot?.start && i.slot.end ? { start: iso(i.slot.start)!, end: iso(i.slot.end)! } : null,
    siteAddress: i.site?.address ?? null,
    createdAt: iso(i.createdAt)!,
    callFor: callSubjectOf(i),
  };
}

/** The points with their latest judgments; with a viewer, whether that viewer may judge each (a department's own items). */
export function checklistState(i: InspectionRecord, viewer?: AuthUser): ChecklistPointState[] {
  const all = i.judgments ?? [];
  const latest = latestJudgments(all);
  return (i.checklist ?? []).map(({ departmentCode: _code, judgeIds: _judges, ...item }) => {
    const j = latest.get(item.id);
    return {
      ...item,
      ...(viewer ? { mayJudge: mayJudge(viewer, { ...item, judgeIds: _judges }) } : {}),
      result: j?.result ?? null,
      note: j?.note ?? null,
      photoIds: j?.photoIds ?? [],
      judgedAt: iso(j?.at),
      judgedBy: j?.by ?? null,
      judgments: all.filter((x) => x.itemId === item.id).length,
    };
  });
}

/** The detail a participant or staff member sees; `offeredSlots` is what this caller may pick or has offered. */
export async function toDetail(i: InspectionRecord, offeredSlots: { _id: Types.ObjectId; start: Date; end: Date }[], viewer?: AuthUser): Promise<InspectionDetail> {
  const people = await findUsers([...i.inspectorIds, ...i.expertIds].map(String));
  const c = i.conclusion;
  return {
    ...toSummary(i),
    rtcPreference: i.rtcPreference ?? 'auto',
    offeredSlots: offeredSlots.map((s) => ({ id: String(s._id), start: iso(s.start)!, end: iso(s.end)! })),
    participants: people.map((p) => ({ userId: p.id, role: p.role, displayName: p.displayName })),
    checklist: checklistState(i, viewer),
    conclusion: c ? { ...c, concludedAt: iso(c.concludedAt)! } : null,
    opinions: (i.opinions ?? []).map((o) => ({ ...o, at: iso(o.at)! })),
    firstJoinAt: iso(i.firstJoinAt),
    concludedAt: iso(i.concludedAt),
    durationSeconds: i.durationSeconds ?? inspectionDurationSeconds(i.firstJoinAt, i.concludedAt),
    recheckOf: i.recheckOf ? String(i.recheckOf) : null,
  };
}

function scopeOf(user: AuthUser): Record<string, unknown> {
  switch (user.role) {
    case 'staff':
    case 'admin':
      return {};
    case 'applicant':
      return user.subjectId && Types.ObjectId.isValid(user.subjectId) ? { subjectId: new Types.ObjectId(user.subjectId) } : { _id: { $in: [] } };
    case 'inspector':
      return { inspectorIds: new Types.ObjectId(user.id) };
    case 'expert':
      return { expertIds: new Types.ObjectId(user.id) };
    case 'dept_reviewer':
      return { _id: { $in: [] } };
  }
}

export interface QueueFilter {
  when?: 'today' | 'upcoming' | 'overdue';
  status?: InspectionStatus;
  mode?: InspectionMode;
  q?: string;
  order?: 'slot' | 'recent';
  cursor?: string;
  limit: number;
}

/** Staff asking for concluded inspections newest first, searched or not: what the desk's lists hold. */
const isDeskPage = (user: AuthUser, filter: QueueFilter) => (user.role === 'staff' || user.role === 'admin')
  && filter.status === 'concluded' && !filter.when;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An inspector's tab (today, upcoming, overdue, waiting for slots): answered from the inspector's list. */
const isQueueTab = (user: AuthUser, filter: QueueFilter) => user.role === 'inspector'
  && (filter.when !== undefined || (filter.status !== undefined && openStatuses.includes(filter.status)));

/** The same filter as `listInspections` builds for the database, applied to inspections read by `_id`. */
function matchesFilter(i: InspectionRecord, filter: QueueFilter, now: Date): boolean {
  if (filter.status && i.status !== filter.status) return false;
  if (filter.mode && i.mode !== filter.mode) return false;
  if (filter.q) {
    const words = new RegExp(escapeRegExp(filter.q), 'i');
    if (!words.test(i.site?.address ?? '') && !words.test(i.matterCode) && String(i._id) !== filter.q.toLowerCase()) return false;
  }
  const start = i.slot?.start ? new Date(i.slot.start).getTime() : undefined;
  const end = i.slot?.end ? new Date(i.slot.end).getTime() : undefined;
  const today = shanghaiToday(now);
  if (filter.when === 'today') return start !== undefined && start >= today.start.getTime() && start < today.end.getTime();
  if (filter.when === 'upcoming') return start !== undefined && start >= today.end.getTime();
  if (filter.when === 'overdue') return end !== undefined && end < now.getTime() && ['booked', 'in_progress'].includes(i.status);
  return true;
}

/** One page of an inspector's tab, in the order the database would give it. */
async function queuePage(user: AuthUser, filter: QueueFilter, now: Date): Promise<{ items: InspectionSummary[]; nextCursor: string | null }> {
  const found = (await queueOf(user.id, shanghaiToday(now).start)).filter((i) => matchesFilter(i, filter, now));
  const id = (i: InspectionRecord) => String(i._id);
  if (filter.order === 'recent') {
    const newest = found.filter((i) => !filter.cursor || id(i) < filter.cursor).sort((a, b) => (id(a) < id(b) ? 1 : -1));
    const items = newest.slice(0, filter.limit);
    return { items: items.map(toSummary), nextCursor: newest.length > filter.limit ? id(items.at(-1)!) : null };
  }
  const startOf = (i: InspectionRecord) => (i.slot?.start ? new Date(i.slot.start).getTime() : -Infinity);
  const soonest = found.sort((a, b) => startOf(a) - startOf(b) || (id(a) < id(b) ? -1 : 1));
  return { items: soonest.slice(0, filter.limit).map(toSummary), nextCursor: null };
}

/**
 * The inspections this user may see. In the queue's order (soonest slot first: today's calls, upcoming ones, or
 * overdue ones) one page; newest first (`recent`) paged by `_id`, so a page never repeats or skips an item when
 * others are created meanwhile.
 */
export async function listInspections(user: AuthUser, filter: QueueFilter, now = new Date()): Promise<{ items: InspectionSummary[]; nextCursor: string | null }> {
  // an inspector's tabs: from the inspector's list kept in documents, not by reading every inspection (inspections.queues.ts)
  if (isQueueTab(user, filter)) return queuePage(user, filter, now);
  const and: Record<string, unknown>[] = [scopeOf(user)];
  if (filter.status) and.push({ status: filter.status });
  if (filter.mode) and.push({ mode: filter.mode });
  if (filter.q) {
    const words = new RegExp(escapeRegExp(filter.q), 'i');
    const byId = Types.ObjectId.isValid(filter.q) && /^[0-9a-f]{24}$/i.test(filter.q) ? [{ _id: new Types.ObjectId(filter.q) }] : [];
    and.push({ $or: [{ 'site.address': words }, { matterCode: words }, ...byId] });
  }
  const today = shanghaiToday(now);
  if (filter.when === 'today') and.push({ 'slot.start': { $gte: today.start, $lt: today.end } });
  if (filter.when === 'upcoming') and.push({ 'slot.start': { $gte: today.end } });
  if (filter.when === 'overdue') and.push({ 'slot.end': { $lt: now }, status: { $in: ['booked', 'in_progress'] } });
  if (filter.order === 'recent') {
    // the review desk: from its lists kept in documents, not by reading every inspection (inspections.feed.ts)
    const deskPage = isDeskPage(user, filter) ? await concludedPage(filter) : undefined;
    if (deskPage) return { items: deskPage.items.map(toSummary), nextCursor: deskPage.nextCursor };
    if (filter.cursor) and.push({ _id: { $lt: new Types.ObjectId(filter.cursor) } });
    const docs = await InspectionModel.find({ $and: and }).sort({ _id: -1 }).limit(filter.limit + 1).lean<InspectionRecord[]>();
    const items = docs.slice(0, filter.limit);
    return { items: items.map(toSummary), nextCursor: docs.length > filter.limit ? String(items[items.length - 1]!._id) : null };
  }
  const docs = await InspectionModel.find({ $and: and }).sort({ 'slot.start': 1, _id: 1 }).limit(filter.limit).lean<InspectionRecord[]>();
  return { items: docs.map(toSummary), nextCursor: null };
}

/** Inspector or staff call an inspection off before it starts; the reason stays on it and on the record. */
export async function cancelInspection(user: AuthUser, id: string, reason: string): Promise<InspectionDetail> {
  const inspection = await findAccessibleInspectionOrThrow(user, id);
  requireStatus(inspection, statusesAllowing('cancel'), 'cancel');
  const cancelled = await updateInStatus(inspection._id, statusesAllowing('cancel'), {
    $set: { status: 'cancelled', cancellation: { by: user.id, reason, at: new Date() } },
  });
  await appendEvent({ inspectionId: inspection._id, type: 'cancelled', actor: user, payload: { reason, from: inspection.status } });
  return toDetail(cancelled, []);
}

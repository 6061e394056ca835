import { Types, type QueryFilter } from 'mongoose';
import {
  actorKindOf, canTransition, finalStatuses, shanghaiDate,
  type ApplicationStatus, type CreateApplicationBody, type InspectorLoad, type Role,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { findUsers, usersWithRole } from '../auth/users.directory';
import { reassignOpenInspection } from '../inspections/inspections.service';
import { getMatter } from '../matters/matters.service';
import { subjectOf } from '../subjects/subjects.service';
import { adviceCovering } from '../presite/presite.advice';
import { ApplicationModel, type ApplicationRecord, type StoredTimelineEntry } from './applications.model';
import { commitChange } from './application-changes';
import { initialSite } from './applications.site';
import { freshAcceptance } from '../acceptance/acceptance.model';

export { getMatter };

const notFound = () => new AppError('APPLICATION.NOT_FOUND');

/** The applications this user may see: own subject, assigned, or all (staff/admin). Experts: none (invitations are per inspection). */
export function visibleTo(user: AuthUser): QueryFilter<ApplicationRecord> {
  switch (user.role) {
    case 'staff':
    case 'admin':
      return {};
    case 'applicant':
      return user.subjectId && Types.ObjectId.isValid(user.subjectId)
        ? { subjectId: new Types.ObjectId(user.subjectId) }
        : { _id: { $in: [] } };
    case 'inspector':
      return { assignedInspectorIds: new Types.ObjectId(user.id) };
    case 'expert':
    case 'dept_reviewer':
      return { _id: { $in: [] } };
  }
}

/** `visibleTo` for one application already read: the same rule, checked in the BFF. */
export function canSee(user: AuthUser, app: Pick<ApplicationRecord, 'subjectId' | 'assignedInspectorIds'>): boolean {
  switch (user.role) {
    case 'staff':
    case 'admin':
      return true;
    case 'applicant':
      return user.subjectId !== null && String(app.subjectId) === user.subjectId;
    case 'inspector':
      return (app.assignedInspectorIds ?? []).some((id) => String(id) === user.id);
    case 'expert':
    case 'dept_reviewer':
      return false;
  }
}

/**
 * The application if this user may see it; otherwise 404 `APPLICATION.NOT_FOUND`, so its existence is not revealed.
 * Read by `_id` alone and checked here: the embedded FerretDB pushes a lone `_id` down to SQLite but filters any
 * other shape itself, row by row (35 ms against 377 ms with 5,000 applications stored).
 */
export async function getApplicationForUser(user: AuthUser, id: string): Promise<ApplicationRecord> {
  if (!Types.ObjectId.isValid(id)) throw notFound();
  const app = await ApplicationModel.findById(new Types.ObjectId(id)).lean<ApplicationRecord>();
  if (!app || !canSee(user, app)) throw notFound();
  return app;
}

export interface TransitionRequest {
  /** The status the caller saw; the move happens only if the application is still in it. Default: the current one. */
  from?: ApplicationStatus;
  to: ApplicationStatus;
  actor: AuthUser | 'system';
  reason: string;
  /** Extra fields set in the same atomic update (e.g. `creditSnapshot`, `inspectionId`, `timeLimitWorkingDays`). */
  patch?: Record<string, unknown>;
}

const protectedFields = new Set(['_id', 'status', 'version', 'timeline', 'assignments', 'assignedInspectorIds', 'subjectId', 'createdBy', 'createdAt']);

/**
 * Moves an application along the state machine: refused with 409 `APPLICATION.INVALID_TRANSITION` when the move is not
 * allowed for this actor, or when the status changed meanwhile (exactly one of racing writers wins: see
 * `application-changes.ts`). Visibility is the caller's job (`getApplicationForUser` first).
 */
export async function transitionApplication(id: string, req: TransitionRequest): Promise<ApplicationRecord> {
  if (!Types.ObjectId.isValid(id)) throw notFound();
  const _id = new Types.ObjectId(id);
  const current = await ApplicationModel.findById(_id, { status: 1, version: 1 }).lean<Pick<ApplicationRecord, 'status' | 'version'>>();
  if (!current) throw notFound();
  const from = req.from ?? current.status;
  const actorKind = req.actor === 'system' ? 'system' : actorKindOf(req.actor.role);
  if (!actorKind || !canTransition(from, req.to, actorKind)) {
    throw new AppError('APPLICATION.INVALID_TRANSITION', { details: { from, to: req.to } });
  }
  for (const key of Object.keys(req.patch ?? {})) {
    if (protectedFields.has(key) || key.includes('.') || key.startsWith('$')) throw new Error(`transitionApplication: patch may not set ${key}`);
  }
  const changed = () => new AppError('APPLICATION.INVALID_TRANSITION', { message: '申请状态已发生变化，请刷新后重试', details: { from, to: req.to } });
  if (current.status !== from) throw changed();
  const entry: StoredTimelineEntry = {
    from,
    to: req.to,
    actorId: req.actor === 'system' ? 'system' : req.actor.id,
    actorRole: req.actor === 'system' ? 'system' : req.actor.role,
    reason: req.reason,
    at: new Date(),
  };
  const won = await commitChange(_id, current.version ?? 0, { kind: 'transition', set: { ...req.patch, status: req.to }, push: { timeline: entry } });
  if (!won) throw changed();
  return (await ApplicationModel.findById(_id).lean<ApplicationRecord>())!;
}

/** Every inspector with the number of open (not final) applications assigned to them, by username. */
export async function inspectorLoads(): Promise<InspectorLoad[]> {
  const inspectors = await usersWithRole('inspector');
  return Promise.all(inspectors.map(async (inspector) => ({
    id: inspector.id,
    displayName: inspector.displayName,
    openApplications: await ApplicationModel.countDocuments({
      assignedInspectorIds: new Types.ObjectId(inspector.id),
      status: { $nin: [...finalStatuses] },
    }),
  })));
}

/** The inspector with the fewest open applications; ties go to the first username. */
async function leastBusyInspector(): Promise<string | null> {
  const loads = await inspectorLoads();
  return loads.reduce<InspectorLoad | null>((best, l) => (!best || l.openApplications < best.openApplications ? l : best), null)?.id ?? null;
}

export async function createApplication(user: AuthUser, body: CreateApplicationBody): Promise<ApplicationRecord> {
  const [subject, matter] = await Promise.all([subjectOf(user), getMatter(body.matterCode)]);
  const inspectorId = await leastBusyInspector();
  const now = new Date();
  const { site, siteOrigin, siteHistory } = initialSite(user, body.site, subject.site, now);
  const presite = await adviceCovering(subject._id, matter.code, site, shanghaiDate(now));
  const created = await ApplicationModel.create({
    subjectId: subject._id,
    subjectName: subject.name,
    matterCode: matter.code,
    matterName: matter.name,
    siteAddress: body.siteAddress,
    site,
    siteOrigin,
    siteHistory,
    presite,
    status: 'submitted',
    timeline: [{ from: null, to: 'submitted', actorId: user.id, actorRole: user.role, reason: '提交申请', at: now }],
    assignedInspectorIds: inspectorId ? [new Types.ObjectId(inspectorId)] : [],
    submittedOn: shanghaiDate(now),
    timeLimitWorkingDays: matter.timeLimitWorkingDays,
    // the material list it is filed under; the applicant hands the materials in next
    acceptance: freshAcceptance(matter.materials.version),
    createdBy: new Types.ObjectId(user.id),
  });
  return created.toObject() as unknown as ApplicationRecord;
}

export interface ListFilter { status?: ApplicationStatus; matterCode?: string; limit: number; cursor?: string }

/** Newest first, paged by `_id`: a page never repeats or skips an item when others insert meanwhile. */
export async function listApplications(user: AuthUser, filter: ListFilter): Promise<{ items: ApplicationRecord[]; nextCursor: string | null }> {
  if (filter.cursor !== undefined && !/^[0-9a-f]{24}$/.test(filter.cursor)) {
    throw new AppError('REQUEST.INVALID', {
      message: '请求内容不正确：query.cursor 翻页游标无效',
      details: [{ field: 'query.cursor', message: '翻页游标无效' }],
    });
  }
  const query: QueryFilter<ApplicationRecord>[] = [visibleTo(user)];
  if (filter.status) query.push({ status: filter.status });
  if (filter.matterCode) query.push({ matterCode: filter.matterCode });
  if (filter.cursor) query.push({ _id: { $lt: new Types.ObjectId(filter.cursor) } });
  const docs = await ApplicationModel.find({ $and: query }).sort({ _id: -1 }).limit(filter.limit + 1).lean<ApplicationRecord[]>();
  const items = docs.slice(0, filter.limit);
  return { items, nextCursor: docs.length > filter.limit ? String(items[items.length - 1]!._id) : null };
}

export async function withdrawApplication(user: AuthUser, id: string, reason: string): Promise<ApplicationRecord> {
  const app = await getApplicationForUser(user, id);
  return transitionApplication(id, { from: app.status, to: 'withdrawn', actor: user, reason });
}

/** Staff reassign the inspectors of an open application; each change is appended to `assignments`. */
export async function assignInspectors(user: AuthUser, id: string, inspectorIds: string[], reason: string): Promise<ApplicationRecord> {
  const app = await getApplicationForUser(user, id);
  if (finalStatuses.includes(app.status)) {
    throw new AppError('APPLICATION.INVALID_TRANSITION', { message: '申请已办结，不能调整踏勘人员' });
  }
  const found = await findUsers(inspectorIds);
  const inspectors = found.filter((u) => u.role === ('inspector' satisfies Role));
  if (inspectors.length !== inspectorIds.length) throw new AppError('APPLICATION.INSPECTOR_NOT_FOUND');
  const ids = inspectorIds.map((i) => new Types.ObjectId(i));
  const won = await commitChange(app._id, app.version ?? 0, {
    kind: 'assignment',
    set: { assignedInspectorIds: ids },
    push: { assignments: { inspectorIds: ids, by: user.id, reason, at: new Date() } },
  });
  if (!won) throw new AppError('APPLICATION.INVALID_TRANSITION', { message: '申请状态已发生变化，请刷新后重试' });
  await reassignOpenInspection(app._id, ids, user, reason);
  return (await ApplicationModel.findById(app._id).lean<ApplicationRecord>())!;
}

import {
  actionsFor, applicationActionLabels, applicationStatusInfo, shanghaiDate,
  type ApplicationDeadline, type ApplicationDetail, type ApplicationSummary, type WorkingDayClock,
} from '@ycta/shared';
import type { AuthUser } from '../auth/auth.tokens';
import type { ApplicationRecord } from './applications.model';

/** Shapes stored applications into replies; the deadline is computed at read time so a newly loaded year applies at once. */
export function toSummary(a: ApplicationRecord): ApplicationSummary {
  return {
    id: String(a._id),
    subjectId: String(a.subjectId),
    subjectName: a.subjectName,
    matterCode: a.matterCode,
    matterName: a.matterName,
    siteAddress: a.siteAddress,
    status: a.status,
    statusLabel: applicationStatusInfo[a.status].label,
    assignedInspectorIds: a.assignedInspectorIds.map(String),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/**
 * From acceptance (受理) once accepted, else from submission; the working days a stopped clock stood still are added,
 * and while it stands (a 容缺 supplement overdue) the days left are counted as of the day it stopped.
 */
export function deadlineOf(
  a: Pick<ApplicationRecord, 'submittedOn' | 'timeLimitWorkingDays' | 'acceptance'>, clock: WorkingDayClock, now: Date,
): ApplicationDeadline {
  const startedOn = a.acceptance?.acceptedOn ?? a.submittedOn;
  const stoppedOn = a.acceptance?.clockStoppedOn ?? null;
  const due = clock.addWorkingDays(startedOn, a.timeLimitWorkingDays + (a.acceptance?.pausedWorkingDays ?? 0));
  const left = clock.workingDaysBetween(stoppedOn ?? shanghaiDate(now), due.date);
  return {
    startedOn,
    timeLimitWorkingDays: a.timeLimitWorkingDays,
    dueOn: due.date,
    remainingWorkingDays: left.days,
    overdue: left.days < 0,
    covered: due.covered && left.covered,
    clockStoppedOn: stoppedOn,
  };
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toDetail(a: ApplicationRecord, user: AuthUser, clock: WorkingDayClock, now = new Date()): ApplicationDetail {
  return {
    ...toSummary(a),
    site: a.site?.lat !== undefined && a.site?.lng !== undefined ? { lat: a.site.lat, lng: a.site.lng } : null,
    siteOrigin: a.site ? (a.siteOrigin ?? 'registered') : null,
    nextStep: applicationStatusInfo[a.status].nextStep,
    timeline: a.timeline.map((e) => ({ from: e.from, to: e.to, actorId: e.actorId, actorRole: e.actorRole, reason: e.reason, at: iso(e.at) })),
    deadline: deadlineOf(a, clock, now),
    creditSnapshot: a.creditSnapshot ? { ...a.creditSnapshot, checkedAt: iso(a.creditSnapshot.checkedAt) } : null,
    inspectionId: a.inspectionId ? String(a.inspectionId) : null,
    presiteAdvice: a.presite ?? null,
    nextActions: actionsFor(a.status, user.role).map((action) => ({ action, label: applicationActionLabels[action] })),
  };
}

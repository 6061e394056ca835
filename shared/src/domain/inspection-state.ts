import { z } from 'zod';
import type { Role } from '../roles';

/**
 * The life of one inspection session (DESIGN.md, Video): created when the credit gate sends an application to a
 * remote (or on-site) inspection, booked when the applicant picks one of the slots the inspector offered, in
 * progress from the first join, concluded by the inspector. Cancelled only before it starts. Pure: no I/O.
 */
export const InspectionStatus = z.enum(['created', 'booked', 'in_progress', 'concluded', 'cancelled']);
export type InspectionStatus = z.infer<typeof InspectionStatus>;

export const InspectionMode = z.enum(['remote', 'onsite']);
export type InspectionMode = z.infer<typeof InspectionMode>;

/** What can happen to an inspection. `start` is the system's move on the first join of the call. */
export const InspectionAction = z.enum(['offer_slots', 'book', 'start', 'join', 'judge', 'conclude', 'cancel', 'invite', 'request_still', 'add_opinion']);
export type InspectionAction = z.infer<typeof InspectionAction>;

export type InspectionActor = Role | 'system';

interface Rule { from: readonly InspectionStatus[]; by: readonly InspectionActor[]; to?: InspectionStatus }

const inCall = ['in_progress'] as const;
const open = ['created', 'booked', 'in_progress'] as const;

/** Which action is allowed in which status, by whom, and where it leads (no `to`: the status stays). */
const rules: Record<InspectionAction, Rule> = {
  offer_slots: { from: ['created', 'booked'], by: ['inspector'] },
  book: { from: ['created', 'booked'], by: ['applicant'], to: 'booked' },
  start: { from: ['booked'], by: ['system'], to: 'in_progress' },
  join: { from: ['booked', 'in_progress'], by: ['applicant', 'inspector', 'expert', 'staff', 'admin'] },
  judge: { from: inCall, by: ['inspector'] },
  conclude: { from: inCall, by: ['inspector'], to: 'concluded' },
  cancel: { from: ['created', 'booked'], by: ['inspector', 'staff', 'admin'], to: 'cancelled' },
  invite: { from: open, by: ['inspector'] },
  request_still: { from: inCall, by: ['inspector', 'expert'] },
  add_opinion: { from: ['in_progress', 'concluded'], by: ['expert'] },
};

export function canAct(status: InspectionStatus, action: InspectionAction, actor: InspectionActor): boolean {
  const rule = rules[action];
  return rule.from.includes(status) && rule.by.includes(actor);
}

/** The status after `action`, or null when the action is not allowed for this actor in this status. */
export function nextInspectionStatus(status: InspectionStatus, action: InspectionAction, actor: InspectionActor): InspectionStatus | null {
  if (!canAct(status, action, actor)) return null;
  return rules[action].to ?? status;
}

/** Statuses from which `action` is allowed at all (for conditional updates: `{ status: { $in: … } }`). */
export function statusesAllowing(action: InspectionAction): InspectionStatus[] {
  return [...rules[action].from];
}

export const inspectionStatusLabels: Record<InspectionStatus, string> = {
  created: '待预约',
  booked: '已预约',
  in_progress: '踏勘中',
  concluded: '已办结',
  cancelled: '已取消',
};

export const ChecklistResult = z.enum(['pass', 'fail', 'na']);
export type ChecklistResult = z.infer<typeof ChecklistResult>;

export const ConclusionResult = z.enum(['pass', 'fail', 'fix_and_recheck']);
export type ConclusionResult = z.infer<typeof ConclusionResult>;

/** What people read for a point's judgment and for a conclusion. */
export const checklistResultLabels: Record<ChecklistResult, string> = { pass: '符合', fail: '不符合', na: '不适用' };
export const conclusionResultLabels: Record<ConclusionResult, string> = { pass: '通过', fail: '不通过', fix_and_recheck: '整改后复查' };
export const inspectionModeLabels: Record<InspectionMode, string> = { remote: '远程视频踏勘', onsite: '现场踏勘' };

/** The application status a conclusion moves to. */
export const applicationStatusAfter = {
  pass: 'approved',
  fail: 'rejected',
  fix_and_recheck: 'rectifying',
} as const satisfies Record<ConclusionResult, string>;

export interface Judgment { itemId: string; result: ChecklistResult; at: string | Date }

/** The latest judgment of each point wins (every judgment is a new event; nothing is rewritten). */
export function latestJudgments<T extends Judgment>(judgments: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const j of judgments) {
    const known = latest.get(j.itemId);
    if (!known || new Date(j.at).getTime() >= new Date(known.at).getTime()) latest.set(j.itemId, j);
  }
  return latest;
}

/** Checklist points with no judgment yet: a conclusion needs this to be empty. */
export function unjudgedItems(itemIds: readonly string[], judgments: readonly Judgment[]): string[] {
  const latest = latestJudgments(judgments);
  return itemIds.filter((id) => !latest.has(id));
}

/** Whole seconds from the first join to the conclusion (the figure the reform is measured by). */
export function inspectionDurationSeconds(firstJoinAt: Date | string | null, concludedAt: Date | string | null): number | null {
  if (!firstJoinAt || !concludedAt) return null;
  const ms = new Date(concludedAt).getTime() - new Date(firstJoinAt).getTime();
  return ms >= 0 ? Math.floor(ms / 1000) : null;
}

export interface JoinWindow { start: Date; end: Date }

/**
 * Whether `now` lies in the booked slot's join window: from `earlyMinutes` before its start to its end. Once the
 * call has started, participants may (re)join until the conclusion, even past the slot's end.
 */
export function withinJoinWindow(slot: JoinWindow, now: Date, earlyMinutes: number, started: boolean): boolean {
  const opens = slot.start.getTime() - earlyMinutes * 60_000;
  if (now.getTime() < opens) return false;
  return started || now.getTime() <= slot.end.getTime();
}

/** Priority booking (DESIGN.md, Credit): red and orange subjects. */
export function hasPriorityBooking(tier: string | null | undefined): boolean {
  return tier === 'red' || tier === 'orange';
}

export interface OfferedSlot { start: Date; end: Date }

/**
 * The slots a subject may pick: every future slot for priority tiers; for the others, the earliest slots — those
 * starting within `priorityHours` of now — stay kept for red and orange subjects. Earliest first.
 */
export function bookableSlots<T extends OfferedSlot>(slots: readonly T[], tier: string | null | undefined, now: Date, priorityHours: number): T[] {
  const earliestForOthers = now.getTime() + priorityHours * 3_600_000;
  return slots
    .filter((s) => s.start.getTime() > now.getTime())
    .filter((s) => hasPriorityBooking(tier) || s.start.getTime() >= earliestForOthers)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

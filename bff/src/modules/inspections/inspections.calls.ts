import { Schema, Types, model } from 'mongoose';
import {
  inspectionDurationSeconds, type CallSubject, type CallSubjectKind, type ChecklistResult, type InspectionDetail,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { appendEvent } from '../ledger/ledger.service';
import { InspectionModel, type CallChecklistItem, type InspectionRecord } from './inspection.model';
import type { CloudRecorder } from './inspections.cloud-recording';
import { findAccessibleInspection } from './inspections.access';
import { addToFeed } from './inspections.feed';
import { addToQueues } from './inspections.queues';
import { isApplicationCall, isHost } from './inspections.call-subject';
import { toDetail, updateInStatus } from './inspections.service';

/**
 * The call session beneath every room: an application's 远程踏勘 is one kind; a case of another kind (a remote joint
 * visit, a 预选址 look) opens the same room for its own subject — same signalling, tickets, room pass, stills,
 * recording and append-only chain. What differs lives with the case: its checklist (given when the call is opened),
 * who judges each point, what its own chain notes when a point is judged or the call ends (`CallCase`). The credit
 * gate and the application's state moves apply to application calls only.
 */

/** What a case does when its call's points are judged or the call ends; registered by the case's module. */
export interface CallCase {
  /** Before the judgment is on the call's record: the case refuses (state, rules) or notes it on its own chain. */
  judged?(user: AuthUser, call: InspectionRecord, item: CallChecklistItem, body: { result: ChecklistResult; note: string; photoIds: string[] }): Promise<void>;
  /** After the call ended: the case notes it (who, when, how long) on its own chain. */
  ended?(user: AuthUser, call: InspectionRecord): Promise<void>;
}

const cases = new Map<CallSubjectKind, CallCase>();
export function registerCallCase(kind: Exclude<CallSubjectKind, 'application'>, c: CallCase): void {
  cases.set(kind, c);
}
export const callCaseOf = (call: InspectionRecord): CallCase | undefined => (call.callFor ? cases.get(call.callFor.kind) : undefined);

/** One claim per call of a case (`<kind>:<caseId>:<n>`): two people opening the case's n-th call at once get one. */
const CallClaimModel = model('CallClaim', new Schema({ _id: { type: String, required: true }, callId: String, at: Date }, { versionKey: false }), 'call_claims');

export interface OpenCaseCall {
  callFor: CallSubject & { kind: Exclude<CallSubjectKind, 'application'> };
  subjectId: Types.ObjectId;
  /** The people who run the call (joint visit: the drawn inspectors; 预选址: the staff member who opens it). */
  hostIds: Types.ObjectId[];
  site: { address?: string; lat?: number; lng?: number };
  checklist: CallChecklistItem[];
  /** How long the call stays open to join from now. */
  minutes: number;
}

/**
 * Opens a case's call now: booked for the next `minutes`, so the hosts and the business can join at once. A call of
 * the case still open is returned as it is; `created` on the call's chain names the case.
 */
export async function openCaseCall(user: AuthUser, input: OpenCaseCall): Promise<{ call: InspectionRecord; opened: boolean }> {
  const previous = await InspectionModel.find({ 'callFor.id': input.callFor.id }).lean<InspectionRecord[]>();
  const mine = previous.filter((c) => c.callFor?.kind === input.callFor.kind);
  const open = mine.find((c) => c.status === 'booked' || c.status === 'in_progress');
  if (open) return { call: open, opened: false };
  const _id = new Types.ObjectId();
  try {
    await CallClaimModel.create({ _id: `${input.callFor.kind}:${input.callFor.id}:${mine.length + 1}`, callId: String(_id), at: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const again = await InspectionModel.find({ 'callFor.id': input.callFor.id }).lean<InspectionRecord[]>();
    const raced = again.find((c) => c.callFor?.kind === input.callFor.kind && (c.status === 'booked' || c.status === 'in_progress'));
    if (raced) return { call: raced, opened: false };
    throw err;
  }
  const now = new Date();
  const created = await InspectionModel.create({
    _id, applicationId: null, callFor: input.callFor, subjectId: input.subjectId, mode: 'remote', status: 'booked',
    inspectorIds: input.hostIds, site: input.site, slot: { start: now, end: new Date(now.getTime() + input.minutes * 60_000) },
    checklist: input.checklist,
  });
  await addToQueues(_id, created.inspectorIds);
  await appendEvent({
    inspectionId: _id, type: 'created', actor: user,
    payload: { callFor: input.callFor, hostIds: input.hostIds.map(String), checklist: input.checklist.map((p) => p.id) },
  });
  return { call: created.toObject() as unknown as InspectionRecord, opened: true };
}

/** Every call held for one case, oldest first (the case's page lists them: who, when, how long, stills). */
export async function callsOfCase(kind: CallSubjectKind, caseId: string): Promise<InspectionRecord[]> {
  const calls = await InspectionModel.find({ 'callFor.id': caseId }).lean<InspectionRecord[]>();
  return calls.filter((c) => c.callFor?.kind === kind).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * A host ends a case's call: the duration is kept, the call's chain says so, the recording stops, and the case notes
 * it on its own chain. An application's inspection ends only with its conclusion.
 */
export async function endCaseCall(user: AuthUser, id: string, deps: { recorder?: Pick<CloudRecorder, 'stop'> }): Promise<InspectionDetail> {
  const call = await findAccessibleInspection(user, id);
  if (isApplicationCall(call)) throw new AppError('CALL.CASE_CALL_ONLY');
  if (!isHost(user, call)) throw new AppError('CALL.NOT_HOST');
  const concludedAt = new Date();
  const durationSeconds = inspectionDurationSeconds(call.firstJoinAt, concludedAt);
  const ended = await updateInStatus(call._id, ['booked', 'in_progress'], { $set: { status: 'concluded', concludedAt, durationSeconds } }, '视频已结束');
  await appendEvent({ inspectionId: call._id, type: 'call.ended', actor: user, payload: { durationSeconds, from: call.status } });
  await addToFeed(ended._id);
  await deps.recorder?.stop(String(call._id));
  await callCaseOf(ended)?.ended?.(user, ended);
  return toDetail(ended, [], user);
}

import {
  canAct, inspectionStatusLabels, withinJoinWindow,
  type IceServer, type InspectionStatus, type JoinAnswer, type RtcMode,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { RtcTokenIssuer } from '../../infra/agora/rtc-token-issuer';
import { issueTicket } from '../../infra/signalling/signalling-tickets';
import { roomPassExpiry, type AuthUser } from '../auth/auth.tokens';
import { findUsers } from '../auth/users.directory';
import { getApplicationForUser, transitionApplication } from '../applications/applications.service';
import { checkCreditForJoin } from '../credit/credit.service';
import { InspectionModel, type InspectionRecord } from './inspection.model';
import { findAccessibleInspection } from './inspections.access';
import { applicationIdOf, isApplicationCall, roomRoleOf } from './inspections.call-subject';
import type { CloudRecorder } from './inspections.cloud-recording';
import { claimsRecording } from './inspections.recorder';

/**
 * Joining the call (DESIGN.md, Video): the participant, the booked window and — for remote inspections — the
 * subject's credit tier are checked again; the first join starts the inspection; the answer carries the RTC mode
 * and its credentials plus a one-time ticket for the signalling socket (admission, stills, presence).
 */

export interface JoinDeps {
  joinEarlyMinutes: number;
  ticketTtlSeconds: number;
  iceServers: IceServer[];
  tokens: RtcTokenIssuer;
  /** Signs the room pass: what a room page with no session of its own uses to rejoin and upload stills. */
  roomPass: (user: AuthUser, inspectionId: string, expiresAt: Date) => Promise<{ token: string; expiresAt: Date }>;
  /** Agora-mode calls are recorded in the cloud from the first join (when configured). */
  recorder?: Pick<CloudRecorder, 'ensureStarted'>;
  now?: () => Date;
}

/** Staff observe; everyone else in the call publishes. */
const canPublish = (role: AuthUser['role']) => role === 'applicant' || role === 'inspector' || role === 'expert';

/** `agora` when the inspection asks for it (or leaves it to the office) and Agora is configured; else `local`. */
export function rtcModeOf(inspection: InspectionRecord, agoraConfigured: boolean): RtcMode {
  const preference = inspection.rtcPreference ?? 'auto';
  if (preference === 'agora' && !agoraConfigured) throw new AppError('RTC.AGORA_NOT_CONFIGURED');
  if (preference === 'local') return 'local';
  return agoraConfigured ? 'agora' : 'local';
}

/** A blue-tier subject passes the join check only if staff approved this application's remote request. */
async function staffApproved(user: AuthUser, inspection: InspectionRecord): Promise<boolean> {
  const staffView: AuthUser = { id: user.id, role: 'staff', subjectId: null, username: user.username };
  const application = await getApplicationForUser(staffView, String(applicationIdOf(inspection)));
  return application.timeline.some((t) => t.from === 'awaiting_credit_approval' && t.to === 'remote_approved');
}

/** The first join moves a booked inspection (and its application) into progress; later joins change nothing. */
async function startIfBooked(inspection: InspectionRecord, now: Date): Promise<InspectionRecord> {
  if (inspection.status !== 'booked') return inspection;
  const started = await InspectionModel.findOneAndUpdate(
    { _id: inspection._id, status: 'booked' },
    { $set: { status: 'in_progress', firstJoinAt: now } },
    { returnDocument: 'after' },
  ).lean<InspectionRecord>();
  if (!started) return (await InspectionModel.findById(inspection._id).lean<InspectionRecord>())!;
  // a case's call (a joint visit, a 预选址 look) has no application to move
  if (!isApplicationCall(inspection)) return started;
  await transitionApplication(String(inspection.applicationId), {
    from: 'inspection_booked', to: 'inspecting', actor: 'system', reason: '视频踏勘开始（首位参与人进入）',
  });
  return started;
}

export async function joinInspection(user: AuthUser, id: string, deps: JoinDeps, wsUrl: string): Promise<JoinAnswer> {
  const now = deps.now?.() ?? new Date();
  const inspection = await findAccessibleInspection(user, id);
  const status = inspection.status as InspectionStatus;
  if (!canAct(status, 'join', user.role)) {
    throw new AppError('INSPECTION.INVALID_STATE', {
      message: status === 'created' ? '踏勘尚未预约，不能进入视频' : `踏勘${inspectionStatusLabels[status] ?? status}，不能进入视频`,
    });
  }
  const slot = inspection.slot;
  if (!slot?.start || !slot.end || !withinJoinWindow({ start: slot.start, end: slot.end }, now, deps.joinEarlyMinutes, status === 'in_progress')) {
    throw new AppError('INSPECTION.OUTSIDE_WINDOW', {
      message: `不在预约的踏勘时间内：可在开始前 ${deps.joinEarlyMinutes} 分钟至结束时进入`,
      details: { slotStart: slot?.start?.toISOString() ?? null, slotEnd: slot?.end?.toISOString() ?? null },
    });
  }
  // independent reads run together: each is a round trip to the database, and a join is on the way to the first frame
  // (a failed name lookup shows the username: never an unawaited rejection when the credit gate refuses first)
  const me = findUsers([user.id]).then(([found]) => found, () => undefined);
  // the credit gate is the licence application's: a case's call is opened by the office itself
  if (inspection.mode === 'remote' && isApplicationCall(inspection)) {
    await checkCreditForJoin(String(inspection.subjectId), inspection.matterCode, {
      staffApproved: await staffApproved(user, inspection),
      inspectionId: String(inspection._id),
      actor: user,
    });
  }
  const mode = rtcModeOf(inspection, deps.tokens.configured);
  const current = await startIfBooked(inspection, now);
  // a staff member hosting a case's call runs it as an inspector does: admits, points, asks for stills, records
  const role = roomRoleOf(user, current);
  const holder = { inspectionId: String(current._id), userId: user.id, role, displayName: (await me)?.displayName ?? user.username };
  // a pass is signed for the person, not for another pass: one that rejoins gets a pass of the same scope and expiry
  const passExpiresAt = roomPassExpiry(now, current.slot?.end, user.roomPassExpiresAt);
  // only a host's browser records, and of several hosts only the one who claimed it first
  const [{ ticket, expiresAt: ticketExpiresAt }, pass, records] = await Promise.all([
    issueTicket(holder, deps.ticketTtlSeconds, now),
    deps.roomPass({ id: user.id, role: user.role, subjectId: user.subjectId, username: user.username }, String(current._id), passExpiresAt),
    mode === 'local' && role === 'inspector' ? claimsRecording(current._id, user.id, now) : Promise.resolve(false),
  ]);
  const signalling = { ticket, wsUrl, ticketExpiresAt: ticketExpiresAt.toISOString(), roomPass: { token: pass.token, expiresAt: pass.expiresAt.toISOString() } };

  if (mode === 'agora') {
    const credentials = deps.tokens.issue(String(current._id), user.id, canPublish(role), now);
    // joins and leaves are recorded in both modes by the signalling server, when the participant is admitted
    void deps.recorder?.ensureStarted(String(current._id));
    return { mode, ...signalling, appId: credentials.appId, channel: credentials.channel, uid: credentials.uid, token: credentials.token, expiresAt: credentials.expiresAt.toISOString(), canPublish: credentials.canPublish };
  }
  return { mode, ...signalling, iceServers: deps.iceServers, canPublish: canPublish(role), records };
}

/** A fresh Agora token for a participant of a call still running (on `token-privilege-will-expire`). */
export async function renewAgoraToken(user: AuthUser, id: string, deps: JoinDeps): Promise<{ token: string; expiresAt: string }> {
  const inspection = await findAccessibleInspection(user, id);
  if (!canAct(inspection.status as InspectionStatus, 'join', user.role)) throw new AppError('INSPECTION.INVALID_STATE');
  if (rtcModeOf(inspection, deps.tokens.configured) !== 'agora') throw new AppError('RTC.AGORA_NOT_CONFIGURED');
  const credentials = deps.tokens.issue(String(inspection._id), user.id, canPublish(roomRoleOf(user, inspection)), deps.now?.() ?? new Date());
  return { token: credentials.token, expiresAt: credentials.expiresAt.toISOString() };
}

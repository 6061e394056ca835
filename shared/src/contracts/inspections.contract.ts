import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime, ObjectId } from './common';
import { Role } from '../roles';
import {
  ChecklistResult, ConclusionResult, InspectionMode, InspectionStatus,
} from '../domain/inspection-state';

const everyone = ['applicant', 'inspector', 'expert', 'staff', 'admin'] as const;
/** Who can be in a call: the parties, invited experts, and staff observing. Admins run the system, not calls. */
const participants = ['applicant', 'inspector', 'expert', 'staff'] as const;

/** How the call runs: Agora's cloud, or browser WebRTC with the BFF's signalling (intranet, tests). */
export const RtcMode = z.enum(['agora', 'local']);
export type RtcMode = z.infer<typeof RtcMode>;
/** What the inspection asks for: `auto` takes Agora when it is configured, else local. */
export const RtcPreference = z.enum(['auto', 'agora', 'local']);
export type RtcPreference = z.infer<typeof RtcPreference>;

/**
 * What a call (an inspection document) is held for: a licence application's 远程踏勘 — the credit gate and the
 * matter's checklist apply — or another case that borrows the same room, record and evidence: a remote joint visit
 * (综合查一次, each department's items) or a short 预选址 look at a candidate site.
 */
export const CallSubjectKind = z.enum(['application', 'joint-visit', 'presite']);
export type CallSubjectKind = z.infer<typeof CallSubjectKind>;
export const CallSubject = z.object({ kind: CallSubjectKind, id: z.string(), title: z.string() });
export type CallSubject = z.infer<typeof CallSubject>;

export const InspectionSlot = z.object({ id: z.string(), start: IsoDateTime, end: IsoDateTime });
export type InspectionSlot = z.infer<typeof InspectionSlot>;

export const ChecklistPointState = z.object({
  id: z.string(),
  title: z.string(),
  guidance: z.string(),
  requiresPhoto: z.boolean(),
  /** The latest judgment; earlier ones stay on the record. Null: not judged yet. */
  result: ChecklistResult.nullable(),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
  judgedAt: IsoDateTime.nullable(),
  judgedBy: z.string().nullable(),
  /** How many times this point was judged (late edits are new judgments). */
  judgments: z.number().int(),
  /** Set when a 预选址 advice already found this point met: shown to the inspector as settled by it. */
  settledBy: z.object({ adviceId: z.string(), ruleTitle: z.string(), figure: z.string() }).optional(),
  /** A joint visit's item: the department whose item it is (only that department's inspector judges it). */
  departmentName: z.string().optional(),
  /** False when this caller may not judge the point (another department's item; a look that judges nothing). */
  mayJudge: z.boolean().optional(),
});
export type ChecklistPointState = z.infer<typeof ChecklistPointState>;

export const RectificationItem = z.object({
  checklistItemId: z.string().optional(),
  description: z.string().min(1).max(500),
});

export const Conclusion = z.object({
  result: ConclusionResult,
  summary: z.string(),
  rectificationItems: z.array(RectificationItem),
  /** Date (Asia/Shanghai) by which the rectification is due; only for fix_and_recheck. */
  rectificationDueOn: z.string().nullable(),
  concludedBy: z.string(),
  concludedAt: IsoDateTime,
  /** The follow-up inspection created for the re-check, if any. */
  recheckInspectionId: z.string().nullable(),
});
export type Conclusion = z.infer<typeof Conclusion>;

export const InspectionParticipant = z.object({ userId: z.string(), role: Role, displayName: z.string() });

export const InspectionOpinion = z.object({ expertId: z.string(), text: z.string(), at: IsoDateTime });

export const InspectionSummary = z.object({
  id: z.string(),
  applicationId: z.string(),
  subjectId: z.string(),
  matterCode: z.string(),
  /** The matter's name, what people read (the code stays on the record). */
  matterName: z.string(),
  mode: InspectionMode,
  status: InspectionStatus,
  statusLabel: z.string(),
  slot: InspectionSlot.omit({ id: true }).nullable(),
  siteAddress: z.string().nullable(),
  createdAt: IsoDateTime,
  /** The case this call is held for; absent on records made before calls served other cases (an application's). */
  callFor: CallSubject.optional(),
});
export type InspectionSummary = z.infer<typeof InspectionSummary>;

export const InspectionDetail = InspectionSummary.extend({
  rtcPreference: RtcPreference,
  /** Slots the caller may pick (applicant: filtered by priority booking) or has offered (inspector, staff). */
  offeredSlots: z.array(InspectionSlot),
  participants: z.array(InspectionParticipant),
  checklist: z.array(ChecklistPointState),
  conclusion: Conclusion.nullable(),
  opinions: z.array(InspectionOpinion),
  firstJoinAt: IsoDateTime.nullable(),
  concludedAt: IsoDateTime.nullable(),
  /** First join → conclusion, in seconds. */
  durationSeconds: z.number().int().nullable(),
  recheckOf: z.string().nullable(),
  /** Who is connected to the call now (its signalling room): admitted, or waiting for the inspector. */
  inCall: z.array(z.object({ userId: z.string(), role: z.string(), displayName: z.string(), state: z.enum(['waiting', 'admitted']) })).optional(),
  /** How many minutes before the slot the call opens (the BFF's JOIN_EARLY_MINUTES), for what the pages tell people. */
  joinEarlyMinutes: z.number().int().min(0).optional(),
});
export type InspectionDetail = z.infer<typeof InspectionDetail>;

export const InspectionListQuery = z.object({
  /** today: slot today (Asia/Shanghai); upcoming: slot later; overdue: slot passed and not concluded. */
  when: z.enum(['today', 'upcoming', 'overdue']).optional(),
  status: InspectionStatus.optional(),
  /** Remote or on-site only. */
  mode: z.enum(['remote', 'onsite']).optional(),
  /** Words in the site address, the matter code, or the inspection's id. */
  q: z.string().trim().max(100).optional(),
  /**
   * `slot` (default): soonest slot first, the queue's order. `recent`: newest first, paged with `cursor` (the review
   * desk: every finished inspection stays reachable, however many there are).
   */
  order: z.enum(['slot', 'recent']).default('slot'),
  /** With `order=recent`: the `nextCursor` of the page before. */
  cursor: z.string().regex(/^[0-9a-f]{24}$/, '翻页游标无效').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const OfferSlotsBody = z.object({
  slots: z.array(z.object({ start: IsoDateTime, end: IsoDateTime })).min(1).max(20),
  rtcPreference: RtcPreference.optional(),
});
export const BookingBody = z.object({ slotId: z.string().min(1).max(40) });

export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/**
 * An access token limited to this inspection's call: joining again after a dropped connection, renewing the Agora
 * token and uploading the stills asked for. For a room page with no session of its own: the mini-program's WebView
 * and a phone browser opened from the call link. Every other route refuses it.
 */
export const RoomPass = z.object({ token: z.string(), expiresAt: IsoDateTime });
export type RoomPass = z.infer<typeof RoomPass>;

/** A one-time ticket for the signalling WebSocket (`wsUrl?ticket=…`), bound to this inspection and user. */
const SignallingTicket = z.object({ ticket: z.string(), wsUrl: z.string(), ticketExpiresAt: IsoDateTime, roomPass: RoomPass });

export const AgoraJoin = SignallingTicket.extend({
  mode: z.literal('agora'),
  appId: z.string(),
  channel: z.string(),
  uid: z.number().int(),
  token: z.string(),
  expiresAt: IsoDateTime,
  /** Staff observe only: they may subscribe but not publish. */
  canPublish: z.boolean(),
});
export const LocalJoin = SignallingTicket.extend({
  mode: z.literal('local'),
  iceServers: z.array(IceServer),
  canPublish: z.boolean(),
  /**
   * This browser records the call: a host's, and of several hosts (a joint visit's inspectors) only the first to
   * join; every other page leaves the recording to that one, so the record holds one copy of the call.
   */
  records: z.boolean(),
});
export const JoinAnswer = z.discriminatedUnion('mode', [AgoraJoin, LocalJoin]);
export type JoinAnswer = z.infer<typeof JoinAnswer>;

/**
 * A short-lived one-time code that lets another device (a phone browser opened from the QR, the mini-program's
 * WebView) enter this call as you: exchanged once for a join answer, so no address ever carries a ticket or pass.
 */
export const RoomCode = z.object({ code: z.string(), expiresAt: IsoDateTime });
export const RedeemRoomCodeBody = z.object({ code: z.string().min(16).max(128) });

export const TokenRenewal = z.object({ token: z.string(), expiresAt: IsoDateTime });

export const InvitationBody = z.object({
  /** Minutes the link stays valid. */
  validMinutes: z.number().int().min(5).max(7 * 24 * 60).default(24 * 60),
});
export const Invitation = z.object({ token: z.string(), expiresAt: IsoDateTime, inspectionId: z.string() });
export const AcceptInvitationBody = z.object({ token: z.string().min(16).max(128) });

export const StillRequestBody = z.object({
  /** The participant whose camera takes the still; default: the applicant of the inspection's subject. */
  targetUserId: ObjectId.optional(),
  checklistItemId: z.string().max(100).optional(),
});
export const StillRequest = z.object({
  stillRequestId: z.string(),
  targetUserId: z.string().nullable(),
  checklistItemId: z.string().nullable(),
  /** Whether the target was connected to the call's signalling and got the request now. */
  delivered: z.boolean(),
  requestedAt: IsoDateTime,
});

// a joint visit's point is `<department>.<item>`
export const ChecklistItemParams = z.object({ id: ObjectId, itemId: z.string().min(1).max(100) });
export const JudgeBody = z.object({
  result: ChecklistResult,
  note: z.string().max(2000).default(''),
  photoIds: z.array(ObjectId).max(20).default([]),
});

export const ConclusionBody = z.object({
  result: ConclusionResult,
  summary: z.string().max(4000).default(''),
  rectificationItems: z.array(RectificationItem).max(50).default([]),
  /** Required for fix_and_recheck: YYYY-MM-DD, Asia/Shanghai. */
  rectificationDueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

export const OpinionBody = z.object({ text: z.string().min(1).max(4000) });

export const inspectionsContract = defineContract({
  listInspections: {
    method: 'GET', path: '/inspections', summary: '踏勘队列（按角色范围）', auth: everyone,
    query: InspectionListQuery, responses: { 200: z.object({ items: z.array(InspectionSummary), nextCursor: z.string().nullable() }) },
  },
  getInspection: {
    method: 'GET', path: '/inspections/:id', summary: '踏勘详情（要点、参与人、时段、视频方式）', auth: everyone,
    params: IdParams, responses: { 200: InspectionDetail }, errors: ['INSPECTION.NOT_FOUND'],
  },
  offerSlots: {
    method: 'POST', path: '/inspections/:id/slots', summary: '踏勘人员提供可预约时段', auth: ['inspector'],
    params: IdParams, body: OfferSlotsBody, responses: { 200: InspectionDetail },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'INSPECTION.SLOT_INVALID'],
  },
  book: {
    method: 'POST', path: '/inspections/:id/booking', summary: '申请人选定时段', auth: ['applicant'],
    params: IdParams, body: BookingBody, responses: { 200: InspectionDetail },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'INSPECTION.SLOT_UNAVAILABLE'],
  },
  join: {
    method: 'POST', path: '/inspections/:id/join', summary: '加入视频踏勘（返回视频方式与凭据）', auth: participants, roomPass: true,
    params: IdParams, responses: { 200: JoinAnswer },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'INSPECTION.OUTSIDE_WINDOW', 'CREDIT.TIER_DROPPED', 'RTC.AGORA_NOT_CONFIGURED'],
  },
  createRoomCode: {
    method: 'POST', path: '/inspections/:id/room-codes', summary: '为另一台设备生成一次性入会码', auth: ['applicant', 'inspector', 'expert'],
    params: IdParams, responses: { 201: RoomCode }, errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE'],
  },
  redeemRoomCode: {
    method: 'POST', path: '/inspections/:id/room-codes/redeem', summary: '用一次性入会码加入视频踏勘', auth: 'public',
    params: IdParams, body: RedeemRoomCodeBody, responses: { 200: JoinAnswer },
    errors: ['RTC.ROOM_CODE_INVALID', 'INSPECTION.INVALID_STATE', 'INSPECTION.OUTSIDE_WINDOW', 'CREDIT.TIER_DROPPED'],
  },
  renewToken: {
    method: 'POST', path: '/inspections/:id/token', summary: '续期声网令牌', auth: participants, roomPass: true,
    params: IdParams, responses: { 200: TokenRenewal }, errors: ['INSPECTION.NOT_FOUND', 'RTC.AGORA_NOT_CONFIGURED'],
  },
  invite: {
    method: 'POST', path: '/inspections/:id/invitations', summary: '邀请专家（一次性、限时链接）', auth: ['inspector'],
    params: IdParams, body: InvitationBody, responses: { 201: Invitation }, errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE'],
  },
  acceptInvitation: {
    method: 'POST', path: '/invitations/accept', summary: '专家接受邀请', auth: ['expert'],
    body: AcceptInvitationBody, responses: { 200: InspectionSummary }, errors: ['INVITATION.INVALID'],
  },
  requestStill: {
    method: 'POST', path: '/inspections/:id/stills', summary: '请求参与人拍摄高清照片', auth: ['inspector', 'expert', 'staff'],
    params: IdParams, body: StillRequestBody, responses: { 201: StillRequest }, errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'CALL.NOT_HOST'],
  },
  judge: {
    method: 'PUT', path: '/inspections/:id/checklist/:itemId', summary: '判定踏勘要点', auth: ['inspector'],
    params: ChecklistItemParams, body: JudgeBody, responses: { 200: ChecklistPointState },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'INSPECTION.CHECKLIST_ITEM_NOT_FOUND', 'JOINT.OTHER_DEPARTMENT', 'JOINT.NOTE_REQUIRED'],
  },
  conclude: {
    method: 'POST', path: '/inspections/:id/conclusion', summary: '作出踏勘结论', auth: ['inspector'],
    params: IdParams, body: ConclusionBody, responses: { 200: InspectionDetail },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'INSPECTION.CHECKLIST_INCOMPLETE', 'INSPECTION.RECTIFICATION_REQUIRED', 'CALL.APPLICATION_ONLY'],
  },
  endCall: {
    method: 'POST', path: '/inspections/:id/end', summary: '结束为其他案件（综合查一次、预选址）发起的视频', auth: ['inspector', 'staff'],
    params: IdParams, responses: { 200: InspectionDetail },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'CALL.NOT_HOST', 'CALL.CASE_CALL_ONLY'],
  },
  addOpinion: {
    method: 'POST', path: '/inspections/:id/opinions', summary: '专家意见', auth: ['expert'],
    params: IdParams, body: OpinionBody, responses: { 201: InspectionOpinion }, errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE'],
  },
  cancel: {
    method: 'POST', path: '/inspections/:id/cancellation', summary: '取消踏勘（开始前）', auth: ['inspector', 'staff', 'admin'],
    params: IdParams, body: z.object({ reason: z.string().min(1).max(500) }), responses: { 200: InspectionDetail },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE'],
  },
});

/** Agora Cloud Recording notifications (POST from Agora; signature checked, no user token). */
export const agoraWebhookContract = defineContract({
  agoraRecordingWebhook: {
    method: 'POST', path: '/rtc/agora/notifications', summary: '声网云端录制回调', auth: 'public',
    rawBody: { contentType: 'application/json', description: 'Agora notification; header Agora-Signature-V2 = HMAC-SHA256(raw body, secret)' },
    responses: { 200: z.object({ ok: z.boolean() }) }, errors: ['RTC.WEBHOOK_SIGNATURE'],
  },
});

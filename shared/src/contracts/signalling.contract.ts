import { z } from 'zod';

/**
 * The signalling protocol of calls, as JSON text frames over `/api/rtc/ws?ticket=…`: the BFF's
 * `bff/src/infra/signalling/signalling-server.ts` and the client's `miniapp/src/rtc/signalling-channel.ts` both use it. Mesh rule: a newly admitted peer sends an offer to every peer in
 * its `peers` list; the others answer.
 */
const to = z.string().min(1).max(64);
const unit = z.number().min(0).max(1);

/** The point being inspected now, as the inspector's checklist shows it. */
export const FocusPoint = z.object({ id: z.string().min(1).max(100), title: z.string().max(200), guidance: z.string().max(1000) });
export type FocusPoint = z.infer<typeof FocusPoint>;

export const ClientMessage = z.discriminatedUnion('type', [
  /** First message: which inspection this socket means; must be the ticket's. */
  z.object({ type: z.literal('join'), inspectionId: z.string().regex(/^[0-9a-f]{24}$/) }),
  z.object({ type: z.literal('offer'), to, sdp: z.string().max(32_000) }),
  z.object({ type: z.literal('answer'), to, sdp: z.string().max(32_000) }),
  z.object({ type: z.literal('ice'), to, candidate: z.unknown() }),
  z.object({ type: z.literal('heartbeat') }),
  z.object({ type: z.literal('leave') }),
  /** Inspector only. */
  z.object({ type: z.literal('admit'), userId: to }),
  z.object({ type: z.literal('remove'), userId: to }),
  /** Inspector only: the checklist point everyone looks at now (null: none), with the words the camera holder reads. */
  z.object({ type: z.literal('focus'), point: FocusPoint.nullable() }),
  /** Inspector or expert: "这里" at a spot of the applicant's picture, normalised to the video frame (0–1). */
  z.object({ type: z.literal('pointer'), x: unit, y: unit, frozen: z.boolean().default(false) }),
  /** Anyone: your microphone is muted or not (peers show it; the audio itself is silenced at the source). */
  z.object({ type: z.literal('media'), audioMuted: z.boolean() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export interface PeerInfo { userId: string; role: string; displayName: string }

export interface StillRequest { stillRequestId: string; checklistItemId: string | null; checklistItemTitle?: string | null }

/** An expert's opinion, as it went on the record. */
export interface LiveOpinion { expertId: string; displayName: string; text: string; at: string }

/** An ICE candidate as `RTCIceCandidate.toJSON()` gives it (structurally an `RTCIceCandidateInit`). */
export interface IceCandidate { candidate?: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null }

export type ServerMessage =
  | { type: 'welcome'; self: PeerInfo; state: 'waiting' | 'admitted' }
  | { type: 'peers'; peers: PeerInfo[] }
  | { type: 'waiting'; participants: PeerInfo[] }
  | { type: 'admitted' }
  | { type: 'peer-joined'; peer: PeerInfo }
  | { type: 'peer-left'; userId: string }
  | { type: 'offer'; from: string; sdp: string }
  | { type: 'answer'; from: string; sdp: string }
  | { type: 'ice'; from: string; candidate: IceCandidate }
  | { type: 'heartbeat'; at: string }
  | { type: 'removed' }
  /** The host ended the call (a 预选址 look, a joint visit): everyone leaves; the page says it is over. */
  | { type: 'call-ended' }
  | ({ type: 'still-request' } & StillRequest)
  | { type: 'focus'; point: FocusPoint | null }
  | { type: 'pointer'; from: string; x: number; y: number; frozen: boolean }
  | { type: 'media'; from: string; audioMuted: boolean }
  | { type: 'opinion'; opinion: LiveOpinion }
  | { type: 'still-arrived'; stillRequestId: string; checklistItemId: string | null }
  | { type: 'error'; code: string; message: string };

/**
 * WebSocket close codes of this protocol (4000–4999 are the application's). The socket library itself closes with
 * 1009 (a frame over the size limit), 1007 (text that is not UTF-8) and 1002 (a broken frame).
 */
export const closeCodes = {
  replaced: 4000,
  removed: 4001,
  /** A binary frame: the protocol is JSON text only (the standard "unsupported data"). */
  binary: 1003,
  /** Too many messages that are not JSON of this protocol. */
  badMessage: 4400,
  wrongInspection: 4403,
  full: 4409,
  joinTimeout: 4408,
  /** More messages than the rate allows. */
  tooManyMessages: 4429,
  /** The user already holds as many signalling sockets as allowed. */
  tooManySockets: 4430,
} as const;

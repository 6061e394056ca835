import type { JoinAnswer } from '@ycta/shared/contracts/inspections.contract';
import type { FocusPoint, LiveOpinion, PeerInfo, StillRequest } from '@ycta/shared/contracts/signalling.contract';

export type { JoinAnswer };
export type AgoraJoinAnswer = Extract<JoinAnswer, { mode: 'agora' }>;
export type LocalJoinAnswer = Extract<JoinAnswer, { mode: 'local' }>;

export type { FocusPoint, LiveOpinion, PeerInfo, StillRequest };

/** "这里": a spot of the applicant's picture, normalised to the video frame (0–1). */
export interface Pointer { from: string; x: number; y: number; frozen: boolean }

/** Someone in the call with their media (null until it arrives). */
export interface CallParticipant extends PeerInfo { stream: MediaStream | null }

/** `failed`: reconnecting gave up (the page offers a retry). */
export type CallState = 'connecting' | 'waiting' | 'in-call' | 'reconnecting' | 'removed' | 'ended' | 'failed';

/** What a participant tells the room besides media. */
export type RoomMessage =
  | { type: 'focus'; point: FocusPoint | null }
  | { type: 'pointer'; x: number; y: number; frozen?: boolean }
  | { type: 'media'; audioMuted: boolean };


export interface CallEvents {
  state: (state: CallState) => void;
  /** Everyone admitted besides you, with their media. */
  participants: (participants: CallParticipant[]) => void;
  /** Inspector only: who waits to be admitted. */
  waiting: (waiting: PeerInfo[]) => void;
  /** The inspector asks your camera for a still: take it with `captureStill()` and upload it with this id. */
  'still-request': (request: StillRequest) => void;
  /** The point the inspector looks at now (null: none). */
  focus: (point: FocusPoint | null) => void;
  pointer: (pointer: Pointer) => void;
  /** A participant muted or unmuted their microphone. */
  'peer-media': (change: { from: string; audioMuted: boolean }) => void;
  /** An expert's opinion went on the record. */
  opinion: (opinion: LiveOpinion) => void;
  /** A requested still is stored. */
  'still-arrived': (still: { stillRequestId: string; checklistItemId: string | null }) => void;
  error: (error: Error) => void;
}

export interface CallOptions {
  inspectionId: string;
  /** Calls `POST /inspections/:id/join`: the first credentials, and fresh ones to reconnect (tickets are one-time). */
  join(): Promise<JoinAnswer>;
  /** Calls `POST /inspections/:id/token` (agora mode, on `token-privilege-will-expire`). */
  renewToken?(): Promise<{ token: string }>;
  /** Tests: keep only some ICE candidates (e.g. loopback). */
  candidateFilter?: (candidate: RTCIceCandidate) => boolean;
  /** Start with the camera on (default true). */
  video?: boolean;
  /**
   * What this camera shows. `scene` (default): the premises, from the rear camera in HD — it fills the inspector's
   * stage. `face`: an inspector or expert at a desk, a small tile for everyone else: the front camera at 640×360 and
   * 15 frames a second, which spares every peer's encoder and decoder (in a mesh each camera is encoded once per peer).
   */
  camera?: 'scene' | 'face';
}

/** One video inspection call, whichever way it runs. */
export interface InspectionCall {
  readonly mode: 'agora' | 'local';
  /** Your own camera and microphone (null for observers who do not publish). */
  readonly localStream: MediaStream | null;
  on<K extends keyof CallEvents>(event: K, listener: CallEvents[K]): () => void;
  /** Inspector: let a waiting participant in / send one out. */
  admit(userId: string): void;
  remove(userId: string): void;
  /** Next camera (rear ↔ front on phones). */
  switchCamera(): Promise<void>;
  /** Tells the room the current point, a pointer, your mute state. */
  send(message: RoomMessage): void;
  /** Mutes your microphone at the source (peers receive silence) and tells them. */
  setMuted(muted: boolean): void;
  /** A full-resolution still from your own camera. */
  captureStill(): Promise<Blob>;
  leave(): Promise<void>;
}

import type { Logger } from 'pino';
import type { ServerMessage } from '@ycta/shared/contracts/signalling.contract';
import { createSignallingServer, type SignallingHooks, type SignallingOptions, type SignallingServer } from '../../infra/signalling/signalling-server';
import { redeemTicket } from '../../infra/signalling/signalling-tickets';
import type { Role } from '@ycta/shared';
import { appendEvent } from '../ledger/ledger.service';

/**
 * The signalling server with this module's rules: tickets from `join`, every admission and departure on the record.
 * Agora-mode clients hold the same control socket (admission, stills), so one place records joins in both modes.
 */
export function createInspectionSignalling(logger: Logger, opts: Omit<SignallingOptions, 'logger'> = {}) {
  const hooks: SignallingHooks = {
    redeemTicket: (ticket) => redeemTicket(ticket),
    async onJoined(inspectionId, peer) {
      await appendEvent({ inspectionId, type: 'joined', actor: { id: peer.userId, role: peer.role as Role }, payload: { via: 'signalling' } });
    },
    async onLeft(inspectionId, peer, reason) {
      await appendEvent({ inspectionId, type: 'left', actor: { id: peer.userId, role: peer.role as Role }, payload: { via: 'signalling', reason } });
    },
    // which point was being looked at when is evidence too: the review's timeline shows it beside the recording
    async onFocus(inspectionId, by, point) {
      await appendEvent({ inspectionId, type: 'point.focused', actor: { id: by.userId, role: by.role as Role }, payload: { checklistItemId: point?.id ?? null } });
    },
  };
  return createSignallingServer(hooks, { ...opts, logger });
}

/** Sends to everyone admitted to a call (opinions, arrived stills), but `except`: live news, the record already holds the fact. */
export function tellRoom(signalling: Pick<SignallingServer, 'presence' | 'sendTo'>, inspectionId: string, msg: ServerMessage, except?: string): void {
  for (const p of signalling.presence(inspectionId)) if (p.state === 'admitted' && p.userId !== except) signalling.sendTo(inspectionId, p.userId, msg);
}

/** A requested still is stored: the call learns it now (the inspector's waiting note clears, the still shows under its point). */
export function announceStill(signalling: Pick<SignallingServer, 'presence' | 'sendTo'>, photo: { inspectionId: string; stillRequestId: string | null; checklistItemId: string | null }): void {
  if (!photo.stillRequestId) return;
  tellRoom(signalling, photo.inspectionId, { type: 'still-arrived', stillRequestId: photo.stillRequestId, checklistItemId: photo.checklistItemId });
}

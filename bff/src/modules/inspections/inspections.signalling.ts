import type { Logger } from 'pino';
import { createSignallingServer, type SignallingHooks, type SignallingOptions } from '../../infra/signalling/signalling-server';
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
  };
  return createSignallingServer(hooks, { ...opts, logger });
}

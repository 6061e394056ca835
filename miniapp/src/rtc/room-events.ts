import type { CallEmitter } from './emitter';
import type { ServerMessage } from './signalling-channel';

/**
 * The signalling messages both modes treat alike (the room's own news: admission queue, stills, the current point,
 * pointing, mute, opinions): agora-mode clients hold the same control socket. True when the message was one of them.
 */
export function emitRoomEvent(msg: ServerMessage, events: CallEmitter): boolean {
  switch (msg.type) {
    case 'waiting':
      events.emit('waiting', msg.participants);
      return true;
    case 'still-request':
      events.emit('still-request', { stillRequestId: msg.stillRequestId, checklistItemId: msg.checklistItemId, checklistItemTitle: msg.checklistItemTitle ?? null });
      return true;
    case 'focus':
      events.emit('focus', msg.point);
      return true;
    case 'pointer':
      events.emit('pointer', { from: msg.from, x: msg.x, y: msg.y, frozen: msg.frozen });
      return true;
    case 'media':
      events.emit('peer-media', { from: msg.from, audioMuted: msg.audioMuted });
      return true;
    case 'opinion':
      events.emit('opinion', msg.opinion);
      return true;
    case 'still-arrived':
      events.emit('still-arrived', { stillRequestId: msg.stillRequestId, checklistItemId: msg.checklistItemId });
      return true;
    case 'error':
      events.emit('error', new Error(msg.message));
      return true;
    default:
      return false;
  }
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { ClientMessage, closeCodes, type FocusPoint, type PeerInfo, type ServerMessage } from '@ycta/shared/contracts/signalling.contract';
import { Counter, defaultLimits, messageBucket, type SignallingLimits } from './signalling-guards';

/**
 * WebSocket signalling for local-mode calls: one room per inspection, a mesh of at most `maxParticipants`.
 * The inspector (and observing staff) enter at once; applicants and experts wait until an inspector admits them.
 * Knows nothing of inspections itself: tickets and the record are the caller's (`SignallingHooks`).
 */

export const signallingPath = '/api/rtc/ws';

export interface TicketHolder extends PeerInfo { inspectionId: string }

export interface SignallingHooks {
  /** Redeems a one-time ticket: the holder, or null when unknown, used or expired. */
  redeemTicket(ticket: string): Promise<TicketHolder | null>;
  /** A participant entered the call (admitted) or left it; the caller writes the record. */
  onJoined(inspectionId: string, peer: PeerInfo): Promise<void>;
  onLeft(inspectionId: string, peer: PeerInfo, reason: 'left' | 'removed' | 'disconnected'): Promise<void>;
  /** The inspector made a checklist point the current one (or none); the caller may record it. */
  onFocus?(inspectionId: string, by: PeerInfo, point: FocusPoint | null): Promise<void>;
}

export interface SignallingOptions {
  logger: Logger;
  maxParticipants?: number;
  heartbeatMs?: number;
  joinTimeoutMs?: number;
  limits?: Partial<SignallingLimits>;
  /** The client's address of an upgrade request (behind trusted proxies: from X-Forwarded-For). */
  clientAddress?: (req: IncomingMessage) => string;
}

interface Member extends PeerInfo {
  ws: WebSocket;
  state: 'waiting' | 'admitted';
  alive: boolean;
}

interface Room {
  members: Map<string, Member>;
  /** Admitted once: a reconnecting participant comes straight back in. Cleared for a removed one. */
  admittedBefore: Set<string>;
  /** The checklist point being inspected now: sent to everyone who comes in, so a rejoining page shows it at once. */
  focus: FocusPoint | null;
}

const entersAtOnce = new Set(['inspector', 'staff', 'admin']);
/** Who may point at the applicant's picture. */
const mayPoint = new Set(['inspector', 'expert']);

export function createSignallingServer(hooks: SignallingHooks, opts: SignallingOptions) {
  const maxParticipants = opts.maxParticipants ?? 6;
  const rooms = new Map<string, Room>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const log = opts.logger.child({ component: 'signalling' });
  const limits: SignallingLimits = { ...defaultLimits, ...opts.limits };
  const perAddress = new Counter(limits.socketsPerAddress);
  const perUser = new Counter(limits.socketsPerUser);
  const addressOf = opts.clientAddress ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? '');
  /** Closes a socket that broke a rule, and says why in the log; everyone else's call goes on. */
  const shut = (ws: WebSocket, code: number, reason: string, who: object) => {
    log.warn({ ...who, closeCode: code, reason }, 'signalling socket closed for breaking a rule');
    ws.close(code, reason);
  };

  const send = (ws: WebSocket, msg: ServerMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  };
  const info = (m: Member): PeerInfo => ({ userId: m.userId, role: m.role, displayName: m.displayName });
  const admitted = (room: Room) => [...room.members.values()].filter((m) => m.state === 'admitted');
  const record = (what: Promise<void>) => what.catch((err: Error) => log.error({ err: err.message }, 'signalling record write failed'));

  function tellInspectorsWhoWaits(room: Room) {
    const waiting = [...room.members.values()].filter((m) => m.state === 'waiting').map(info);
    for (const m of admitted(room)) if (m.role === 'inspector') send(m.ws, { type: 'waiting', participants: waiting });
  }

  function admit(inspectionId: string, room: Room, member: Member) {
    member.state = 'admitted';
    room.admittedBefore.add(member.userId);
    const others = admitted(room).filter((m) => m !== member);
    send(member.ws, { type: 'admitted' });
    send(member.ws, { type: 'peers', peers: others.map(info) });
    if (room.focus) send(member.ws, { type: 'focus', point: room.focus });
    for (const o of others) send(o.ws, { type: 'peer-joined', peer: info(member) });
    void record(hooks.onJoined(inspectionId, info(member)));
  }

  function depart(inspectionId: string, room: Room, member: Member, reason: 'left' | 'removed' | 'disconnected') {
    if (room.members.get(member.userId) !== member) return; // already replaced by a reconnection
    room.members.delete(member.userId);
    if (member.state === 'admitted') {
      for (const o of admitted(room)) send(o.ws, { type: 'peer-left', userId: member.userId });
      void record(hooks.onLeft(inspectionId, info(member), reason));
    }
    tellInspectorsWhoWaits(room);
    if (room.members.size === 0) rooms.delete(inspectionId);
  }

  function enter(holder: TicketHolder, ws: WebSocket) {
    const room: Room = rooms.get(holder.inspectionId) ?? { members: new Map(), admittedBefore: new Set(), focus: null };
    rooms.set(holder.inspectionId, room);
    const previous = room.members.get(holder.userId);
    if (!previous && room.members.size >= maxParticipants) {
      send(ws, { type: 'error', code: 'RTC.ROOM_FULL', message: `本次视频踏勘最多 ${maxParticipants} 人参加` });
      ws.close(closeCodes.full, 'room full');
      if (room.members.size === 0) rooms.delete(holder.inspectionId);
      return null;
    }
    if (previous) {
      // a reconnection replaces the old socket without a leave/join pair on the record
      room.members.delete(holder.userId);
      previous.ws.close(closeCodes.replaced, 'replaced by a new connection');
    }
    const member: Member = { userId: holder.userId, role: holder.role, displayName: holder.displayName, ws, state: 'waiting', alive: true };
    room.members.set(member.userId, member);
    const returning = previous?.state === 'admitted' || room.admittedBefore.has(member.userId);
    const straightIn = entersAtOnce.has(member.role) || returning;
    send(ws, { type: 'welcome', self: info(member), state: straightIn ? 'admitted' : 'waiting' });
    if (straightIn) {
      if (previous?.state === 'admitted') {
        member.state = 'admitted';
        send(ws, { type: 'admitted' });
        send(ws, { type: 'peers', peers: admitted(room).filter((m) => m !== member).map(info) });
        if (room.focus) send(ws, { type: 'focus', point: room.focus });
        for (const o of admitted(room)) if (o !== member) send(o.ws, { type: 'peer-joined', peer: info(member) });
      } else {
        admit(holder.inspectionId, room, member);
      }
    }
    tellInspectorsWhoWaits(room);
    return { room, member };
  }

  function handle(holder: TicketHolder, room: Room, member: Member, msg: ClientMessage) {
    switch (msg.type) {
      case 'offer':
      case 'answer':
      case 'ice': {
        const target = room.members.get(msg.to);
        if (member.state !== 'admitted' || target?.state !== 'admitted') return;
        const { to: _to, ...rest } = msg;
        send(target.ws, { ...rest, from: member.userId } as ServerMessage);
        return;
      }
      case 'heartbeat':
        member.alive = true;
        send(member.ws, { type: 'heartbeat', at: new Date().toISOString() });
        return;
      case 'leave':
        depart(holder.inspectionId, room, member, 'left');
        member.ws.close(1000, 'left');
        return;
      case 'admit':
      case 'remove': {
        if (member.role !== 'inspector' || member.state !== 'admitted') {
          send(member.ws, { type: 'error', code: 'AUTH.FORBIDDEN', message: '只有踏勘人员可以准入或移出参与人' });
          return;
        }
        const target = room.members.get(msg.userId);
        if (!target) return;
        if (msg.type === 'admit') {
          if (target.state === 'waiting') admit(holder.inspectionId, room, target);
          tellInspectorsWhoWaits(room);
        } else {
          room.admittedBefore.delete(target.userId);
          send(target.ws, { type: 'removed' });
          depart(holder.inspectionId, room, target, 'removed');
          target.ws.close(closeCodes.removed, 'removed by the inspector');
        }
        return;
      }
      case 'focus':
        if (member.role !== 'inspector' || member.state !== 'admitted') return;
        room.focus = msg.point;
        for (const o of admitted(room)) if (o !== member) send(o.ws, { type: 'focus', point: msg.point });
        if (hooks.onFocus) void record(hooks.onFocus(holder.inspectionId, info(member), msg.point));
        return;
      case 'pointer':
        if (!mayPoint.has(member.role) || member.state !== 'admitted') return;
        for (const o of admitted(room)) if (o !== member) send(o.ws, { type: 'pointer', from: member.userId, x: msg.x, y: msg.y, frozen: msg.frozen });
        return;
      case 'media':
        if (member.state !== 'admitted') return;
        for (const o of admitted(room)) if (o !== member) send(o.ws, { type: 'media', from: member.userId, audioMuted: msg.audioMuted });
        return;
      case 'join':
        return;
    }
  }

  function onConnection(ws: WebSocket, holder: TicketHolder, address: string) {
    const who = { userId: holder.userId, inspectionId: holder.inspectionId, address };
    let joined: { room: Room; member: Member } | null = null;
    const joinTimer = setTimeout(() => shut(ws, closeCodes.joinTimeout, 'no join message', who), opts.joinTimeoutMs ?? 10_000);
    const budget = messageBucket(limits);
    let badMessages = 0;
    // `ws` raises 'error' for every protocol violation (oversized frame, invalid UTF-8, broken framing) and closes
    // the socket itself with the matching code; without a listener the error would end the whole process
    ws.on('error', (err: Error & { code?: string }) => log.warn({ ...who, err: { message: err.message, code: err.code } }, 'signalling socket error'));
    ws.on('pong', () => { if (joined) joined.member.alive = true; });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (!budget.spend()) return shut(ws, closeCodes.tooManyMessages, 'too many messages', who);
      if (isBinary) return shut(ws, closeCodes.binary, 'binary frames are not part of the protocol', who);
      let parsed: ClientMessage;
      try {
        parsed = ClientMessage.parse(JSON.parse(String(data)));
      } catch {
        if (++badMessages >= limits.badMessages) return shut(ws, closeCodes.badMessage, 'too many malformed messages', who);
        send(ws, { type: 'error', code: 'REQUEST.INVALID', message: '信令消息格式不正确' });
        return;
      }
      if (!joined) {
        if (parsed.type !== 'join') return;
        clearTimeout(joinTimer);
        if (parsed.inspectionId !== holder.inspectionId) {
          send(ws, { type: 'error', code: 'RTC.TICKET_MISMATCH', message: '入会凭证不属于本次踏勘' });
          ws.close(closeCodes.wrongInspection, 'ticket of another inspection');
          return;
        }
        joined = enter(holder, ws);
        return;
      }
      handle(holder, joined.room, joined.member, parsed);
    });
    ws.on('close', () => {
      clearTimeout(joinTimer);
      perUser.release(holder.userId);
      if (joined) depart(holder.inspectionId, joined.room, joined.member, 'disconnected');
    });
  }

  const heartbeat = setInterval(() => {
    for (const room of rooms.values()) {
      for (const m of room.members.values()) {
        if (!m.alive) { m.ws.terminate(); continue; }
        m.alive = false;
        m.ws.ping();
      }
    }
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();

  function refuse(socket: Duplex, status: number, text: string) {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    // the HTTP server hands the raw socket over with no error listener of its own: a client resetting it while its
    // ticket is checked must not end the process
    socket.on('error', (err: Error & { code?: string }) => log.info({ err: { message: err.message, code: err.code } }, 'signalling upgrade socket error'));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://local');
    } catch {
      return refuse(socket, 400, 'Bad Request');
    }
    if (url.pathname !== signallingPath) return refuse(socket, 404, 'Not Found');
    const ticket = url.searchParams.get('ticket');
    if (!ticket) return refuse(socket, 401, 'Unauthorized');
    const address = addressOf(req);
    if (!perAddress.take(address)) {
      log.warn({ address }, 'signalling upgrade refused: too many sockets from this address');
      return refuse(socket, 429, 'Too Many Requests');
    }
    let released = false;
    const releaseAddress = () => { if (!released) { released = true; perAddress.release(address); } };
    socket.once('close', releaseAddress);
    let holder: TicketHolder | null;
    try {
      holder = await hooks.redeemTicket(ticket);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'ticket redemption failed');
      return refuse(socket, 503, 'Service Unavailable');
    }
    if (!holder) return refuse(socket, 401, 'Unauthorized');
    const ready = holder;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!perUser.take(ready.userId)) {
        ws.on('error', () => undefined);
        return shut(ws, closeCodes.tooManySockets, 'too many sockets for this user', { userId: ready.userId, address });
      }
      onConnection(ws, ready, address);
    });
  }

  return {
    /** Serves the signalling path on this HTTP server's upgrades. */
    attach(server: Server) {
      server.on('upgrade', (req, socket, head) => {
        onUpgrade(req, socket, head).catch((err: Error) => {
          log.error({ err: err.message }, 'signalling upgrade failed');
          socket.destroy();
        });
      });
    },
    /** Sends to one participant of a call; false when they are not connected. */
    sendTo(inspectionId: string, userId: string, msg: ServerMessage): boolean {
      const m = rooms.get(inspectionId)?.members.get(userId);
      if (!m || m.ws.readyState !== WebSocket.OPEN) return false;
      send(m.ws, msg);
      return true;
    },
    /** Who is in a call now. */
    presence(inspectionId: string): (PeerInfo & { state: 'waiting' | 'admitted' })[] {
      return [...(rooms.get(inspectionId)?.members.values() ?? [])].map((m) => ({ ...info(m), state: m.state }));
    },
    close() {
      clearInterval(heartbeat);
      for (const room of rooms.values()) for (const m of room.members.values()) m.ws.terminate();
      rooms.clear();
      wss.close();
    },
  };
}
export type SignallingServer = ReturnType<typeof createSignallingServer>;

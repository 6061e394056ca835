import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import WebSocket from 'ws';
import { createSignallingServer } from './signalling-server';
import type { SignallingLimits } from './signalling-guards';

const inspectionId = 'abcdefabcdefabcdefabcdef';

/** A signalling server whose tickets are user ids (`<user>.<n>`), with tight limits. */
async function serve(limits: Partial<SignallingLimits>, redeemDelay?: Promise<void>) {
  const signalling = createSignallingServer({
    redeemTicket: async (ticket) => {
      await redeemDelay;
      const userId = ticket.split('.')[0]!;
      return { inspectionId, userId, role: 'staff', displayName: userId };
    },
    onJoined: async () => undefined,
    onLeft: async () => undefined,
  }, { logger: pino({ level: 'silent' }), limits });
  const server = createServer();
  signalling.attach(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = (ticket: string) => `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/rtc/ws?ticket=${ticket}`;
  const sockets: WebSocket[] = [];
  /** Opens a socket: the socket, or the HTTP status of a refused upgrade. */
  const attempt = (ticket: string) => new Promise<WebSocket | number>((ok) => {
    const ws = new WebSocket(url(ticket));
    sockets.push(ws);
    ws.on('error', () => undefined);
    ws.once('open', () => ok(ws));
    ws.once('unexpected-response', (_q, res) => { ok(res.statusCode ?? 0); ws.terminate(); });
  });
  const close = async () => {
    for (const ws of sockets) ws.terminate();
    signalling.close();
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  };
  return { attempt, close };
}
const closeCodeOf = (ws: WebSocket) => new Promise<number>((ok) => ws.once('close', (code) => ok(code)));

describe('signalling limits', () => {
  it('when one address holds as many upgrades as allowed, then the next is refused with 429 before its ticket is spent', async () => {
    let release = () => undefined as void;
    const s = await serve({ socketsPerAddress: 3 }, new Promise<void>((ok) => { release = ok; }));
    try {
      const waiting = [s.attempt('a.1'), s.attempt('b.1'), s.attempt('c.1')];
      expect(await s.attempt('d.1')).toBe(429);
      release();
      expect((await Promise.all(waiting)).every((w) => w instanceof WebSocket)).toBe(true);
    } finally { await s.close(); }
  });

  it('when a user opens more sockets than allowed, then the extra one is closed with 4430 and the others stay', async () => {
    const s = await serve({ socketsPerUser: 2 });
    try {
      const first = await s.attempt('u.1') as WebSocket;
      const second = await s.attempt('u.2') as WebSocket;
      const third = await s.attempt('u.3') as WebSocket;
      expect(await closeCodeOf(third)).toBe(4430);
      expect([first.readyState, second.readyState]).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
      first.close();
      await closeCodeOf(first);
      const again = await s.attempt('u.4') as WebSocket;
      const reply = new Promise((ok) => again.once('message', ok));
      again.send(JSON.stringify({ type: 'join', inspectionId }));
      await reply; // a freed place can be taken again
    } finally { await s.close(); }
  });

  it('when a socket sends faster than the rate, then it is closed with 4429', async () => {
    const s = await serve({ messageBurst: 5, messagesPerSecond: 1 });
    try {
      const ws = await s.attempt('v.1') as WebSocket;
      const closed = closeCodeOf(ws);
      for (let i = 0; i < 10; i++) ws.send(JSON.stringify({ type: 'heartbeat' }));
      expect(await closed).toBe(4429);
    } finally { await s.close(); }
  });
});

import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './harness';
import { auth, bookedInspection } from './inspections/fixture';

/**
 * An attacker's signalling traffic against the real app: oversized, binary, fragmented and malformed frames, a
 * flood of connects, one ticket raced by many upgrades, a request head that never ends. Throughout, the BFF answers
 * /api/health and a call already in progress keeps both its sockets.
 */
let t: TestApp;
let inspectionId: string;
let bystanders: WebSocket[] = [];
const healthFailures: string[] = [];
let polling = true;
let poller: Promise<void>;

const wsBase = () => t.baseUrl.replace('http', 'ws');
const as = async (username: string) => auth(await t.tokenOf(username));

async function ticketOf(username: string): Promise<string> {
  const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as(username));
  expect(res.status).toBe(200);
  return res.body.ticket as string;
}

function open(ticket: string): Promise<WebSocket> {
  const ws = new WebSocket(`${wsBase()}/api/rtc/ws?ticket=${ticket}`);
  ws.on('error', () => undefined);
  return new Promise((ok, fail) => { ws.once('open', () => ok(ws)); ws.once('unexpected-response', (_q, res) => fail(new Error(`upgrade answered ${res.statusCode}`))); });
}

/** Upgrades with this ticket: the socket when accepted, else the HTTP status of the refusal. */
function attempt(ticket: string): Promise<WebSocket | number> {
  const ws = new WebSocket(`${wsBase()}/api/rtc/ws?ticket=${ticket}`);
  ws.on('error', () => undefined);
  return new Promise((ok) => {
    ws.once('open', () => ok(ws));
    ws.once('unexpected-response', (_q, res) => { ok(res.statusCode ?? 0); ws.terminate(); });
  });
}

const closeCodeOf = (ws: WebSocket) => new Promise<number>((ok) => ws.once('close', (code) => ok(code)));

/** A masked client frame, written past the client library so that anything at all can be sent. */
function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = randomBytes(4);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0, 0x80 | len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) { head[1] = 0x80 | 126; head.writeUInt16BE(len, 2); }
  if (len >= 65536) { head[1] = 0x80 | 127; head.writeBigUInt64BE(BigInt(len), 2); }
  head[0] = (fin ? 0x80 : 0) | opcode;
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([head, mask, body]);
}
const raw = (ws: WebSocket, bytes: Buffer) => (ws as unknown as { _socket: NodeJS.WritableStream })._socket.write(bytes);

async function joinedSocket(username: string): Promise<WebSocket> {
  const ws = await open(await ticketOf(username));
  const welcome = new Promise((ok) => ws.once('message', ok));
  ws.send(JSON.stringify({ type: 'join', inspectionId }));
  await welcome;
  return ws;
}

beforeAll(async () => {
  t = await startTestApp({ http: { headersTimeoutMs: 1000, checkIntervalMs: 200 } });
  ({ inspectionId } = await bookedInspection(t));
  // a call in progress that must not notice anything below
  bystanders = [await joinedSocket('inspector1'), await joinedSocket('applicant-red')];
  poller = (async () => {
    while (polling) {
      const res = await fetch(`${t.baseUrl}/api/health`).catch((err: Error) => ({ status: err.message }));
      if (res.status !== 200) healthFailures.push(String(res.status));
      await new Promise((ok) => setTimeout(ok, 25));
    }
  })();
});

afterAll(async () => {
  polling = false;
  await poller;
  for (const ws of bystanders) ws.terminate();
  await t.close();
});

afterEach(() => {
  expect(healthFailures).toEqual([]);
  expect(bystanders.map((ws) => ws.readyState)).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
});

describe('signalling under attack', () => {
  it('when a 70 KiB text frame arrives, then that socket alone is closed with 1009', async () => {
    const ws = await open(await ticketOf('staff1'));
    const closed = closeCodeOf(ws);
    ws.send('x'.repeat(70 * 1024));
    expect(await closed).toBe(1009);
  });

  it('when a binary frame arrives, then the socket is closed with 1003', async () => {
    const ws = await open(await ticketOf('staff1'));
    const closed = closeCodeOf(ws);
    ws.send(randomBytes(64));
    expect(await closed).toBe(1003);
  });

  it('when text is not UTF-8, then 1007; when a continuation frame comes first, then 1002', async () => {
    const a = await open(await ticketOf('staff1'));
    const closedA = closeCodeOf(a);
    raw(a, frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    expect(await closedA).toBe(1007);
    const b = await open(await ticketOf('staff1'));
    const closedB = closeCodeOf(b);
    raw(b, frame(0x0, Buffer.from('{"type":"heartbeat"}')));
    expect(await closedB).toBe(1002);
  });

  it('when a message comes in fragments, then it is understood; when its fragments add up past the limit, then 1009', async () => {
    const ws = await open(await ticketOf('staff1'));
    const welcome = new Promise<string>((ok) => ws.once('message', (d) => ok(String(d))));
    const join = Buffer.from(JSON.stringify({ type: 'join', inspectionId }));
    raw(ws, Buffer.concat([frame(0x1, join.subarray(0, 10), false), frame(0x0, join.subarray(10), true)]));
    expect(JSON.parse(await welcome)).toMatchObject({ type: 'welcome', state: 'admitted' });
    const closed = closeCodeOf(ws);
    raw(ws, Buffer.concat([frame(0x1, Buffer.alloc(40 * 1024, 0x61), false), frame(0x0, Buffer.alloc(40 * 1024, 0x61), true)]));
    expect(await closed).toBe(1009);
  });

  it('when messages are not JSON of the protocol, then each is answered as invalid and the tenth closes the socket with 4400', async () => {
    const ws = await open(await ticketOf('staff1'));
    const replies: string[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(String(d)).code));
    const closed = closeCodeOf(ws);
    for (const junk of ['{', 'null', '[]', '{"type":"nope"}', '"x"', '{"type":"offer"}', '1e999', '{"__proto__":{}}', '\u0000', 'zz']) ws.send(junk);
    expect(await closed).toBe(4400);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(new Set(replies)).toEqual(new Set(['REQUEST.INVALID']));
  });

  it('when 200 clients connect at once with made-up tickets, then each is refused (401, or 429 past the per-address cap)', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, () => attempt(randomBytes(32).toString('base64url'))));
    expect(answers.every((a) => a === 401 || a === 429)).toBe(true);
  });

  it('when 20 upgrades race with one ticket, then exactly one socket opens', async () => {
    const ticket = await ticketOf('staff1');
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt(ticket)));
    const opened = answers.filter((a): a is WebSocket => a instanceof WebSocket);
    expect(opened).toHaveLength(1);
    expect(answers.filter((a) => a === 401)).toHaveLength(19);
    opened[0]!.close();
  });

  it('when a request head trickles in and stops, then the server answers 408 and closes it', async () => {
    const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => { answer += String(d); });
    socket.on('error', () => undefined);
    socket.write(`GET /api/rtc/ws?ticket=${randomBytes(32).toString('base64url')} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n`);
    await new Promise((ok) => socket.once('close', ok));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('when a client resets its socket while its ticket is checked, or sends bytes that are not HTTP, then nothing else notices', async () => {
    for (let i = 0; i < 10; i++) {
      const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`GET /api/rtc/ws?ticket=${await ticketOf('staff1')} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`);
      socket.resetAndDestroy();
    }
    const junk = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
    let answer = '';
    junk.on('data', (d) => { answer += String(d); });
    junk.write(randomBytes(512));
    await new Promise((ok) => junk.once('close', ok));
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    // the call in progress still relays: a heartbeat is answered
    const reply = new Promise<string>((ok) => bystanders[0]!.once('message', (d) => ok(String(d))));
    bystanders[0]!.send(JSON.stringify({ type: 'heartbeat' }));
    expect(JSON.parse(await reply).type).toBe('heartbeat');
  });
});

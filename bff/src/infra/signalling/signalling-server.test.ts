import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, bookedInspection } from '../../../test/inspections/fixture';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { listEvents } from '../../modules/ledger/ledger.service';
import { createSignallingServer } from './signalling-server';
import { Peer } from '../../../test/signalling-peer';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const as = async (username: string) => auth(await t.tokenOf(username));
const wsBase = () => t.baseUrl.replace('http', 'ws');

/** The HTTP status of a refused upgrade. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => { ok(res.statusCode ?? 0); ws.terminate(); });
    ws.on('open', () => { ws.close(); fail(new Error('upgrade was accepted')); });
    ws.on('error', () => undefined);
  });
}

async function join(inspectionId: string, username: string): Promise<Peer> {
  const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as(username));
  expect(res.status).toBe(200);
  const peer = await Peer.open(`${wsBase()}/api/rtc/ws?ticket=${res.body.ticket}`);
  peer.send({ type: 'join', inspectionId });
  return peer;
}

describe('signalling authentication', () => {
  it('when there is no ticket, then the upgrade is refused with 401', async () => {
    expect(await refusedStatus(`${wsBase()}/api/rtc/ws`)).toBe(401);
    expect(await refusedStatus(`${wsBase()}/api/rtc/ws?ticket=made-up-ticket-made-up-ticket-0000`)).toBe(401);
  });

  it('when a ticket is used a second time, then the second upgrade is refused', async () => {
    const { inspectionId } = await bookedInspection(t);
    const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('inspector1'));
    const first = await Peer.open(`${wsBase()}/api/rtc/ws?ticket=${res.body.ticket}`);
    expect(await refusedStatus(`${wsBase()}/api/rtc/ws?ticket=${res.body.ticket}`)).toBe(401);
    first.ws.close();
  });

  it("when a ticket of another inspection is used to join this one, then the socket is closed as the wrong inspection", async () => {
    const a = await bookedInspection(t);
    const b = await bookedInspection(t, { applicant: 'applicant-orange' });
    const res = await t.request.post(`/api/inspections/${a.inspectionId}/join`).set(await as('inspector1'));
    const peer = await Peer.open(`${wsBase()}/api/rtc/ws?ticket=${res.body.ticket}`);
    peer.send({ type: 'join', inspectionId: b.inspectionId });
    expect((await peer.next('error')).code).toBe('RTC.TICKET_MISMATCH');
    expect(await peer.closedWith()).toBe(4403);
  });
});

describe('a call in local mode', () => {
  it('when the applicant arrives, then they wait until the inspector admits them; then both see each other, relay SDP, and every join and leave is on the record', async () => {
    const { inspectionId } = await bookedInspection(t);
    const inspector = await join(inspectionId, 'inspector1');
    expect(await inspector.next('welcome')).toMatchObject({ state: 'admitted', self: { role: 'inspector' } });
    expect((await inspector.next('peers')).peers).toEqual([]);
    expect((await inspector.next('waiting')).participants).toEqual([]);

    const applicant = await join(inspectionId, 'applicant-red');
    const welcome = await applicant.next('welcome');
    expect(welcome.state).toBe('waiting');
    const applicantId = (welcome.self as { userId: string }).userId;
    const waiting = await inspector.next('waiting');
    expect(waiting.participants).toEqual([expect.objectContaining({ userId: applicantId, role: 'applicant' })]);

    // a waiting participant cannot reach anyone, nor admit themself
    applicant.send({ type: 'admit', userId: applicantId });
    expect((await applicant.next('error')).code).toBe('AUTH.FORBIDDEN');

    const waitingView = await t.request.get(`/api/inspections/${inspectionId}`).set(await as('inspector1'));
    expect(waitingView.body.inCall).toEqual(expect.arrayContaining([expect.objectContaining({ userId: applicantId, state: 'waiting' })]));
    inspector.send({ type: 'admit', userId: applicantId });
    await applicant.next('admitted');
    const peers = await applicant.next('peers');
    const inspectorId = (peers.peers as { userId: string }[])[0]!.userId;
    expect((await inspector.next('peer-joined')).peer).toMatchObject({ userId: applicantId });

    applicant.send({ type: 'offer', to: inspectorId, sdp: 'v=0 offer' });
    expect(await inspector.next('offer')).toMatchObject({ from: applicantId, sdp: 'v=0 offer' });
    inspector.send({ type: 'answer', to: applicantId, sdp: 'v=0 answer' });
    expect(await applicant.next('answer')).toMatchObject({ from: inspectorId, sdp: 'v=0 answer' });
    inspector.send({ type: 'ice', to: applicantId, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' } });
    expect((await applicant.next('ice')).from).toBe(inspectorId);
    applicant.send({ type: 'heartbeat' });
    await applicant.next('heartbeat');

    const still = await t.request.post(`/api/inspections/${inspectionId}/stills`).set(await as('inspector1')).send({ checklistItemId: 'fire-exits' });
    expect(still.status).toBe(201);
    expect(still.body).toMatchObject({ targetUserId: applicantId, delivered: true });
    expect(await applicant.next('still-request')).toMatchObject({ stillRequestId: still.body.stillRequestId, checklistItemId: 'fire-exits' });

    inspector.send({ type: 'remove', userId: applicantId });
    await applicant.next('removed');
    expect(await applicant.closedWith()).toBe(4001);
    expect((await inspector.next('peer-left')).userId).toBe(applicantId);
    inspector.send({ type: 'leave' });
    await inspector.closedWith();

    await new Promise((ok) => setTimeout(ok, 300));
    const events = (await listEvents(inspectionId)).filter((e) => ['joined', 'left', 'still.requested'].includes(e.type));
    expect(events.map((e) => `${e.type}:${e.actor.role}`)).toEqual([
      'joined:inspector', 'joined:applicant', 'still.requested:inspector', 'left:applicant', 'left:inspector',
    ]);
    expect(events[3]!.payload).toMatchObject({ reason: 'removed' });
  });

  it('when an admitted participant reconnects with a new ticket, then they come straight back without a second admission', async () => {
    const { inspectionId } = await bookedInspection(t);
    const inspector = await join(inspectionId, 'inspector1');
    await inspector.next('welcome');
    const applicant = await join(inspectionId, 'applicant-red');
    const applicantId = ((await applicant.next('welcome')).self as { userId: string }).userId;
    inspector.send({ type: 'admit', userId: applicantId });
    await applicant.next('admitted');
    const again = await join(inspectionId, 'applicant-red');
    expect((await again.next('welcome')).state).toBe('admitted');
    expect(await applicant.closedWith()).toBe(4000);
    inspector.ws.close();
    again.ws.close();
  });
});

describe('room size', () => {
  it('when a seventh person arrives, then they are turned away and the six inside stay', async () => {
    const inspectionId = 'abcdefabcdefabcdefabcdef';
    const signalling = createSignallingServer({
      redeemTicket: async (ticket) => ({ inspectionId, userId: ticket, role: ticket === 'user-0' ? 'inspector' : 'staff', displayName: ticket }),
      onJoined: async () => undefined,
      onLeft: async () => undefined,
    }, { logger: pino({ level: 'silent' }) });
    const server = createServer();
    signalling.attach(server);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = (n: number) => `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/rtc/ws?ticket=user-${n}`;
    const peers: Peer[] = [];
    try {
      for (let n = 0; n < 6; n++) {
        const p = await Peer.open(url(n));
        p.send({ type: 'join', inspectionId });
        await p.next('welcome');
        peers.push(p);
      }
      const seventh = await Peer.open(url(6));
      seventh.send({ type: 'join', inspectionId });
      expect((await seventh.next('error')).code).toBe('RTC.ROOM_FULL');
      expect(await seventh.closedWith()).toBe(4409);
      expect(signalling.presence(inspectionId)).toHaveLength(6);
    } finally {
      for (const p of peers) p.ws.close();
      signalling.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import sharp from 'sharp';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth } from '../../../test/inspections/fixture';
import { Peer } from '../../../test/signalling-peer';
import { listEvents, verifyInspectionChain } from '../ledger/ledger.service';

/**
 * The short remote look at a 预选址 candidate site: a call session whose subject is the request, hosted by the staff
 * member who opens it, on the shared room and its own chain. Real BFF, database and signalling sockets.
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const as = async (username: string) => auth(await t.tokenOf(username));
const cafeSite = {
  matterCode: 'internet-cafe', siteAddress: '海南省海口市龙华区国贸路 20 号 2 层', site: { lat: 20.0226, lng: 110.3254 }, datum: 'wgs84',
  lowestFloor: 2, highestFloor: 2, aboveGroundFloors: 6, undergroundFloors: 1, buildingUse: 'commercial', landUse: 'commercial',
  floorArea: 320, plannedOpeningOn: '2027-03-01',
};

async function join(callId: string, username: string) {
  const res = await t.request.post(`/api/inspections/${callId}/join`).set(await as(username));
  expect(res.status).toBe(200);
  const peer = await Peer.open(`${t.baseUrl.replace('http', 'ws')}/api/rtc/ws?ticket=${res.body.ticket}`);
  peer.send({ type: 'join', inspectionId: callId });
  return { peer, answer: res.body as { canPublish: boolean } };
}

it('when staff hold a short remote look at a candidate site, then the applicant is let in by them, a still is taken, and who, when, how long and the stills are on the request and its chain', async () => {
  const submitted = await t.request.post('/api/presite/requests').set(await as('applicant-red')).send(cafeSite);
  expect(submitted.status).toBe(201);
  const id = submitted.body.id as string;

  const started = await t.request.post(`/api/presite/requests/${id}/call`).set(await as('staff1'));
  expect(started.status).toBe(200);
  expect(started.body.calls).toHaveLength(1);
  const callId = started.body.calls[0].id as string;
  const call = await t.request.get(`/api/inspections/${callId}`).set(await as('applicant-red'));
  expect(call.body).toMatchObject({ callFor: { kind: 'presite', id }, status: 'booked' });
  // the rules are points to look at, judged on the desk, not in the call
  expect(call.body.checklist.every((p: { mayJudge: boolean }) => p.mayJudge === false)).toBe(true);

  // the staff member hosts: speaks, lets the applicant in, asks for a still (staff elsewhere only observe)
  const host = await join(callId, 'staff1');
  expect(host.answer.canPublish).toBe(true);
  await host.peer.next('admitted');
  const applicant = await join(callId, 'applicant-red');
  const applicantId = ((await applicant.peer.next('welcome')).self as { userId: string }).userId;
  host.peer.send({ type: 'admit', userId: applicantId });
  await applicant.peer.next('admitted');
  const still = await t.request.post(`/api/inspections/${callId}/stills`).set(await as('staff1')).send({});
  expect(still.status).toBe(201);
  expect(still.body.delivered).toBe(true);
  expect((await applicant.peer.next('still-request')).stillRequestId).toBe(still.body.stillRequestId);
  // the applicant's phone answers with the photo, as the room page does
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
  const uploaded = await t.request.post(`/api/inspections/${callId}/photos`).set(await as('applicant-red'))
    .field('stillRequestId', still.body.stillRequestId).field('capturedAt', new Date().toISOString())
    .attach('file', photo, { filename: 'still.jpg', contentType: 'image/jpeg' });
  expect(uploaded.status).toBe(201);
  const refused = await t.request.post(`/api/inspections/${callId}/conclusion`).set(await as('staff1')).send({ result: 'pass' });
  expect(refused.status).toBe(403);
  // every rule judged on the desk; the advice waits for the look to end
  for (const ruleId of ['school-distance', 'not-residential']) {
    expect((await t.request.put(`/api/presite/requests/${id}/reviews/${ruleId}`).set(await as('staff1')).send({ result: 'compliant' })).status).toBe(200);
  }
  const tooSoon = await t.request.post(`/api/presite/requests/${id}/advice`).set(await as('staff1')).send({});
  expect(tooSoon.body.error.code).toBe('PRESITE.LOOK_OPEN');

  const ended = await t.request.post(`/api/inspections/${callId}/end`).set(await as('staff1'));
  expect(ended.status).toBe(200);
  // the applicant's page is told the look is over and leaves the call
  await applicant.peer.next('call-ended');
  host.peer.ws.close();
  applicant.peer.ws.close();
  const seen = await t.request.get(`/api/presite/requests/${id}`).set(await as('applicant-red'));
  expect(seen.body.calls[0]).toMatchObject({ heldByName: '赵审核', stills: 1 });
  expect(seen.body.calls[0].endedAt).not.toBeNull();
  expect(seen.body.calls[0].durationSeconds).toBeGreaterThanOrEqual(0);
  const onRequest = (await listEvents(id)).filter((e) => e.type === 'presite.call').map((e) => e.payload.action);
  expect(onRequest).toEqual(['opened', 'ended']);
  const onCall = (await listEvents(callId)).map((e) => e.type);
  expect(onCall).toEqual(expect.arrayContaining(['created', 'joined', 'still.requested', 'call.ended']));
  const chain = await verifyInspectionChain(callId);
  expect(chain.ok).toBe(true);

  // the letter says when the look was held, who took part, how long, and points at the call's own chain
  expect((await t.request.post(`/api/presite/requests/${id}/advice`).set(await as('staff1')).send({})).status).toBe(200);
  const letter = await t.request.get(`/api/presite/requests/${id}/letter`).set(await as('applicant-red'))
    .buffer(true).parse((res, cb) => { const c: Buffer[] = []; res.on('data', (d: Buffer) => c.push(d)); res.on('end', () => cb(null, Buffer.concat(c))); });
  const file = joinPath(mkdtempSync(joinPath(tmpdir(), 'letter-')), 'a.pdf');
  writeFileSync(file, letter.body as Buffer);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('远程查看现场');
  expect(text).toMatch(/参加人员：赵审核（审核人员）、[^（]+（申请人）/);
  // the head it names is an event of the call's verified chain, the last of as many as it counts (people leaving the
  // call may add theirs after the letter was issued)
  const [, count, head] = /截图1张，记录链共(\d+)条，链头哈希：([0-9a-f]{64})/.exec(text) ?? [];
  const events = await listEvents(callId);
  expect(events[Number(count) - 1]?.hash).toBe(head);
});

import sharp from 'sharp';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, bookedInspection } from '../../../test/inspections/fixture';
import { Peer } from '../../../test/signalling-peer';
import { listEvents } from '../ledger/ledger.service';

/**
 * What the room shares live over the signalling socket besides media: the point being inspected, pointing, mute,
 * experts' opinions and arrived stills. Real BFF, real database, real WebSockets.
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const as = async (username: string) => auth(await t.tokenOf(username));

async function join(inspectionId: string, username: string): Promise<Peer> {
  const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as(username));
  expect(res.status).toBe(200);
  const peer = await Peer.open(`${t.baseUrl.replace('http', 'ws')}/api/rtc/ws?ticket=${res.body.ticket}`);
  peer.send({ type: 'join', inspectionId });
  return peer;
}

/** Inspector, applicant (admitted) and expert (invited, admitted) in one call. */
async function threeInCall() {
  const { inspectionId } = await bookedInspection(t);
  const invited = await t.request.post(`/api/inspections/${inspectionId}/invitations`).set(await as('inspector1')).send({ validMinutes: 30 });
  expect((await t.request.post('/api/invitations/accept').set(await as('expert1')).send({ token: invited.body.token })).status).toBe(200);
  const inspector = await join(inspectionId, 'inspector1');
  await inspector.next('admitted');
  const applicant = await join(inspectionId, 'applicant-red');
  const applicantId = ((await applicant.next('welcome')).self as { userId: string }).userId;
  inspector.send({ type: 'admit', userId: applicantId });
  await applicant.next('admitted');
  const expert = await join(inspectionId, 'expert1');
  const expertId = ((await expert.next('welcome')).self as { userId: string }).userId;
  inspector.send({ type: 'admit', userId: expertId });
  await expert.next('admitted');
  return { inspectionId, inspector, applicant, expert, applicantId, expertId };
}

describe('the live room', () => {
  it('when the inspector selects a point and points at the picture, then the others get both, a latecomer gets the point, and the choice is on the record', async () => {
    const { inspectionId, inspector, applicant, expert, expertId, applicantId } = await threeInCall();
    const point = { id: 'fire-exits', title: '安全出口', guidance: '请对准两个安全出口' };
    inspector.send({ type: 'focus', point });
    expect(await applicant.next('focus')).toEqual({ type: 'focus', point });
    expect(await expert.next('focus')).toEqual({ type: 'focus', point });

    expert.send({ type: 'pointer', x: 0.25, y: 0.75 });
    expect(await applicant.next('pointer')).toEqual({ type: 'pointer', from: expertId, x: 0.25, y: 0.75, frozen: false });
    // the applicant holds the camera: they cannot point, nor choose the point
    applicant.send({ type: 'pointer', x: 0.5, y: 0.5 });
    applicant.send({ type: 'focus', point: null });
    applicant.send({ type: 'media', audioMuted: true });
    expect((await inspector.next('media')).audioMuted).toBe(true);
    expect(inspector.messages.filter((m) => (m.type === 'pointer' && m.from === applicantId) || m.type === 'focus')).toEqual([]);

    // the applicant's page reloads: it comes straight back in and is told the current point at once
    applicant.ws.close();
    const again = await join(inspectionId, 'applicant-red');
    await again.next('admitted');
    expect(await again.next('focus')).toEqual({ type: 'focus', point });

    const focused = (await listEvents(inspectionId)).filter((e) => e.type === 'point.focused');
    expect(focused.map((e) => e.payload.checklistItemId)).toEqual(['fire-exits']);
    for (const p of [inspector, again, expert]) p.ws.close();
  });

  it('when a still requested for a point is uploaded without naming one, then it belongs to that point and the room hears it arrived; an expert opinion reaches the room live', async () => {
    const { inspectionId, inspector, applicant, expert } = await threeInCall();
    const requested = await t.request.post(`/api/inspections/${inspectionId}/stills`).set(await as('inspector1')).send({ checklistItemId: 'fire-exits' });
    const request = await applicant.next('still-request');
    expect(request).toMatchObject({ stillRequestId: requested.body.stillRequestId, checklistItemId: 'fire-exits', checklistItemTitle: expect.any(String) });
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#456' } }).jpeg().toBuffer();
    const uploaded = await t.request.post(`/api/inspections/${inspectionId}/photos`).set(await as('applicant-red'))
      .field('stillRequestId', requested.body.stillRequestId).attach('file', jpeg, 'still.jpg');
    expect(uploaded.body).toMatchObject({ stillRequestId: requested.body.stillRequestId, checklistItemId: 'fire-exits' });
    expect(await inspector.next('still-arrived')).toEqual({ type: 'still-arrived', stillRequestId: requested.body.stillRequestId, checklistItemId: 'fire-exits' });

    const opinion = await t.request.post(`/api/inspections/${inspectionId}/opinions`).set(await as('expert1')).send({ text: '建议复查灭火器压力' });
    expect(opinion.status).toBe(201);
    expect(await inspector.next('opinion')).toEqual({ type: 'opinion', opinion: { ...opinion.body, displayName: expect.any(String) } });
    expect((await listEvents(inspectionId)).some((e) => e.type === 'opinion.added' && e.payload.text === '建议复查灭火器压力')).toBe(true);
    for (const p of [inspector, applicant, expert]) p.ws.close();
  });
});

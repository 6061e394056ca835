import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, bookedInspection } from '../../../test/inspections/fixture';
import { listEvents } from '../ledger/ledger.service';
import { InvitationModel } from './inspections.invitations';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });
const as = async (username: string) => auth(await t.tokenOf(username));

describe('inviting an expert', () => {
  it('when the inspector invites and the expert accepts, then the expert can see, join and give an opinion; the link works once', async () => {
    const { inspectionId } = await bookedInspection(t);
    expect((await t.request.get(`/api/inspections/${inspectionId}`).set(await as('expert1'))).status).toBe(404);
    expect((await t.request.post(`/api/inspections/${inspectionId}/invitations`).set(await as('applicant-red')).send({})).status).toBe(403);

    const invited = await t.request.post(`/api/inspections/${inspectionId}/invitations`).set(await as('inspector1')).send({ validMinutes: 30 });
    expect(invited.status).toBe(201);
    expect(invited.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await InvitationModel.countDocuments({ hash: invited.body.token })).toBe(0);

    const accepted = await t.request.post('/api/invitations/accept').set(await as('expert1')).send({ token: invited.body.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.id).toBe(inspectionId);
    const again = await t.request.post('/api/invitations/accept').set(await as('expert1')).send({ token: invited.body.token });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('INVITATION.INVALID');

    const detail = await t.request.get(`/api/inspections/${inspectionId}`).set(await as('expert1'));
    expect(detail.body.participants.map((p: { role: string }) => p.role).sort()).toEqual(['expert', 'inspector']);
    const join = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('expert1'));
    expect(join.status).toBe(200);
    expect(join.body.canPublish).toBe(true);

    const opinion = await t.request.post(`/api/inspections/${inspectionId}/opinions`).set(await as('expert1')).send({ text: '消防设施符合要求' });
    expect(opinion.status).toBe(201);
    const events = await listEvents(inspectionId);
    expect(events.find((e) => e.type === 'opinion.added')?.payload).toEqual({ text: '消防设施符合要求' });
    const queue = await t.request.get('/api/inspections').set(await as('expert1'));
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([inspectionId]);
  });

  it('when one link is redeemed many times at once, then exactly one succeeds, and the invitation and its acceptance are on the record', async () => {
    const { inspectionId } = await bookedInspection(t);
    const invited = await t.request.post(`/api/inspections/${inspectionId}/invitations`).set(await as('inspector1')).send({});
    expect(invited.status).toBe(201);
    const expert = await as('expert1');
    const tries = await Promise.all(Array.from({ length: 8 }, () => t.request.post('/api/invitations/accept').set(expert).send({ token: invited.body.token })));
    expect(tries.map((r) => r.status).sort()).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
    const types = (await listEvents(inspectionId)).map((e) => e.type);
    expect(types.filter((type) => type === 'invited')).toHaveLength(1);
    expect(types.filter((type) => type === 'invitation.accepted')).toHaveLength(1);
    expect(types.indexOf('invited')).toBeLessThan(types.indexOf('invitation.accepted'));
    expect(JSON.stringify(await listEvents(inspectionId))).not.toContain(invited.body.token);
  });

  it('when the link has expired, then accepting it is refused', async () => {
    const { inspectionId } = await bookedInspection(t);
    const invited = await t.request.post(`/api/inspections/${inspectionId}/invitations`).set(await as('inspector1')).send({ validMinutes: 5 });
    await InvitationModel.updateMany({ inspectionId }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await t.request.post('/api/invitations/accept').set(await as('expert1')).send({ token: invited.body.token });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('已过期');
  });
});

describe('the queue', () => {
  it('when the inspector filters upcoming and overdue, then the booked call of today is not among the overdue', async () => {
    const { inspectionId } = await bookedInspection(t);
    const overdue = await t.request.get('/api/inspections?when=overdue').set(await as('inspector1'));
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).not.toContain(inspectionId);
    const other = await t.request.get('/api/inspections').set(await as('inspector2'));
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(inspectionId);
    const mine = await t.request.get('/api/inspections?status=booked').set(await as('applicant-red'));
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(inspectionId);
  });
});

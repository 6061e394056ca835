import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('staff move an application to another inspector', () => {
  it('when its inspection is open, then the new inspector sees and runs it, the old one no longer does, and the change is on the record', async () => {
    const { inspectionId, application } = await remoteInspection(t);
    const [inspector1, inspector2, staff] = await Promise.all(['inspector1', 'inspector2', 'staff1'].map((u) => t.tokenOf(u)));
    const inspector2Id = (await t.request.get('/api/me').set(auth(inspector2!))).body.id as string;
    expect((await t.request.get(`/api/inspections/${inspectionId}`).set(auth(inspector2!))).status).toBe(404);

    const loadsBefore = (await t.request.get('/api/inspectors').set(auth(staff!))).body.items as { id: string; displayName: string; openApplications: number }[];
    const loadOf = (loads: typeof loadsBefore, id: string) => loads.find((l) => l.id === id)!.openApplications;
    expect(loadsBefore.map((l) => l.displayName)).toEqual(['张踏勘', '李踏勘']);

    const moved = await t.request.post(`/api/applications/${String(application._id)}/assignment`).set(auth(staff!)).send({ inspectorIds: [inspector2Id], reason: '原踏勘人员回避' });
    expect(moved.status).toBe(200);
    const loadsAfter = (await t.request.get('/api/inspectors').set(auth(staff!))).body.items as typeof loadsBefore;
    expect(loadOf(loadsAfter, inspector2Id)).toBe(loadOf(loadsBefore, inspector2Id) + 1);

    expect((await t.request.get(`/api/inspections/${inspectionId}`).set(auth(inspector1!))).status).toBe(404);
    const queue = await t.request.get('/api/inspections').set(auth(inspector2!));
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(inspectionId);
    const start = Date.now() + 3_600_000;
    const offered = await t.request.post(`/api/inspections/${inspectionId}/slots`).set(auth(inspector2!))
      .send({ slots: [{ start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() }] });
    expect(offered.status).toBe(200);

    const record = await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(staff!));
    const assigned = record.body.events.find((e: { type: string }) => e.type === 'assigned');
    expect(assigned).toMatchObject({ actor: { role: 'staff' }, payload: { inspectorIds: [inspector2Id], reason: '原踏勘人员回避' } });
    expect((await t.request.get(`/api/inspections/${inspectionId}/verify`).set(auth(staff!))).body.ok).toBe(true);
  });
});

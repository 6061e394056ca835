import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, bookedInspection, minutesFromNow, remoteInspection } from '../../../test/inspections/fixture';
import { listEvents } from '../ledger/ledger.service';
import { createInspectionForApplication } from './inspections.service';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const as = async (username: string) => auth(await t.tokenOf(username));

describe('an inspection from creation to conclusion', () => {
  let id: string;
  let applicationId: string;

  it('when the credit gate opens an inspection, then it is created with the matter checklist and on the record', async () => {
    const made = await remoteInspection(t);
    id = made.inspectionId;
    applicationId = String(made.application._id);
    const again = await createInspectionForApplication(made.application, 'remote');
    expect(String(again._id)).toBe(id);
    const res = await t.request.get(`/api/inspections/${id}`).set(await as('inspector1'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'created', statusLabel: '待预约', mode: 'remote', applicationId });
    expect(res.body.checklist.length).toBeGreaterThan(0);
    expect(res.body.checklist.every((p: { result: unknown }) => p.result === null)).toBe(true);
    expect((await listEvents(id)).map((e) => e.type)).toContain('created');
  });

  it('when the call is not booked yet, then nobody can join it', async () => {
    const res = await t.request.post(`/api/inspections/${id}/join`).set(await as('applicant-red'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INSPECTION.INVALID_STATE');
  });

  it('when the applicant offers slots, then it is refused by role; the inspector may, only in the future', async () => {
    const slot = { start: minutesFromNow(5), end: minutesFromNow(65) };
    expect((await t.request.post(`/api/inspections/${id}/slots`).set(await as('applicant-red')).send({ slots: [slot] })).status).toBe(403);
    const past = await t.request.post(`/api/inspections/${id}/slots`).set(await as('inspector1'))
      .send({ slots: [{ start: minutesFromNow(-10), end: minutesFromNow(50) }] });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('INSPECTION.SLOT_INVALID');
    const ok = await t.request.post(`/api/inspections/${id}/slots`).set(await as('inspector1')).send({ slots: [slot], rtcPreference: 'local' });
    expect(ok.status).toBe(200);
    expect(ok.body.offeredSlots).toHaveLength(1);
  });

  it('when the applicant books an offered slot, then the inspection and the application are booked', async () => {
    const view = await t.request.get(`/api/inspections/${id}`).set(await as('applicant-red'));
    const slotId = view.body.offeredSlots[0].id;
    const unknown = await t.request.post(`/api/inspections/${id}/booking`).set(await as('applicant-red')).send({ slotId: 'nope' });
    expect(unknown.body.error.code).toBe('INSPECTION.SLOT_UNAVAILABLE');
    const res = await t.request.post(`/api/inspections/${id}/booking`).set(await as('applicant-red')).send({ slotId });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('booked');
    expect(res.body.slot.start).toBe(view.body.offeredSlots[0].start);
    const app = await t.request.get(`/api/applications/${applicationId}`).set(await as('applicant-red'));
    expect(app.body.status).toBe('inspection_booked');
    expect((await listEvents(id)).map((e) => e.type)).toContain('booked');
  });

  it('when a point is judged before the call started, then it is refused', async () => {
    const detail = await t.request.get(`/api/inspections/${id}`).set(await as('inspector1'));
    const itemId = detail.body.checklist[0].id;
    const res = await t.request.put(`/api/inspections/${id}/checklist/${itemId}`).set(await as('inspector1')).send({ result: 'pass' });
    expect(res.status).toBe(409);
  });

  it('when the first participant joins, then the inspection and the application are in progress and the join time is kept', async () => {
    const res = await t.request.post(`/api/inspections/${id}/join`).set(await as('inspector1'));
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('local');
    const detail = await t.request.get(`/api/inspections/${id}`).set(await as('inspector1'));
    expect(detail.body.status).toBe('in_progress');
    expect(detail.body.firstJoinAt).not.toBeNull();
    const app = await t.request.get(`/api/applications/${applicationId}`).set(await as('inspector1'));
    expect(app.body.status).toBe('inspecting');
    const again = await t.request.post(`/api/inspections/${id}/join`).set(await as('applicant-red'));
    expect(again.status).toBe(200);
    const later = await t.request.get(`/api/inspections/${id}`).set(await as('inspector1'));
    expect(later.body.firstJoinAt).toBe(detail.body.firstJoinAt);
  });

  it('when points are judged and one is judged again, then the latest judgment wins and both stay on the record', async () => {
    const detail = await t.request.get(`/api/inspections/${id}`).set(await as('inspector1'));
    const [first] = detail.body.checklist;
    const fail = await t.request.put(`/api/inspections/${id}/checklist/${first.id}`).set(await as('inspector1')).send({ result: 'fail', note: '消防通道堆放杂物' });
    expect(fail.status).toBe(200);
    expect(fail.body).toMatchObject({ result: 'fail', judgments: 1 });
    const expert = await t.request.put(`/api/inspections/${id}/checklist/${first.id}`).set(await as('expert1')).send({ result: 'pass' });
    expect(expert.status).toBe(403);
    const foreignPhoto = await t.request.put(`/api/inspections/${id}/checklist/${first.id}`).set(await as('inspector1')).send({ result: 'pass', photoIds: ['aaaaaaaaaaaaaaaaaaaaaaaa'] });
    expect([foreignPhoto.status, foreignPhoto.body.error.code]).toEqual([400, 'REQUEST.INVALID']);
    expect(foreignPhoto.body.error.details).toEqual([{ field: 'body.photoIds', message: 'aaaaaaaaaaaaaaaaaaaaaaaa 不属于本次踏勘' }]);
    const unknownItem = await t.request.put(`/api/inspections/${id}/checklist/no-such-point`).set(await as('inspector1')).send({ result: 'pass' });
    expect(unknownItem.body.error.code).toBe('INSPECTION.CHECKLIST_ITEM_NOT_FOUND');
    const pass = await t.request.put(`/api/inspections/${id}/checklist/${first.id}`).set(await as('inspector1')).send({ result: 'pass', note: '已清理' });
    expect(pass.body).toMatchObject({ result: 'pass', note: '已清理', judgments: 2 });
    const judged = (await listEvents(id)).filter((e) => e.type === 'checklist.judged');
    expect(judged.map((e) => e.payload.result)).toEqual(['fail', 'pass']);
  });

  it('when a point is still unjudged, then the conclusion is refused and names it', async () => {
    const res = await t.request.post(`/api/inspections/${id}/conclusion`).set(await as('inspector1')).send({ result: 'pass' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INSPECTION.CHECKLIST_INCOMPLETE');
    expect(res.body.error.details.items.length).toBeGreaterThan(0);
  });

  it('when fix-and-recheck names no rectification, then it is refused', async () => {
    const detail = await t.request.get(`/api/inspections/${id}`).set(await as('inspector1'));
    for (const point of detail.body.checklist.slice(1)) {
      const r = await t.request.put(`/api/inspections/${id}/checklist/${point.id}`).set(await as('inspector1')).send({ result: point.requiresPhoto ? 'fail' : 'na' });
      expect(r.status).toBe(200);
    }
    const res = await t.request.post(`/api/inspections/${id}/conclusion`).set(await as('inspector1')).send({ result: 'fix_and_recheck' });
    expect(res.body.error.code).toBe('INSPECTION.RECTIFICATION_REQUIRED');
  });

  it('when the inspector concludes fix-and-recheck, then the application is rectifying, the duration is stored and a re-check opens', async () => {
    const res = await t.request.post(`/api/inspections/${id}/conclusion`).set(await as('inspector1')).send({
      result: 'fix_and_recheck', summary: '部分要点需整改',
      rectificationItems: [{ description: '更换过期灭火器' }], rectificationDueOn: '2026-12-15',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'concluded', conclusion: { result: 'fix_and_recheck', rectificationDueOn: '2026-12-15' } });
    expect(res.body.durationSeconds).toBeGreaterThanOrEqual(0);
    const app = await t.request.get(`/api/applications/${applicationId}`).set(await as('applicant-red'));
    expect(app.body.status).toBe('rectifying');
    const queue = await t.request.get('/api/inspections').set(await as('inspector1'));
    const recheck = queue.body.items.find((i: { id: string; status: string; applicationId: string }) => i.id !== id && i.applicationId === applicationId);
    expect(recheck).toMatchObject({ status: 'created' });
    const recheckDetail = await t.request.get(`/api/inspections/${recheck.id}`).set(await as('inspector1'));
    expect(recheckDetail.body.recheckOf).toBe(id);
    const concluded = (await listEvents(id)).find((e) => e.type === 'concluded');
    expect(concluded?.payload).toMatchObject({ result: 'fix_and_recheck' });
  });

  it('when the inspection is concluded, then it cannot be concluded, judged or joined again; an expert opinion is still taken from invited experts', async () => {
    const again = await t.request.post(`/api/inspections/${id}/conclusion`).set(await as('inspector1')).send({ result: 'pass' });
    expect(again.status).toBe(409);
    expect((await t.request.post(`/api/inspections/${id}/join`).set(await as('applicant-red'))).status).toBe(409);
    const notInvited = await t.request.post(`/api/inspections/${id}/opinions`).set(await as('expert1')).send({ text: '同意' });
    expect(notInvited.status).toBe(404);
  });
});

describe('passing and failing', () => {
  it('when every point passes and the inspector concludes pass, then the application is approved', async () => {
    const { inspectionId, application } = await bookedInspection(t, { applicant: 'applicant-orange' });
    expect((await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('applicant-orange'))).status).toBe(200);
    const detail = await t.request.get(`/api/inspections/${inspectionId}`).set(await as('inspector1'));
    for (const point of detail.body.checklist) {
      await t.request.put(`/api/inspections/${inspectionId}/checklist/${point.id}`).set(await as('inspector1')).send({ result: 'pass' });
    }
    const res = await t.request.post(`/api/inspections/${inspectionId}/conclusion`).set(await as('inspector1')).send({ result: 'pass' });
    expect(res.status).toBe(200);
    const app = await t.request.get(`/api/applications/${String(application._id)}`).set(await as('applicant-orange'));
    expect(app.body.status).toBe('approved');
  });
});

describe('priority booking', () => {
  it('when a blue subject looks at the slots, then the earliest ones are kept for red and orange subjects', async () => {
    const blue = await remoteInspection(t, 'applicant-blue');
    const slots = [{ start: minutesFromNow(60), end: minutesFromNow(120) }, { start: minutesFromNow(72 * 60), end: minutesFromNow(73 * 60) }];
    const offered = await t.request.post(`/api/inspections/${blue.inspectionId}/slots`).set(await as('inspector1')).send({ slots });
    expect(offered.body.offeredSlots).toHaveLength(2);
    const view = await t.request.get(`/api/inspections/${blue.inspectionId}`).set(await as('applicant-blue'));
    expect(view.body.offeredSlots.map((s: { start: string }) => s.start)).toEqual([new Date(slots[1]!.start).toISOString()]);
    const early = offered.body.offeredSlots.find((s: { start: string }) => s.start === new Date(slots[0]!.start).toISOString());
    const refused = await t.request.post(`/api/inspections/${blue.inspectionId}/booking`).set(await as('applicant-blue')).send({ slotId: early.id });
    expect(refused.body.error.code).toBe('INSPECTION.SLOT_UNAVAILABLE');

    const red = await remoteInspection(t, 'applicant-red');
    await t.request.post(`/api/inspections/${red.inspectionId}/slots`).set(await as('inspector1')).send({ slots });
    const redView = await t.request.get(`/api/inspections/${red.inspectionId}`).set(await as('applicant-red'));
    expect(redView.body.offeredSlots).toHaveLength(2);
  });

  it('when one inspection of the inspector has booked a slot, then an overlapping slot is no longer offered on another', async () => {
    const slot = { start: minutesFromNow(30), end: minutesFromNow(90) };
    const first = await remoteInspection(t, 'applicant-red');
    const second = await remoteInspection(t, 'applicant-orange');
    for (const i of [first, second]) await t.request.post(`/api/inspections/${i.inspectionId}/slots`).set(await as('inspector1')).send({ slots: [slot] });
    const firstView = await t.request.get(`/api/inspections/${first.inspectionId}`).set(await as('applicant-red'));
    const booked = await t.request.post(`/api/inspections/${first.inspectionId}/booking`).set(await as('applicant-red')).send({ slotId: firstView.body.offeredSlots[0].id });
    expect(booked.status).toBe(200);
    const secondView = await t.request.get(`/api/inspections/${second.inspectionId}`).set(await as('applicant-orange'));
    expect(secondView.body.offeredSlots).toEqual([]);
  });
});

describe('cancelling', () => {
  it('when staff cancel a booked inspection, then it is cancelled with the reason and can no longer be booked', async () => {
    const { inspectionId } = await bookedInspection(t, { applicant: 'applicant-orange' });
    expect((await t.request.post(`/api/inspections/${inspectionId}/cancellation`).set(await as('applicant-orange')).send({ reason: 'x' })).status).toBe(403);
    const res = await t.request.post(`/api/inspections/${inspectionId}/cancellation`).set(await as('staff1')).send({ reason: '申请人要求改期' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const book = await t.request.post(`/api/inspections/${inspectionId}/booking`).set(await as('applicant-orange')).send({ slotId: 'x' });
    expect(book.status).toBe(409);
    const cancelled = (await listEvents(inspectionId)).filter((e) => e.type === 'cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ actor: { role: 'staff' }, payload: { reason: '申请人要求改期', from: 'booked' } });
  });
});

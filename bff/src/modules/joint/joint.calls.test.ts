import { startTestApp, type TestApp } from '../../../test/harness';
import { auth } from '../../../test/inspections/fixture';
import { Peer } from '../../../test/signalling-peer';
import { UserModel } from '../auth/auth.model';
import { listEvents } from '../ledger/ledger.service';
import { SubjectModel } from '../subjects/subjects.model';

/**
 * A remote 综合查一次 in the shared video room: real BFF, real database, real signalling sockets. The call is a call
 * session whose subject is the joint visit, not a licence application.
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const as = async (username: string) => auth(await t.tokenOf(username));
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

interface Department { departmentCode: string; inspectorId: string; items: { id: string; title: string; result: string | null }[] }
interface Visit { id: string; status: string; departments: Department[]; calls: { id: string; endedAt: string | null; durationSeconds: number | null }[]; visitsSpared: number }

async function usernameOf(userId: string): Promise<string> {
  return (await UserModel.findById(userId).lean())!.username;
}

async function join(callId: string, username: string): Promise<Peer> {
  const res = await t.request.post(`/api/inspections/${callId}/join`).set(await as(username));
  expect(res.status).toBe(200);
  const peer = await Peer.open(`${t.baseUrl.replace('http', 'ws')}/api/rtc/ws?ticket=${res.body.ticket}`);
  peer.send({ type: 'join', inspectionId: callId });
  return peer;
}

describe('a remote joint visit in the video room', () => {
  let visit: Visit;
  let callId: string;
  let inspectors: { code: string; username: string }[];

  it('when a coordinator plans a remote 餐饮 visit with two departments and starts its call, then the call holds each department\'s items for its own inspector', async () => {
    const subject = await SubjectModel.findOne({ name: '海口椰香餐厅有限公司' }).lean();
    const planned = await t.request.post('/api/joint/plans').set(await as('staff1')).send({
      sceneCode: 'catering', title: '远程综合查一次', count: 1, mode: 'remote', startDate: today(), subjectIds: [String(subject!._id)],
      departmentCodes: ['market', 'fire'],
    });
    expect(planned.status).toBe(201);
    const started = await t.request.post(`/api/joint/visits/${planned.body.visitIds[0]}/call`).set(await as('staff1'));
    expect(started.status).toBe(200);
    visit = started.body;
    expect(visit.departments.map((d) => d.departmentCode)).toEqual(['market', 'fire']);
    expect(visit.calls).toHaveLength(1);
    callId = visit.calls[0]!.id;
    inspectors = await Promise.all(visit.departments.map(async (d) => ({ code: d.departmentCode, username: await usernameOf(d.inspectorId) })));

    // starting again re-enters the same call
    const again = await t.request.post(`/api/joint/visits/${visit.id}/call`).set(await as(inspectors[0]!.username));
    expect(again.body.calls.map((c: { id: string }) => c.id)).toEqual([callId]);

    const fire = await t.request.get(`/api/inspections/${callId}`).set(await as(inspectors[1]!.username));
    expect(fire.status).toBe(200);
    expect(fire.body).toMatchObject({ status: 'booked', matterName: '综合查一次 · 餐饮企业', callFor: { kind: 'joint-visit', id: visit.id } });
    const mine = fire.body.checklist.filter((p: { mayJudge: boolean }) => p.mayJudge).map((p: { departmentName: string }) => p.departmentName);
    expect(new Set(mine)).toEqual(new Set(['消防救援支队']));
    expect(fire.body.checklist).toHaveLength(visit.departments.flatMap((d) => d.items).length);
  });

  it('when the business and both inspectors join, then they meet in one room with no credit gate and no slot to book', async () => {
    const market = await join(callId, inspectors[0]!.username);
    await market.next('admitted');
    const fire = await join(callId, inspectors[1]!.username);
    await fire.next('admitted');
    const business = await join(callId, 'applicant-catering');
    const businessId = ((await business.next('welcome')).self as { userId: string }).userId;
    fire.send({ type: 'admit', userId: businessId });
    await business.next('admitted');
    const peers = (await business.next('peers')).peers as { role: string }[];
    expect(peers.map((p) => p.role).sort()).toEqual(['inspector', 'inspector']);
    // admissions reach the record just after the socket says so: read until all three are there (or the test times out)
    let events = await listEvents(callId);
    while (events.filter((e) => e.type === 'joined').length < 3) events = await listEvents(callId);
    expect(events.filter((e) => e.type === 'joined').map((e) => e.actor.role).sort()).toEqual(['applicant', 'inspector', 'inspector']);
    expect(events.some((e) => e.type === 'credit.checked')).toBe(false);
    // a case's call is not an application's: nothing to book, no licence conclusion
    const book = await t.request.post(`/api/inspections/${callId}/booking`).set(await as('applicant-catering')).send({ slotId: 'x' });
    expect(book.body.error.code).toBe('CALL.APPLICATION_ONLY');
    for (const p of [market, fire, business]) p.ws.close();
  });

  it('when both inspectors of the visit join its call, then only the first one\'s browser records it (also after a reload), so the record holds one copy of the call', async () => {
    const records = async (username: string) => {
      const res = await t.request.post(`/api/inspections/${callId}/join`).set(await as(username));
      expect(res.status).toBe(200);
      return res.body.records as boolean;
    };
    // the previous test's joins claimed it: the first inspector to join is the one who records
    expect(await records(inspectors[0]!.username)).toBe(true);
    expect(await records(inspectors[1]!.username)).toBe(false);
    expect(await records(inspectors[0]!.username)).toBe(true);
    expect(await records('applicant-catering')).toBe(false);
  });

  it('when an inspector judges in the room, then only their department\'s items are theirs (403 otherwise) and the judgment is on the visit as well as the call', async () => {
    const fireItem = visit.departments.find((d) => d.departmentCode === 'fire')!.items[0]!;
    const marketItem = visit.departments.find((d) => d.departmentCode === 'market')!.items[0]!;
    const market = inspectors.find((i) => i.code === 'market')!.username;
    const refused = await t.request.put(`/api/inspections/${callId}/checklist/fire.${fireItem.id}`).set(await as(market)).send({ result: 'pass' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('JOINT.OTHER_DEPARTMENT');
    const noNote = await t.request.put(`/api/inspections/${callId}/checklist/market.${marketItem.id}`).set(await as(market)).send({ result: 'fail' });
    expect(noNote.body.error.code).toBe('JOINT.NOTE_REQUIRED');

    const judged = await t.request.put(`/api/inspections/${callId}/checklist/market.${marketItem.id}`).set(await as(market)).send({ result: 'pass', note: '视频中核对许可证原件' });
    expect(judged.status).toBe(200);
    expect(judged.body).toMatchObject({ result: 'pass', departmentName: '市场监督管理局', mayJudge: true });
    const seen = await t.request.get(`/api/joint/visits/${visit.id}`).set(await as('staff1'));
    expect(seen.body.status).toBe('judging');
    expect(seen.body.departments[0].items[0]).toMatchObject({ result: 'pass', note: '视频中核对许可证原件' });
    const onVisit = (await listEvents(visit.id)).find((e) => e.type === 'joint.judged')!;
    expect(onVisit.payload).toMatchObject({ departmentCode: 'market', itemId: marketItem.id, callId });
    expect((await listEvents(callId)).some((e) => e.type === 'checklist.judged')).toBe(true);
    const conclude = await t.request.post(`/api/inspections/${callId}/conclusion`).set(await as(market)).send({ result: 'pass' });
    expect(conclude.body.error.code).toBe('CALL.APPLICATION_ONLY');
  });

  it('when a host ends the call, then its duration is on the call and on the visit, and the business cannot end it', async () => {
    const refused = await t.request.post(`/api/inspections/${callId}/end`).set(await as('inspector1'));
    expect(refused.status).toBe(404);
    const ended = await t.request.post(`/api/inspections/${callId}/end`).set(await as(inspectors[1]!.username));
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('concluded');
    const seen = await t.request.get(`/api/joint/visits/${visit.id}`).set(await as('applicant-catering'));
    expect(seen.body.calls[0].endedAt).not.toBeNull();
    expect(seen.body.calls[0].durationSeconds).toBeGreaterThanOrEqual(0);
    const verify = await t.request.get(`/api/inspections/${callId}/verify`).set(await as('staff1'));
    expect(verify.body.ok).toBe(true);
    expect((await t.request.post(`/api/inspections/${callId}/end`).set(await as(inspectors[0]!.username))).status).toBe(409);
  });
});

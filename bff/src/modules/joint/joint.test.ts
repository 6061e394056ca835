import { startTestApp, type TestApp } from '../../../test/harness';
import { UserModel } from '../auth/auth.model';
import { CreditRecordModel } from '../credit/credit-record.model';
import { createPenaltyOutbox } from '../credit/penalty-outbox';
import { RecordEventModel } from '../ledger/ledger.model';
import { SubjectModel } from '../subjects/subjects.model';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const as = async (username: string) => `Bearer ${await t.tokenOf(username)}`;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

interface VisitBody {
  id: string; subjectName: string; status: string; outcome: string | null; tracked: boolean;
  departments: { departmentCode: string; inspectorId: string; items: { id: string; serious: boolean; result: string | null }[] }[];
  rectifications: { id: string; departmentCode: string; status: string; dueDate: string }[];
  penaltyId: string | null; visitsSpared: number;
}

async function subjectIds(names: string[]): Promise<string[]> {
  const docs = await SubjectModel.find({ name: { $in: names } }).lean();
  return names.map((n) => String(docs.find((d) => d.name === n)!._id));
}

async function usernameOf(userId: string): Promise<string> {
  return (await UserModel.findById(userId).lean())!.username;
}

async function plan(body: Record<string, unknown>) {
  return t.request.post('/api/joint/plans').set('Authorization', await as('staff1')).send({
    sceneCode: 'catering', title: '2026年12月餐饮综合查一次', count: 3, mode: 'onsite', startDate: today(), complaintSubjectIds: [], ...body,
  });
}

async function visit(id: string, username = 'staff1'): Promise<VisitBody> {
  const res = await t.request.get(`/api/joint/visits/${id}`).set('Authorization', await as(username));
  expect(res.status).toBe(200);
  return res.body as VisitBody;
}

/** Every department's own inspector judges its items: `fail` for the listed item ids, pass otherwise. */
async function judgeAll(v: VisitBody, failing: string[] = []) {
  for (const d of v.departments) {
    const who = await usernameOf(d.inspectorId);
    for (const item of d.items) {
      const res = await t.request.put(`/api/joint/visits/${v.id}/departments/${d.departmentCode}/items/${item.id}`)
        .set('Authorization', await as(who))
        .send(failing.includes(item.id) ? { result: 'fail', note: `${item.id} 不符合要求` } : { result: 'pass' });
      expect(res.status).toBe(200);
    }
  }
}

async function conclude(v: VisitBody, username: string, requirements: Record<string, string> = {}) {
  return t.request.post(`/api/joint/visits/${v.id}/conclusion`).set('Authorization', await as(username)).send({ requirements });
}

describe('综合查一次 plans and visits', () => {
  const names = ['海口椰香餐厅有限公司', '海口海风茶餐厅', '海口老街粉店'];
  let first: { id: string; visitIds: string[]; seed: string };

  it('when a coordinator looks at the 餐饮 scene before drawing, then the district\'s restaurants are listed with their tier, the other office\'s left out', async () => {
    const res = await t.request.get('/api/joint/scenes/catering/candidates').set('Authorization', await as('staff1'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { subjectName: string; tier: string; eligible: boolean; tracked: boolean }) => [c.subjectName, c.tier, c.eligible, c.tracked]).sort())
      .toEqual([['海口椰香餐厅有限公司', 'red', true, false], ['海口海风茶餐厅', 'blue', true, false], ['海口老街粉店', 'black', true, true]].sort());
  });

  it('when a coordinator plans the 餐饮 scene over three restaurants, then each gets a visit with one inspector from each department', async () => {
    const res = await plan({ subjectIds: await subjectIds(names) });
    expect(res.status).toBe(201);
    first = res.body;
    expect(res.body).toMatchObject({ sceneName: '餐饮企业', considered: 3, skipped: [], policyVersion: '2026-11.1' });
    expect(res.body.visitIds).toHaveLength(3);
    const visits = await Promise.all(first.visitIds.map((id) => visit(id)));
    // the black subject is tracked: drawn first
    expect(visits[0]).toMatchObject({ subjectName: '海口老街粉店', tracked: true });
    for (const v of visits) {
      expect(v.departments.map((d) => d.departmentCode).sort()).toEqual(['fire', 'health', 'market']);
      expect(new Set(v.departments.map((d) => d.inspectorId)).size).toBe(3);
      expect(v.status).toBe('planned');
    }
  });

  it('when the draw is redone from the stored seed, then it is identical, and the same seed gives the same draw in a new plan', async () => {
    const redo = await t.request.post(`/api/joint/plans/${first.id}/redo-draw`).set('Authorization', await as('staff1'));
    expect(redo.body).toEqual({ identical: true, seed: first.seed });
  });

  it('when an inspector judges another department\'s item, then 403 and nothing is recorded', async () => {
    const v = await visit(first.visitIds[1]!);
    const market = v.departments.find((d) => d.departmentCode === 'market')!;
    const before = await RecordEventModel.countDocuments({ inspectionId: v.id });
    const res = await t.request.put(`/api/joint/visits/${v.id}/departments/fire/items/extinguishers`)
      .set('Authorization', await as(await usernameOf(market.inspectorId))).send({ result: 'pass' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('JOINT.OTHER_DEPARTMENT');
    expect(await RecordEventModel.countDocuments({ inspectionId: v.id })).toBe(before);
  });

  it('when one department has not judged, then the conclusion waits and names it', async () => {
    const v = await visit(first.visitIds[1]!);
    const market = v.departments.find((d) => d.departmentCode === 'market')!;
    for (const item of market.items) {
      await t.request.put(`/api/joint/visits/${v.id}/departments/market/items/${item.id}`)
        .set('Authorization', await as(await usernameOf(market.inspectorId))).send({ result: 'pass' });
    }
    const res = await conclude(v, 'staff1');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/消防救援支队.*卫生健康委员会|卫生健康委员会.*消防救援支队/);
  });

  it('when every department passes, then the combined result is 合格, the visit is closed and it spared two visits', async () => {
    const v = await visit(first.visitIds[1]!);
    await judgeAll(v);
    const res = await conclude(v, 'staff1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'pass', status: 'closed', visitsSpared: 2, rectifications: [] });
  });

  it('when a finding is made, then it becomes a rectification only its department may recheck, and a passed recheck closes the visit', async () => {
    const v = await visit(first.visitIds[2]!);
    await judgeAll(v, ['disinfection']);
    const missing = await conclude(v, 'staff1');
    expect(missing.body.error.code).toBe('JOINT.REQUIREMENT_MISSING');
    const done = await conclude(v, 'staff1', { 'health:disinfection': '一周内修复消毒柜并补全消毒记录' });
    expect(done.body).toMatchObject({ outcome: 'rectify', status: 'rectifying', penaltyId: null });
    const [r] = done.body.rectifications as VisitBody['rectifications'];
    expect(r).toMatchObject({ id: 'health:disinfection', status: 'open', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(r!.dueDate > today()).toBe(true);
    const fire = await usernameOf(v.departments.find((d) => d.departmentCode === 'fire')!.inspectorId);
    const health = await usernameOf(v.departments.find((d) => d.departmentCode === 'health')!.inspectorId);
    const wrong = await t.request.post(`/api/joint/visits/${v.id}/rectifications/${encodeURIComponent(r!.id)}/recheck`)
      .set('Authorization', await as(fire)).send({ passed: true, note: '已整改' });
    expect(wrong.status).toBe(403);
    const failed = await t.request.post(`/api/joint/visits/${v.id}/rectifications/${encodeURIComponent(r!.id)}/recheck`)
      .set('Authorization', await as(health)).send({ passed: false, note: '消毒柜仍未修复' });
    expect(failed.body.status).toBe('rectifying');
    const followUp = (failed.body.rectifications as VisitBody['rectifications']).find((x) => x.status === 'open')!;
    const passed = await t.request.post(`/api/joint/visits/${v.id}/rectifications/${encodeURIComponent(followUp.id)}/recheck`)
      .set('Authorization', await as(health)).send({ passed: true, note: '复查合格' });
    expect(passed.body.status).toBe('closed');
  });

  it('when a serious item fails, then one credit penalty goes through the outbox and is delivered once across a restart', async () => {
    const v = await visit(first.visitIds[0]!);
    await judgeAll(v, ['exits-clear']);
    const res = await conclude(v, 'staff1', { 'fire:exits-clear': '立即清理疏散通道堆放物' });
    expect(res.body).toMatchObject({ outcome: 'serious', status: 'rectifying', penaltyId: expect.any(String) });
    const again = await conclude(v, 'staff1', { 'fire:exits-clear': '再次汇总' });
    expect(again.status).toBe(409);
    expect(await createPenaltyOutbox(t.services.creditProvider).drain()).toMatchObject({ delivered: 1 });
    expect(await createPenaltyOutbox(t.services.creditProvider).drain()).toMatchObject({ delivered: 0 });
    expect(await CreditRecordModel.countDocuments({ entryKey: `penalty:joint-${v.id}` })).toBe(1);
  });

  it('when planning again, then the red restaurant visited this year is skipped with the reason and the black one with open findings is tracked first', async () => {
    const res = await plan({ subjectIds: await subjectIds(names), count: 2 });
    expect(res.status).toBe(201);
    const skipped = res.body.skipped as { subjectName: string; reason: string }[];
    expect(skipped.map((s) => s.subjectName).sort()).toEqual(['海口椰香餐厅有限公司', '海口海风茶餐厅'].sort());
    expect(skipped.find((s) => s.subjectName === '海口椰香餐厅有限公司')!.reason).toMatch(/365 天内至多检查一次/);
    const [only] = res.body.visitIds as string[];
    expect(await visit(only!)).toMatchObject({ subjectName: '海口老街粉店', tracked: true });
  });

  it('when the figures are read, then they count three visits and six visits spared', async () => {
    const res = await t.request.get('/api/joint/stats').set('Authorization', await as('staff1'));
    expect(res.body).toMatchObject({ visits: 3, visitsSpared: 6, subjectsTracked: 2, subjectsClosed: 1 });
    expect(res.body.byScene.find((s: { sceneCode: string }) => s.sceneCode === 'catering')).toMatchObject({ visits: 3, spared: 6 });
  });

  it('when the business opens its visits, then it sees its own and not another\'s, and the chain verifies', async () => {
    const mine = await t.request.get('/api/joint/visits').set('Authorization', await as('applicant-catering'));
    expect(mine.body.items.map((v: VisitBody) => v.subjectName)).toEqual(['海口椰香餐厅有限公司']);
    const other = await t.request.get(`/api/joint/visits/${first.visitIds[0]}`).set('Authorization', await as('applicant-catering'));
    expect(other.status).toBe(404);
    const verify = await t.request.get(`/api/joint/visits/${first.visitIds[0]}/verify`).set('Authorization', await as('staff1'));
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.length).toBeGreaterThan(7);
  });

  it('when a subject of another office or a department without inspectors is in the plan, then it is refused with the reason and nothing is stored', async () => {
    const foreign = await plan({ subjectIds: await subjectIds(['海口椰香餐厅有限公司', '三亚湾海鲜酒楼']) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 'JOINT.SUBJECT_OTHER_OFFICE', message: expect.stringContaining('三亚湾海鲜酒楼') });
    const scene = await t.request.put('/api/joint/scenes/ktv').set('Authorization', await as('admin')).send({
      name: '歌舞娱乐场所', description: '', rectificationWorkingDays: 5,
      departments: [
        { departmentCode: 'fire', items: [{ id: 'exits', title: '疏散通道畅通', guidance: '', serious: true, basis: '《消防法》' }] },
        { departmentCode: 'culture', items: [{ id: 'licence', title: '娱乐经营许可证', guidance: '', serious: false, basis: '《娱乐场所管理条例》' }] },
      ],
    });
    expect(scene.status).toBe(200);
    const plansBefore = (await t.request.get('/api/joint/plans').set('Authorization', await as('staff1'))).body.items.length;
    const empty = await plan({ sceneCode: 'ktv', subjectIds: await subjectIds(['海口海风茶餐厅']) });
    expect(empty.body.error).toMatchObject({ code: 'JOINT.EMPTY_POOL', message: expect.stringContaining('旅游和文化广电体育局') });
    expect((await t.request.get('/api/joint/plans').set('Authorization', await as('staff1'))).body.items).toHaveLength(plansBefore);
  });
});

import { startTestApp, type TestApp } from '../../../test/harness';
import { listEvents } from '../ledger/ledger.service';
import { SubjectModel } from '../subjects/subjects.model';
import { checkCreditForJoin } from './credit.service';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const auth = async (username: string) => ({ Authorization: `Bearer ${await t.tokenOf(username)}` });

/** The demo application of this applicant (one per tier, see applications.demo.ts). */
async function demoApplication(username: string): Promise<{ id: string; matterCode: string; subjectId: string }> {
  const res = await t.request.get('/api/applications').set(await auth(username));
  expect(res.status).toBe(200);
  const [first] = res.body.items as Array<{ id: string; matterCode: string; subjectId: string }>;
  return first!;
}

async function newApplication(username: string, matterCode: string): Promise<string> {
  const res = await t.request.post('/api/applications').set(await auth(username))
    .send({ matterCode, siteAddress: '海南省海口市龙华区滨海大道 100 号' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const requestRemote = async (username: string, id: string) =>
  t.request.post(`/api/applications/${id}/remote-requests`).set(await auth(username));

describe('remote request: the credit gate', () => {
  it('when a red-tier applicant asks, then remote is approved with every privilege and a 30 % shorter limit, kept on the application', async () => {
    const app = await demoApplication('applicant-red');
    const res = await requestRemote('applicant-red', app.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'remote_approved', status: 'remote_approved',
      creditSnapshot: { tier: 'red', source: 'seed', policyVersion: expect.any(String) },
      privileges: { acceptWithGaps: true, commitment: true, priorityBooking: true },
      timeLimitWorkingDays: 14,
    });
    expect(res.body.message).toContain('可以申请远程踏勘');
    expect(res.body.inspectionId).toMatch(/^[0-9a-f]{24}$/);
    const events = await listEvents(res.body.inspectionId);
    expect(events.map((e) => e.type)).toEqual(['created', 'credit.checked']);
    expect(events[1]!.payload).toMatchObject({ tier: 'red', source: 'seed', policyVersion: res.body.creditSnapshot.policyVersion });
    const detail = await t.request.get(`/api/applications/${app.id}`).set(await auth('applicant-red'));
    expect(detail.body.status).toBe('remote_approved');
    expect(detail.body.creditSnapshot).toMatchObject({ tier: 'red', source: 'seed' });
    expect(detail.body.deadline.timeLimitWorkingDays).toBe(14);
  });

  it('when the same application asks again, then 409 and nothing changes', async () => {
    const app = await demoApplication('applicant-red');
    const res = await requestRemote('applicant-red', app.id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('APPLICATION.INVALID_TRANSITION');
  });

  it('when an applicant asks for someone else\'s application, then 404', async () => {
    const app = await demoApplication('applicant-blue');
    const res = await requestRemote('applicant-red', app.id);
    expect(res.status).toBe(404);
  });

  it('when an orange-tier person asks, then remote is approved with 容缺 and priority booking (no 告知承诺) and the standard limit', async () => {
    const app = await demoApplication('applicant-orange');
    const res = await requestRemote('applicant-orange', app.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'remote_approved', creditSnapshot: { tier: 'orange' },
      privileges: { acceptWithGaps: true, commitment: false, priorityBooking: true }, timeLimitWorkingDays: 5,
    });
  });

  it('when a blue-tier applicant asks, then it waits for staff, and staff approval makes it remote with the reason on the timeline', async () => {
    const app = await demoApplication('applicant-blue');
    const res = await requestRemote('applicant-blue', app.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'awaiting_credit_approval', status: 'awaiting_credit_approval', inspectionId: null });
    expect(res.body.message).toContain('工作人员审核');

    const byApplicant = await t.request.post(`/api/applications/${app.id}/remote-requests/decision`).set(await auth('applicant-blue'))
      .send({ approve: true, reason: '自己批准' });
    expect(byApplicant.status).toBe(403);

    const decided = await t.request.post(`/api/applications/${app.id}/remote-requests/decision`).set(await auth('staff1'))
      .send({ approve: true, reason: '近三年无违法记录，同意远程踏勘' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ outcome: 'remote_approved', status: 'remote_approved', creditSnapshot: { tier: 'blue' } });
    const detail = await t.request.get(`/api/applications/${app.id}`).set(await auth('staff1'));
    expect(detail.body.timeline.at(-1)).toMatchObject({
      from: 'awaiting_credit_approval', to: 'remote_approved', actorRole: 'staff', reason: expect.stringContaining('近三年无违法记录'),
    });

    const again = await t.request.post(`/api/applications/${app.id}/remote-requests/decision`).set(await auth('staff1'))
      .send({ approve: false, reason: '重复审核' });
    expect(again.status).toBe(409);
  });

  it('when staff refuse a blue-tier request, then it goes on-site with their reason', async () => {
    const id = await newApplication('applicant-blue', 'training-school');
    expect((await requestRemote('applicant-blue', id)).body.outcome).toBe('awaiting_credit_approval');
    const decided = await t.request.post(`/api/applications/${id}/remote-requests/decision`).set(await auth('staff1'))
      .send({ approve: false, reason: '场地涉及消防重点部位' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ outcome: 'onsite_required', status: 'onsite_required' });
    expect(decided.body.message).toContain('场地涉及消防重点部位');
    expect(decided.body.message).toContain('现场踏勘');
  });

  it('when a black-tier applicant asks for a matter on the dishonest list, then it is refused outright with how to repair credit, and nothing is written', async () => {
    const app = await demoApplication('applicant-black');
    const res = await requestRemote('applicant-black', app.id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CREDIT.DISHONEST_REFUSED');
    expect(res.body.error.message).toContain('失信');
    expect(res.body.error.message).toContain('信用修复');
    const detail = await t.request.get(`/api/applications/${app.id}`).set(await auth('applicant-black'));
    expect(detail.body).toMatchObject({ status: 'submitted', creditSnapshot: null });
  });

  it('when a black-tier applicant asks for an ordinary matter, then remote is refused with the reason, the on-site route and credit repair', async () => {
    const id = await newApplication('applicant-black', 'internet-cafe');
    const res = await requestRemote('applicant-black', id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'onsite_required', status: 'onsite_required', creditSnapshot: { tier: 'black' } });
    expect(res.body.message).toContain('失信主体');
    expect(res.body.message).toContain('现场踏勘');
    expect(res.body.message).toContain('信用修复');
    const detail = await t.request.get(`/api/applications/${id}`).set(await auth('applicant-black'));
    expect(detail.body.timeline.at(-1)).toMatchObject({ to: 'onsite_required', actorRole: 'system', reason: expect.stringContaining('黑色等级') });
  });
});

describe('local credit records and the second check at join', () => {
  const redUscc = '91460100MA5T8R2Q3K';

  it('when staff lower a tier, then the history keeps both records and the join check stops with CREDIT.TIER_DROPPED', async () => {
    const red = await SubjectModel.findOne({ uscc: redUscc }).lean();
    const subjectId = String(red!._id);
    await expect(checkCreditForJoin(subjectId, 'internet-cafe')).resolves.toMatchObject({ tier: 'red', source: 'seed' });

    for (const [tier, reason] of [['orange', '年度评价调整'], ['black', '列入严重失信主体名单']] as const) {
      const set = await t.request.post('/api/credit/records').set(await auth('staff1')).send({ uscc: redUscc, tier, score: 40, reason });
      expect(set.status).toBe(201);
    }
    const history = await t.request.get('/api/credit/records').query({ uscc: redUscc }).set(await auth('staff1'));
    expect(history.body.items.map((r: { tier: string }) => r.tier)).toEqual(['black', 'orange']);
    // the approval desk reads the same history by the application's subject
    const bySubject = await t.request.get(`/api/subjects/${subjectId}/credit-records`).set(await auth('staff1'));
    expect(bySubject.body.items.map((r: { tier: string; reason: string }) => [r.tier, r.reason])).toEqual([['black', '列入严重失信主体名单'], ['orange', '年度评价调整']]);
    expect((await t.request.get(`/api/subjects/${subjectId}/credit-records`).set(await auth('applicant-red'))).status).toBe(403);
    expect((await t.request.get('/api/subjects/65a000000000000000000000/credit-records').set(await auth('staff1'))).body.error.code).toBe('SUBJECT.NOT_FOUND');

    await expect(checkCreditForJoin(subjectId, 'internet-cafe')).rejects.toMatchObject({
      code: 'CREDIT.TIER_DROPPED', status: 403, message: expect.stringContaining('黑色等级'),
    });
  });

  it('when the tier drops to blue, then the join passes only for an application staff approved', async () => {
    await t.request.post('/api/credit/records').set(await auth('staff1')).send({ uscc: redUscc, tier: 'blue', reason: '信用修复后恢复为蓝色' });
    const subjectId = String((await SubjectModel.findOne({ uscc: redUscc }).lean())!._id);
    await expect(checkCreditForJoin(subjectId, 'internet-cafe')).rejects.toMatchObject({ code: 'CREDIT.TIER_DROPPED' });
    await expect(checkCreditForJoin(subjectId, 'internet-cafe', { staffApproved: true })).resolves.toMatchObject({ tier: 'blue', source: 'local' });
  });

  it('when an applicant tries to set a tier, then 403', async () => {
    const res = await t.request.post('/api/credit/records').set(await auth('applicant-red')).send({ uscc: redUscc, tier: 'red', reason: '我很守信' });
    expect(res.status).toBe(403);
  });

  it('when a CSV is imported, then each row is accepted or rejected with its line number and reason', async () => {
    const csv = [
      'USCC,tier,score,reason',
      '91460100MA5TB1L2U9,A,95,年度守信激励',
      '91460100MA5TB1L2U9,C,60,重复行',
      'not-a-uscc,red,90,格式错误',
      '91460100MA5TH3S4B7,purple,10,未知等级',
      '',
      '91460100MA5TH3S4B7,黑,abc,分数错误',
      '91460100MA5TH3S4B7,黑,,"严重失信，列入名单"',
      '91460100MA5TH3S4B7,red',
    ].join('\r\n');
    const res = await t.request.post('/api/credit/records/import').set(await auth('staff1')).send({ csv });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toBe(5);
    const byRow = Object.fromEntries(res.body.rows.map((r: { row: number }) => [r.row, r]));
    expect(byRow[2]).toMatchObject({ accepted: true });
    expect(byRow[3]).toMatchObject({ accepted: false, reason: expect.stringContaining('第 2 行') });
    expect(byRow[4]).toMatchObject({ accepted: false, reason: expect.stringContaining('统一社会信用代码') });
    expect(byRow[5]).toMatchObject({ accepted: false, reason: expect.stringContaining('purple') });
    expect(byRow[7]).toMatchObject({ accepted: false, reason: expect.stringContaining('abc') });
    expect(byRow[8]).toMatchObject({ accepted: true });
    expect(byRow[9]).toMatchObject({ accepted: false, reason: expect.stringContaining('4 列') });
    const history = await t.request.get('/api/credit/records').query({ uscc: '91460100MA5TH3S4B7' }).set(await auth('staff1'));
    expect(history.body.items[0]).toMatchObject({ tier: 'black', origin: 'import', reason: '严重失信，列入名单', score: null });
  });
});

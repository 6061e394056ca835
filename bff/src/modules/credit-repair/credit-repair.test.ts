import { startTestApp, type TestApp } from '../../../test/harness';
import { RepairCaseModel, RepairLockModel } from './repair-case.model';
import { DishonestyRecordModel } from './dishonesty-record.model';
import { submitRepairCase } from './repair-cases.service';
import { verifyInspectionChain, listEvents } from '../ledger/ledger.service';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const auth = async (username: string) => ({ Authorization: `Bearer ${await t.tokenOf(username)}` });
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type Rec = { id: string; decisionNo: string; departmentCode: string; state: string; eligibility: { status: string; from: string | null; proofs: string[] } };
async function myRecords(username = 'applicant-black'): Promise<{ tier: string | null; records: Rec[]; commitment: { version: string } }> {
  const res = await t.request.get('/api/credit-repair/records').set(await auth(username));
  expect(res.status).toBe(200);
  return res.body;
}
const byNo = (records: Rec[], prefix: string) => records.find((r) => r.decisionNo.startsWith(prefix))!;

async function blackApplication(): Promise<{ id: string }> {
  return (await t.request.get('/api/applications').set(await auth('applicant-black'))).body.items[0];
}

async function proof(username = 'applicant-black'): Promise<string> {
  const res = await t.request.post('/api/credit-repair/proofs').set(await auth(username)).attach('file', png, 'receipt.png');
  expect(res.status).toBe(201);
  expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
  return res.body.id;
}

async function submit(items: { recordId: string; proofIds: string[] }[], version?: string) {
  const commitment = { version: version ?? (await myRecords()).commitment.version, accepted: true };
  return t.request.post('/api/credit-repair/cases').set(await auth('applicant-black')).send({ items, commitment });
}

const decide = async (username: string, caseId: string, recordId: string, accept: boolean, reason: string) =>
  t.request.post(`/api/credit-repair/cases/${caseId}/items/${recordId}/decision`).set(await auth(username)).send({ accept, reason });

async function stored() {
  return { cases: await RepairCaseModel.countDocuments(), locks: await RepairLockModel.countDocuments(), underRepair: await DishonestyRecordModel.countDocuments({ state: 'under_repair' }) };
}

describe('credit repair: records and eligibility', () => {
  it('when the black applicant opens 我的信用, then each record says now, from when, fulfil first or never, with its proof', async () => {
    const { tier, records } = await myRecords();
    expect(tier).toBe('black');
    expect(byNo(records, '海市监罚').eligibility).toMatchObject({ status: 'now', proofs: ['罚款缴纳凭证', '整改完成材料'] });
    expect(byNo(records, '海旅文罚').eligibility.status).toBe('now');
    const fire = byNo(records, '海消行罚').eligibility;
    expect(fire.status).toBe('from');
    expect(fire.from! > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(byNo(records, '海市监异').eligibility.status).toBe('fulfil_first');
    expect(byNo(records, '海卫罚').eligibility).toMatchObject({ status: 'never', proofs: [] });
  });

  it('when the black applicant asks for remote inspection, then the gate refuses and points to credit repair', async () => {
    const refused = await t.request.post(`/api/applications/${(await blackApplication()).id}/remote-requests`).set(await auth('applicant-black'));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'CREDIT.DISHONEST_REFUSED', message: expect.stringContaining('信用修复') });
  });

  it('when another applicant asks, then they see none of these records', async () => {
    expect((await myRecords('applicant-red')).records).toEqual([]);
  });
});

describe('credit repair: bad input stores nothing', () => {
  it('when a record is not yet repairable, another subject\'s, missing its proof or the commitment is outdated, then a clear code and nothing is stored', async () => {
    const { records } = await myRecords();
    const before = await stored();
    const p = await proof();
    const notYet = await submit([{ recordId: byNo(records, '海消行罚').id, proofIds: [p] }]);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error).toMatchObject({ code: 'REPAIR.NOT_REPAIRABLE', message: expect.stringContaining('起可申请') });
    const noProof = await submit([{ recordId: byNo(records, '海市监罚').id, proofIds: [p] }, { recordId: byNo(records, '海旅文罚').id, proofIds: [] }]);
    expect(noProof.status).toBe(400);
    expect(noProof.body.error).toMatchObject({ code: 'REPAIR.PROOF_MISSING', message: expect.stringContaining('请为') });
    const foreign = await t.request.post('/api/credit-repair/records').set(await auth('staff1')).send({
      uscc: '91460100MA5T8R2Q3K', kind: 'administrative_penalty', departmentCode: 'market', decisionNo: '海市监罚〔2025〕1号',
      decidedOn: '2025-01-10', purpose: '他人的处罚', severity: 'general', fulfilled: true,
    });
    expect(foreign.status).toBe(201);
    const notMine = await submit([{ recordId: foreign.body.id, proofIds: [p] }]);
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.code).toBe('REPAIR.RECORD_NOT_FOUND');
    const outdated = await submit([{ recordId: byNo(records, '海市监罚').id, proofIds: [p] }], 'commitment-old');
    expect(outdated.body.error.code).toBe('REPAIR.COMMITMENT_OUTDATED');
    expect(await stored()).toEqual(before);
  });
});

describe('credit repair: one case, two departments', () => {
  let caseId: string;
  let market: Rec;
  let culture: Rec;

  it('when two records of two departments are submitted in one case, then both are under repair with a 5-working-day clock and a second case for them is refused', async () => {
    const { records } = await myRecords();
    market = byNo(records, '海市监罚');
    culture = byNo(records, '海旅文罚');
    const res = await submit([{ recordId: market.id, proofIds: [await proof(), await proof()] }, { recordId: culture.id, proofIds: [await proof()] }]);
    expect(res.status).toBe(201);
    caseId = res.body.id;
    expect(res.body).toMatchObject({ state: 'open', clock: { workingDaysLeft: 5, covered: true }, items: [{ departmentName: '市场监督管理局' }, { departmentName: '旅游和文化广电体育局' }] });
    expect(res.body.notices[0].text).toContain('已收到');
    const again = await submit([{ recordId: market.id, proofIds: [await proof()] }]);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REPAIR.RECORD_IN_OPEN_CASE');
    expect(byNo((await myRecords()).records, '海市监罚')).toMatchObject({ state: 'under_repair', openCaseId: caseId });
  });

  it('when each department decides its own record, one accepted and one rejected, then the case is decided and the tier rises by the rule', async () => {
    const list = await t.request.get('/api/credit-repair/cases').set(await auth('reviewer-market'));
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect((await t.request.get('/api/credit-repair/cases').set(await auth('reviewer-approval'))).body.items).toEqual([]);
    const wrongDept = await decide('reviewer-market', caseId, culture.id, true, '越权');
    expect(wrongDept.status).toBe(403);
    expect(wrongDept.body.error.code).toBe('REPAIR.NOT_YOUR_DEPARTMENT');
    const first = await decide('reviewer-market', caseId, market.id, true, '罚款已缴清，整改到位');
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('open');
    const twice = await decide('reviewer-market', caseId, market.id, false, '改主意');
    expect(twice.body.error.code).toBe('REPAIR.ALREADY_DECIDED');
    const second = await decide('reviewer-culture', caseId, culture.id, false, '整改材料未体现身份核验系统');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ state: 'decided', decidedInTime: true, tierAfter: 'blue' });
    expect(second.body.notices.map((n: { text: string }) => n.text).join('\n')).toMatch(/同意修复[\s\S]*不予修复[\s\S]*已办结[\s\S]*蓝色等级/);
    const { tier, records } = await myRecords();
    expect(tier).toBe('blue');
    expect(byNo(records, '海市监罚')).toMatchObject({ state: 'repaired', eligibility: { status: 'repaired' } });
    expect(byNo(records, '海旅文罚')).toMatchObject({ state: 'active', openCaseId: null, eligibility: { status: 'now' } });
  });

  it('when the case chain is verified and exported, then every step is on it with the proofs\' hashes', async () => {
    const events = await listEvents(caseId);
    expect(events.map((e) => e.type)).toEqual([
      'repair.submitted', 'repair.committed', 'repair.proof', 'repair.proof', 'repair.proof', 'repair.decided', 'repair.decided', 'repair.closed', 'repair.forwarded',
    ]);
    expect((await verifyInspectionChain(caseId)).ok).toBe(true);
    const verify = await t.request.get(`/api/credit-repair/cases/${caseId}/verify`).set(await auth('applicant-black'));
    expect(verify.body).toMatchObject({ ok: true, length: 9 });
    const bundle = await t.request.get(`/api/credit-repair/cases/${caseId}/export`).set(await auth('staff1')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(bundle.status).toBe(200);
    const text = (bundle.body as Buffer).toString('latin1');
    expect(text).toContain('events.jsonl');
    expect(text.match(/media\/[0-9a-f]{24}/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('when the rejected record is repaired in a new case, then the tier is orange and the refused remote request is allowed', async () => {
    const app = await blackApplication();
    const res = await submit([{ recordId: culture.id, proofIds: [await proof()] }]);
    expect(res.status).toBe(201);
    const decided = await decide('reviewer-culture', res.body.id, culture.id, true, '补充材料显示已安装实名核验系统');
    expect(decided.body).toMatchObject({ state: 'decided', tierAfter: 'orange' });
    const allowed = await t.request.post(`/api/applications/${app.id}/remote-requests`).set(await auth('applicant-black'));
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ outcome: 'remote_approved', creditSnapshot: { tier: 'orange', source: 'local' } });
  });

  it('when staff read the figures, then cases, businesses and records repaired by kind and the in-time share add up', async () => {
    const res = await t.request.get('/api/credit-repair/stats').set(await auth('staff1'));
    expect(res.body).toEqual({
      cases: 2, decidedCases: 2, businessesRepaired: 1, recordsRepairedByKind: { administrative_penalty: 2 }, averageDays: 0, shareDecidedInTime: 1,
    });
  });
});

describe('credit repair: the case clock', () => {
  it('when a case is submitted the day before National Day, then its deadline skips the holiday and counts the make-up Saturday', async () => {
    const added = await t.request.post('/api/credit-repair/records').set(await auth('staff1')).send({
      uscc: '91460100MA5TH3S4B7', kind: 'abnormal_operation', departmentCode: 'market', decisionNo: '海市监异〔2026〕3号',
      decidedOn: '2026-03-02', purpose: '通过登记的住所无法联系', severity: 'general', fulfilled: true,
    });
    const me = await t.request.get('/api/me').set(await auth('applicant-black'));
    const user = { id: me.body.id, role: 'applicant' as const, subjectId: me.body.subjectId, username: 'applicant-black' };
    const policy = await myRecords();
    const created = await submitRepairCase(user, { items: [{ recordId: added.body.id, proofIds: [await proof()] }], commitment: { version: policy.commitment.version, accepted: true } }, new Date('2026-09-30T02:00:00Z'));
    // 10-01..10-07 off, Saturday 10-10 worked: 10-08, 10-09, 10-10, 10-12, 10-13
    expect(created.clock.deadline).toBe('2026-10-13');
    expect(created.clock.covered).toBe(true);
  });
});

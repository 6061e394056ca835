import sharp from 'sharp';
import { shanghaiDate } from '@ycta/shared';
import { startCreditPlatform, type CreditPlatform } from '../../../test/fakes/credit-platform';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createHttpCreditProvider } from '../../infra/credit/http-credit-provider';
import { CreditPenaltyModel } from '../credit/credit-penalty.model';
import { createPenaltyOutbox } from '../credit/penalty-outbox';
import { listEvents, verifyInspectionChain } from '../ledger/ledger.service';
import { sweepOverdueSupplements } from './acceptance.desk';

let t: TestApp;
let platform: CreditPlatform;
let png: Buffer;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const auth = async (username: string) => ({ Authorization: `Bearer ${await t.tokenOf(username)}` });

/** Holidays this test loads for the current year: the three days after today, so a 5-day deadline crosses them. */
const today = shanghaiDate(new Date());
const dayAfter = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const holidays = [1, 2, 3].map((n) => dayAfter(today, n)).filter((d) => d.startsWith(today.slice(0, 4)));

/** The n-th working day after `start`, counted by hand: weekends and the loaded holidays off. */
function expectedDue(start: string, n: number): string {
  let date = start;
  for (let left = n; left > 0;) {
    date = dayAfter(date, 1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.includes(date)) left -= 1;
  }
  return date;
}

async function newApplication(username: string, matterCode = 'internet-cafe'): Promise<string> {
  const res = await t.request.post('/api/applications').set(await auth(username)).send({ matterCode, siteAddress: '海南省海口市龙华区滨海大道 100 号' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const materialsOf = async (username: string, id: string) => t.request.get(`/api/applications/${id}/materials`).set(await auth(username));
const upload = async (username: string, id: string, materialId: string, bytes: Buffer, name: string) =>
  t.request.post(`/api/applications/${id}/materials/${materialId}/files`).set(await auth(username)).attach('file', bytes, name);
const choose = async (username: string, id: string, materialId: string, body: Record<string, unknown>) =>
  t.request.put(`/api/applications/${id}/materials/${materialId}/choice`).set(await auth(username)).send(body);
const stateOf = (body: { materials: Array<{ materialId: string; state: string }> }, materialId: string) =>
  body.materials.find((m) => m.materialId === materialId)!.state;

/** Red applicant: files for the essentials, 后补 for the lease and the floor plan, a commitment for fire safety. */
async function redSubmission(): Promise<string> {
  const id = await newApplication('applicant-red');
  expect((await upload('applicant-red', id, 'business-licence', png, 'licence.png')).status).toBe(201);
  expect((await upload('applicant-red', id, 'legal-rep-id', pdf, 'id.pdf')).status).toBe(201);
  expect((await upload('applicant-red', id, 'network-security', pdf, 'network.pdf')).status).toBe(201);
  expect((await choose('applicant-red', id, 'lease', { choice: 'gap' })).status).toBe(200);
  expect((await choose('applicant-red', id, 'floor-plan', { choice: 'gap' })).status).toBe(200);
  const signed = await choose('applicant-red', id, 'fire-safety', { choice: 'commitment', signerName: '王红梅', agreed: true, textVersion: 'fire-2026-11.1' });
  expect(signed.status).toBe(200);
  const submitted = await t.request.post(`/api/applications/${id}/materials/submission`).set(await auth('applicant-red'));
  expect(submitted.status).toBe(200);
  expect(submitted.body.acceptance.status).toBe('awaiting');
  return id;
}

const accept = async (id: string) => t.request.post(`/api/applications/${id}/acceptance`).set(await auth('staff1')).send({ decision: 'accept' });

beforeAll(async () => {
  platform = await startCreditPlatform('acceptance-key');
  t = await startTestApp();
  png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const loaded = await t.request.put(`/api/calendar/years/${today.slice(0, 4)}`).set(await auth('staff1')).send({ holidays, workdays: [] });
  expect(loaded.status).toBe(200);
});
afterAll(async () => {
  await t.close();
  await platform.close();
});

describe('materials and acceptance (容缺受理, 告知承诺)', () => {
  let redId: string;

  it('when a red applicant hands in two gaps and one commitment, then staff accept with the supplement deadline counted across the holiday', async () => {
    redId = await redSubmission();
    const opened = await materialsOf('applicant-red', redId);
    expect(opened.body.acceptance.privileges).toMatchObject({ tier: 'red', acceptWithGaps: true, commitment: true });
    expect(opened.body.acceptance.privileges.explanation).toContain('红色等级');
    const commitment = opened.body.materials.find((m: { materialId: string }) => m.materialId === 'fire-safety').commitment;
    expect(commitment).toMatchObject({ signerName: '王红梅', textVersion: 'fire-2026-11.1', text: expect.stringContaining('消防'), consequences: expect.stringContaining('信用') });

    const res = await accept(redId);
    expect(res.status).toBe(200);
    const due = expectedDue(today, 5);
    expect(res.body.acceptance).toMatchObject({ status: 'accepted', acceptedOn: today, supplementDueOn: due });
    const gaps = res.body.materials.filter((m: { gap: unknown }) => m.gap).map((m: { materialId: string; gap: { dueOn: string } }) => [m.materialId, m.gap.dueOn]);
    expect(gaps).toEqual([['lease', due], ['floor-plan', due]]);
    // red's shorter limit (20 → 14 working days) runs from acceptance
    const detail = await t.request.get(`/api/applications/${redId}`).set(await auth('applicant-red'));
    expect(detail.body.deadline).toMatchObject({ startedOn: today, timeLimitWorkingDays: 14, dueOn: expectedDue(today, 14), clockStoppedOn: null });
    const events = (await listEvents(redId)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['material.uploaded', 'material.gap', 'commitment.signed', 'materials.submitted', 'acceptance.decided']));
    expect((await verifyInspectionChain(redId)).ok).toBe(true);
  });

  it('when a file type, a gap on an essential or a change after submission is sent, then each is refused naming the material and nothing changes', async () => {
    const id = await newApplication('applicant-red');
    const wrongType = await upload('applicant-red', id, 'network-security', png, 'network.pdf');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error).toMatchObject({ code: 'MATERIAL.TYPE_NOT_ACCEPTED', requestId: expect.any(String) });
    expect(wrongType.body.error.message).toContain('网络与信息安全技术措施说明');
    const essential = await choose('applicant-red', id, 'business-licence', { choice: 'gap' });
    expect(essential.status).toBe(422);
    expect(essential.body.error).toMatchObject({ code: 'MATERIAL.GAP_NOT_ALLOWED', message: expect.stringContaining('营业执照') });
    const after = await materialsOf('applicant-red', id);
    expect(stateOf(after.body, 'network-security')).toBe('missing');
    expect(stateOf(after.body, 'business-licence')).toBe('missing');
    const unsigned = await choose('applicant-red', id, 'fire-safety', { choice: 'commitment', signerName: '王红梅', agreed: false, textVersion: 'fire-2026-11.1' });
    expect(unsigned.status).toBe(400);
    const incomplete = await t.request.post(`/api/applications/${id}/materials/submission`).set(await auth('applicant-red'));
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.message).toContain('营业执照');
  });

  it('when an orange applicant asks for a commitment, then it is refused, and their gap is accepted', async () => {
    const id = await newApplication('applicant-orange', 'childcare-filing');
    const refused = await choose('applicant-orange', id, 'fire-safety', { choice: 'commitment', signerName: '李橙', agreed: true, textVersion: 'fire-2026-11.1' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'MATERIAL.COMMITMENT_NOT_ALLOWED', message: expect.stringContaining('消防安全检查合格证明或承诺') });
    const gap = await choose('applicant-orange', id, 'lease', { choice: 'gap' });
    expect(gap.status).toBe(200);
    expect(stateOf(gap.body, 'lease')).toBe('gap');
    expect(gap.body.acceptance.privileges).toMatchObject({ tier: 'orange', acceptWithGaps: true, commitment: false });
    expect(stateOf(gap.body, 'fire-safety')).toBe('missing');
  });

  it('when a black applicant declares a gap, then it is refused: their tier has no 容缺受理', async () => {
    const id = await newApplication('applicant-black');
    const res = await choose('applicant-black', id, 'lease', { choice: 'gap' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'MATERIAL.GAP_NOT_ALLOWED', message: expect.stringContaining('信用等级') });
    expect(stateOf((await materialsOf('applicant-black', id)).body, 'lease')).toBe('missing');
  });

  it('when the applicant supplements a gap after acceptance, then that gap closes and the next deadline remains', async () => {
    const res = await upload('applicant-red', redId, 'lease', pdf, 'lease.pdf');
    expect(res.status).toBe(201);
    const lease = res.body.materials.find((m: { materialId: string }) => m.materialId === 'lease');
    expect(lease).toMatchObject({ state: 'file', gap: { closedAt: expect.any(String) } });
    expect(lease.files[0]).toMatchObject({ supplement: true, type: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.acceptance.supplementDueOn).toBe(expectedDue(today, 5));
  });

  it('when a supplement deadline passes with a gap open, then the clock stops once, and staff refuse; a late supplement is then refused', async () => {
    const id = await redSubmission();
    expect((await accept(id)).status).toBe(200);
    const later = new Date(Date.parse(`${expectedDue(today, 6)}T04:00:00Z`));
    expect(await sweepOverdueSupplements({ now: later })).toBeGreaterThanOrEqual(1);
    expect(await sweepOverdueSupplements({ now: later })).toBe(0);
    const detail = await t.request.get(`/api/applications/${id}`).set(await auth('applicant-red'));
    expect(detail.body.deadline.clockStoppedOn).toBe(shanghaiDate(later));
    const queue = await t.request.get('/api/acceptance/queue').set(await auth('staff1'));
    expect(queue.body.items.find((i: { applicationId: string }) => i.applicationId === id).acceptance.clockStoppedOn).toBe(shanghaiDate(later));
    const refused = await t.request.post(`/api/applications/${id}/acceptance/refusal`).set(await auth('staff1')).send({ reason: '容缺材料逾期未补' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ applicationStatus: 'rejected', acceptance: { status: 'refused' } });
    const late = await upload('applicant-red', id, 'lease', pdf, 'lease.pdf');
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'MATERIAL.SUPPLEMENT_AFTER_DECISION', message: expect.stringContaining('房屋租赁合同') });
  });

  it('when a commitment is judged false, then the application is refused and one penalty is delivered once, also across a restart', async () => {
    const queue = await t.request.get('/api/acceptance/queue').set(await auth('staff1'));
    expect(queue.body.items.find((i: { applicationId: string }) => i.applicationId === redId)).toMatchObject({ openChecks: 1 });
    const task = (await materialsOf('staff1', redId)).body.materials.find((m: { materialId: string }) => m.materialId === 'fire-safety').commitment.check;
    expect(task).toMatchObject({ status: 'open', dueOn: expectedDue(today, 20) });
    const verdict = { verdict: 'false', method: 'document', note: '消防部门复函：该场所未设置第二安全出口' };
    const res = await t.request.post(`/api/applications/${redId}/materials/fire-safety/check`).set(await auth('staff1')).send(verdict);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applicationStatus: 'rejected', acceptance: { status: 'refused' } });
    const again = await t.request.post(`/api/applications/${redId}/materials/fire-safety/check`).set(await auth('staff1')).send(verdict);
    expect(again.status).toBe(409);
    expect(await CreditPenaltyModel.countDocuments({ applicationId: redId })).toBe(1);

    const provider = () => createHttpCreditProvider({ baseUrl: platform.url, apiKey: 'acceptance-key', timeoutMs: 2000, cacheTtlSeconds: 0 });
    expect(await createPenaltyOutbox(provider()).drain()).toMatchObject({ delivered: 1 });
    // a restarted BFF: a new worker finds nothing left to deliver
    expect(await createPenaltyOutbox(provider()).drain()).toMatchObject({ delivered: 0 });
    const key = `commitment-${redId}-fire-safety`;
    expect(platform.state.penaltyPosts.filter((k) => k === key)).toHaveLength(1);
    expect(platform.state.applied.get(key)).toMatchObject({ kind: 'false_commitment', applicationId: redId });
  });

  it('when the catalogue and the OpenAPI document are read, then each matter shows its materials with their flags, version and basis', async () => {
    const res = await t.request.get('/api/matters').set(await auth('applicant-red'));
    const cafe = res.body.items.find((m: { code: string }) => m.code === 'internet-cafe');
    expect(cafe.materials).toMatchObject({ version: '2026-11.1', basis: expect.arrayContaining([expect.stringContaining('国办发〔2020〕42号')]) });
    expect(cafe.materials.items.find((i: { id: string }) => i.id === 'lease')).toMatchObject({ essential: false, gapAllowed: true, supplementWorkingDays: 5, commitment: null });
    expect(cafe.materials.items.find((i: { id: string }) => i.id === 'fire-safety').commitment).toMatchObject({ version: 'fire-2026-11.1', consequences: expect.stringContaining('信用') });
    expect(cafe.checklist.find((p: { id: string }) => p.id === 'fire-exits').verifiesCommitment).toBe('fire-safety');
    const doc = (await t.request.get('/api/openapi.json')).body;
    const matters = JSON.stringify(doc.paths['/api/matters'].get.responses['200']);
    for (const field of ['materials', 'essential', 'gapAllowed', 'supplementWorkingDays', 'commitment', 'consequences', 'basis']) expect(matters).toContain(`"${field}"`);
    expect(doc.paths['/api/applications/{id}/acceptance']).toBeDefined();
  });

  it('when staff publish a new material list, then new applications use it, earlier ones keep theirs, and a version is never reused', async () => {
    const before = await newApplication('applicant-red', 'training-school');
    const current = (await t.request.get('/api/matters/training-school').set(await auth('staff1'))).body.materials;
    const next = { ...current, version: '2026-12.1', items: current.items.filter((i: { id: string }) => i.id !== 'teacher-certificates') };
    expect((await t.request.put('/api/matters/training-school/materials').set(await auth('applicant-red')).send(next)).status).toBe(403);
    const res = await t.request.put('/api/matters/training-school/materials').set(await auth('staff1')).send(next);
    expect(res.status).toBe(200);
    expect(res.body.materials.version).toBe('2026-12.1');
    const after = await newApplication('applicant-red', 'training-school');
    expect((await materialsOf('applicant-red', after)).body.materials.map((m: { materialId: string }) => m.materialId)).not.toContain('teacher-certificates');
    const kept = (await materialsOf('applicant-red', before)).body;
    expect(kept.acceptance.materialsVersion).toBe('2026-11.1');
    expect(kept.materials.map((m: { materialId: string }) => m.materialId)).toContain('teacher-certificates');
    const again = await t.request.put('/api/matters/training-school/materials').set(await auth('staff1')).send(next);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MATTER.MATERIALS_VERSION_EXISTS');
  });
});

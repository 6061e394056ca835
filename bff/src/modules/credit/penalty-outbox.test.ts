import { setTimeout as sleep } from 'node:timers/promises';
import { startCreditPlatform, type CreditPlatform } from '../../../test/fakes/credit-platform';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createHttpCreditProvider } from '../../infra/credit/http-credit-provider';
import type { CreditProvider } from '../../infra/credit/credit-provider';
import { createLocalCreditProvider } from '../../infra/credit/local-credit-provider';
import { listEvents } from '../ledger/ledger.service';
import { CreditPenaltyClaimModel, CreditPenaltyModel, type CreditPenaltyDoc } from './credit-penalty.model';
import { creditHistory } from './credit-records.service';
import { createPenaltyOutbox } from './penalty-outbox';

const apiKey = 'outbox-test-key';
const redUscc = '91460100MA5T8R2Q3K';
let t: TestApp;
let platform: CreditPlatform;
let inspectionId: string;

const auth = async (username: string) => ({ Authorization: `Bearer ${await t.tokenOf(username)}` });
const httpProvider = () => createHttpCreditProvider({ baseUrl: platform.url, apiKey, timeoutMs: 2000, cacheTtlSeconds: 0 });

async function flag(reason = '营业执照复印件与现场悬挂的原件不一致'): Promise<string> {
  const res = await t.request.post(`/api/inspections/${inspectionId}/flags`).set(await auth('inspector1'))
    .send({ reason, checklistItemIds: ['fire-exits'], evidenceMediaIds: [] });
  expect(res.status).toBe(201);
  return res.body.idempotencyKey as string;
}

async function pending(): Promise<number> {
  return CreditPenaltyModel.countDocuments({ 'delivery.deliveredAt': null });
}

beforeAll(async () => {
  t = await startTestApp();
  platform = await startCreditPlatform(apiKey);
  // the red-tier demo application goes remote: the gate opens its inspection, assigned to inspector1
  const apps = await t.request.get('/api/applications').set(await auth('applicant-red'));
  const res = await t.request.post(`/api/applications/${apps.body.items[0].id}/remote-requests`).set(await auth('applicant-red'));
  expect(res.status).toBe(200);
  inspectionId = res.body.inspectionId;
});
afterAll(async () => { await platform.close(); await t.close(); });
beforeEach(() => {
  platform.state.penaltyPosts.length = 0;
  platform.state.applied.clear();
  platform.state.failPenalties = 0;
  platform.state.refusePenalties = 0;
  platform.state.penaltyDelayMs = 0;
});

describe('flags', () => {
  it('when the inspector flags false material, then a penalty waits in the outbox and a flagged event is on the record', async () => {
    const res = await t.request.post(`/api/inspections/${inspectionId}/flags`).set(await auth('inspector1'))
      .send({ reason: '消防验收意见书系伪造', checklistItemIds: ['extinguishers'], evidenceMediaIds: [] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ inspectionId, reason: '消防验收意见书系伪造', delivery: { attempts: 0, deliveredAt: null } });
    expect(res.body.idempotencyKey).toMatch(/^flag-/);
    const flagged = (await listEvents(inspectionId)).filter((e) => e.type === 'flagged');
    expect(flagged.at(-1)!.payload).toMatchObject({ idempotencyKey: res.body.idempotencyKey, reason: '消防验收意见书系伪造' });
    await createPenaltyOutbox(httpProvider()).drain();
  });

  it('when another inspector or the applicant flags, then 404 / 403 and no penalty', async () => {
    const before = await CreditPenaltyModel.countDocuments();
    const other = await t.request.post(`/api/inspections/${inspectionId}/flags`).set(await auth('inspector2')).send({ reason: '不是我的踏勘' });
    expect(other.status).toBe(404);
    const applicant = await t.request.post(`/api/inspections/${inspectionId}/flags`).set(await auth('applicant-red')).send({ reason: '自我举报' });
    expect(applicant.status).toBe(403);
    expect(await CreditPenaltyModel.countDocuments()).toBe(before);
  });

  it('when a flag names a checklist point or evidence that is not part of this inspection, then it is refused and nothing is written', async () => {
    const before = { penalties: await CreditPenaltyModel.countDocuments(), events: (await listEvents(inspectionId)).length };
    const point = await t.request.post(`/api/inspections/${inspectionId}/flags`).set(await auth('inspector1'))
      .send({ reason: '材料不实', checklistItemIds: ['no-such-point'], evidenceMediaIds: [] });
    expect([point.status, point.body.error.code]).toEqual([404, 'INSPECTION.CHECKLIST_ITEM_NOT_FOUND']);
    const media = await t.request.post(`/api/inspections/${inspectionId}/flags`).set(await auth('inspector1'))
      .send({ reason: '材料不实', checklistItemIds: ['fire-exits'], evidenceMediaIds: ['aaaaaaaaaaaaaaaaaaaaaaaa'] });
    expect([media.status, media.body.error.code]).toEqual([400, 'REQUEST.INVALID']);
    expect(media.body.error.message).toContain('不属于本次踏勘');
    expect({ penalties: await CreditPenaltyModel.countDocuments(), events: (await listEvents(inspectionId)).length }).toEqual(before);
  });
});

describe('the penalty outbox', () => {
  it('when the BFF stops mid-way and a new one starts, then every flag reaches the platform exactly once', async () => {
    const keys = [];
    for (let i = 0; i < 6; i++) keys.push(await flag(`第 ${i + 1} 份材料与现场不符`));
    platform.state.penaltyDelayMs = 150;
    const first = createPenaltyOutbox(httpProvider(), { pollMs: 10 });
    first.start();
    while (platform.state.penaltyPosts.length < 2) await sleep(10);
    await first.stop(); // the delivery in flight finishes and is recorded; no new one starts
    const afterStop = platform.state.penaltyPosts.length;
    expect(afterStop).toBeLessThan(6);
    expect(await pending()).toBe(6 - afterStop);

    const second = createPenaltyOutbox(httpProvider(), { pollMs: 10 });
    second.start();
    while (await pending()) await sleep(20);
    await second.stop();

    expect(platform.state.penaltyPosts.sort()).toEqual([...keys].sort());
    expect([...platform.state.applied.keys()].sort()).toEqual([...keys].sort());
    const listed = await t.request.get(`/api/inspections/${inspectionId}/flags`).set(await auth('staff1'));
    expect(listed.status).toBe(200);
    const byKey = new Map(listed.body.items.map((p: { idempotencyKey: string }) => [p.idempotencyKey, p]));
    for (const key of keys) {
      expect(byKey.get(key)).toMatchObject({ delivery: { attempts: 1, lastError: null, deliveredAt: expect.any(String) } });
    }
  });

  it('when a worker dies holding a claim, then another delivers after the lease expires, once', async () => {
    const key = await flag();
    let release: () => void = () => undefined;
    const hanging: CreditProvider = {
      kind: 'http',
      lookup: () => Promise.reject(new Error('unused')),
      reportPenalty: () => new Promise((_ok, fail) => { release = () => fail(new Error('the process died')); }),
      listRecords: () => Promise.reject(new Error('unused')),
      submitRepair: () => Promise.reject(new Error('unused')),
    };
    const dying = createPenaltyOutbox(hanging, { leaseMs: 300 });
    const dyingRound = dying.drain();
    while (!(await CreditPenaltyClaimModel.exists({ owner: dying.owner }))) await sleep(10);

    const survivor = createPenaltyOutbox(httpProvider(), { leaseMs: 300 });
    expect(await survivor.drain()).toEqual({ delivered: 0, failed: 0, refused: 0 }); // the claim is still live
    await sleep(350);
    expect(await survivor.drain()).toEqual({ delivered: 1, failed: 0, refused: 0 });
    release();
    await dyingRound;
    expect(platform.state.penaltyPosts).toEqual([key]);
    expect(await survivor.drain()).toEqual({ delivered: 0, failed: 0, refused: 0 });
    const doc = await CreditPenaltyModel.findOne({ idempotencyKey: key }).lean<CreditPenaltyDoc>();
    expect(doc!.delivery.deliveredAt).toBeInstanceOf(Date);
  });

  it('when four workers drain twenty flags at the same time, then no flag is posted twice', async () => {
    const keys = [];
    for (let i = 0; i < 20; i++) keys.push(await flag());
    platform.state.penaltyDelayMs = 5;
    const workers = Array.from({ length: 4 }, () => createPenaltyOutbox(httpProvider()));
    const results = await Promise.all(workers.map((w) => w.drain()));
    expect(results.reduce((sum, r) => sum + r.delivered, 0)).toBe(20);
    expect(platform.state.penaltyPosts.sort()).toEqual([...keys].sort());
    expect(await pending()).toBe(0);
  });

  it('when the platform fails, then the attempt and error are recorded and the retry waits for its backoff', async () => {
    const key = await flag();
    platform.state.failPenalties = 1;
    const outbox = createPenaltyOutbox(httpProvider(), { baseBackoffMs: 1000 });
    const started = Date.now();
    expect(await outbox.drain()).toEqual({ delivered: 0, failed: 1, refused: 0 });
    const failed = await CreditPenaltyModel.findOne({ idempotencyKey: key }).lean<CreditPenaltyDoc>();
    expect(failed!.delivery).toMatchObject({ attempts: 1, lastError: 'status 500', deliveredAt: null });
    expect(failed!.delivery.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(started + 1000);
    expect(await outbox.drain()).toEqual({ delivered: 0, failed: 0, refused: 0 });
    await sleep(failed!.delivery.nextAttemptAt.getTime() - Date.now() + 20);
    expect(await outbox.drain()).toEqual({ delivered: 1, failed: 0, refused: 0 });
    expect((await CreditPenaltyModel.findOne({ idempotencyKey: key }).lean<CreditPenaltyDoc>())!.delivery).toMatchObject({ attempts: 2, lastError: null });
    expect(platform.state.applied.has(key)).toBe(true);
  });

  it('when the platform refuses a penalty for good, then the outbox stops trying, keeps the platform\'s reason and shows it with the flag', async () => {
    const key = await flag();
    platform.state.refusePenalties = 1;
    const outbox = createPenaltyOutbox(httpProvider(), { baseBackoffMs: 1000 });
    expect(await outbox.drain()).toEqual({ delivered: 0, failed: 0, refused: 1 });
    const refused = (await CreditPenaltyModel.findOne({ idempotencyKey: key }).lean<CreditPenaltyDoc>())!;
    expect(refused.delivery).toMatchObject({ attempts: 1, deliveredAt: null, lastError: '信用平台拒收（HTTP 422）：该主体已注销，不能登记失信信息' });
    expect(refused.delivery.refusedAt).toBeInstanceOf(Date);
    const posts = platform.state.penaltyPosts.length;
    await sleep(1100);
    expect(await outbox.drain()).toEqual({ delivered: 0, failed: 0, refused: 0 });
    expect(platform.state.penaltyPosts).toHaveLength(posts);
    const listed = await t.request.get(`/api/inspections/${inspectionId}/flags`).set(await auth('staff1'));
    expect(listed.body.items.find((p: { idempotencyKey: string }) => p.idempotencyKey === key).delivery)
      .toMatchObject({ refusedAt: expect.any(String), deliveredAt: null, lastError: expect.stringContaining('已注销') });
  });

  it('when the local provider receives a penalty, then the tier drops one step, once per flag', async () => {
    const before = (await creditHistory(redUscc)).length;
    const key = await flag();
    const local = createLocalCreditProvider();
    expect(await createPenaltyOutbox(local).drain()).toEqual({ delivered: 1, failed: 0, refused: 0 });
    const penalty = (await CreditPenaltyModel.findOne({ idempotencyKey: key }).lean<CreditPenaltyDoc>())!;
    await local.reportPenalty({ ...penalty, subject: { id: String(penalty.subjectId), uscc: redUscc, seedCreditTier: 'red' }, inspectionId, applicationId: undefined, idempotencyKey: key });
    const history = await creditHistory(redUscc);
    expect(history).toHaveLength(before + 1);
    expect(history[0]).toMatchObject({ tier: 'orange', origin: 'penalty', reason: expect.stringContaining('虚假材料') });
  });
});

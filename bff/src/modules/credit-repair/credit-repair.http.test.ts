import mongoose from 'mongoose';
import { startBff } from '../../main';
import { seedDemoData } from '../../seed';
import { startCreditPlatform, type CreditPlatform } from '../../../test/fakes/credit-platform';
import { testDbUri, testEnv } from '../../../test/harness';
import { createHttpCreditProvider } from '../../infra/credit/http-credit-provider';
import { createRepairOutbox } from './repair-outbox';
import { RepairForwardModel } from './repair-forward.model';
import { RepairCaseModel } from './repair-case.model';

/**
 * The `http` provider's repair half against a local server speaking the platform's REST shape, and the repair outbox
 * across an outage and a restart of the BFF: the forward is never lost and the platform applies it once.
 */
const apiKey = 'repair-platform-key';
const uscc = '91460100MA5TH3S4B7';
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let platform: CreditPlatform;
const dbName = `credit_repair_http_${Date.now()}`;
const env = () => testEnv({
  MONGODB_URI: `${testDbUri()}/${dbName}`, PORT: '0', LOG_LEVEL: 'silent',
  CREDIT_PROVIDER: 'http', CREDIT_HTTP_BASE_URL: platform.url, CREDIT_HTTP_API_KEY: apiKey, CREDIT_HTTP_RETRIES: '2',
});
const platformRecord = (id: string, departmentCode: string) => ({
  id, kind: 'administrative_penalty', departmentCode, decisionNo: `平台-${id}`, decidedOn: '2026-01-05', purpose: '平台记录的处罚',
  severity: 'general', fulfilled: true, repairable: true, state: 'active',
});

beforeAll(async () => {
  platform = await startCreditPlatform(apiKey, { [uscc]: { tier: 'D' } });
  platform.state.records.set(uscc, [platformRecord('P-1', 'market'), platformRecord('P-2', 'culture')]);
});
afterAll(async () => { await platform.close(); });

describe('http credit provider: dishonesty records and repairs', () => {
  const provider = () => createHttpCreditProvider({ baseUrl: platform.url, apiKey, timeoutMs: 500, cacheTtlSeconds: 0, retries: 2, initialBackoffMs: 10, maxBackoffMs: 20 });

  it('when the record list fails twice with 500, then the retries get the platform\'s records', async () => {
    platform.state.recordLookups = 0;
    platform.state.failRecordLookups = 2;
    const records = await provider().listRecords({ id: 's', uscc });
    expect(platform.state.recordLookups).toBe(3);
    expect(records.map((r) => [r.providerId, r.departmentCode, r.legallyUnrepairable, r.repaired])).toEqual([['P-1', 'market', false, false], ['P-2', 'culture', false, false]]);
  });

  it('when the platform keeps failing, then CREDIT.UNAVAILABLE rather than an empty list', async () => {
    platform.state.failRecordLookups = 5;
    await expect(provider().listRecords({ id: 's', uscc })).rejects.toMatchObject({ code: 'CREDIT.UNAVAILABLE' });
    platform.state.failRecordLookups = 0;
  });
});

describe('repair forwarded through the outbox, over an outage and a restart', () => {
  it('when the platform is down (503) at decision time, then the forward waits, a restarted BFF delivers it once and the gate reads the new tier', async () => {
    let bff = await startBff(env());
    await seedDemoData({ quiet: true });
    const base = `http://127.0.0.1:${bff.port}`;
    const call = async (username: string, path: string, init: RequestInit = {}) => {
      const login = await fetch(`${base}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
      const { accessToken } = await login.json() as { accessToken: string };
      const res = await fetch(`${base}/api${path}`, { ...init, headers: { authorization: `Bearer ${accessToken}`, ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...init.headers } });
      return { status: res.status, body: await res.json() as Record<string, unknown> & { error?: { code: string } } };
    };
    const mine = await call('applicant-black', '/credit-repair/records');
    expect(mine.status).toBe(200);
    const records = (mine.body.records as { id: string; decisionNo: string }[]).filter((r) => r.decisionNo.startsWith('平台-'))
      .sort((a, b) => a.decisionNo.localeCompare(b.decisionNo)); // P-1 (市场监管), P-2 (文旅)
    expect(records).toHaveLength(2);
    const proofIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const form = new FormData();
      form.append('file', new Blob([png], { type: 'image/png' }), 'receipt.png');
      proofIds.push(String((await call('applicant-black', '/credit-repair/proofs', { method: 'POST', body: form })).body.id));
    }
    const submitted = await call('applicant-black', '/credit-repair/cases', {
      method: 'POST',
      body: JSON.stringify({ items: records.map((r, i) => ({ recordId: r.id, proofIds: [proofIds[i]] })), commitment: { version: (mine.body.commitment as { version: string }).version, accepted: true } }),
    });
    expect(submitted.status).toBe(201);
    const caseId = String(submitted.body.id);

    platform.state.failRepairs = 1_000; // the platform is down for maintenance
    expect((await call('reviewer-market', `/credit-repair/cases/${caseId}/items/${records[0]!.id}/decision`, { method: 'POST', body: JSON.stringify({ accept: true, reason: '已缴清罚款' }) })).status).toBe(200);
    const decided = await call('reviewer-culture', `/credit-repair/cases/${caseId}/items/${records[1]!.id}/decision`, { method: 'POST', body: JSON.stringify({ accept: true, reason: '整改到位' }) });
    expect(decided.body).toMatchObject({ state: 'decided', tierAfter: null });
    expect(platform.state.repairPosts).toEqual([`repair-${caseId}`]);
    const waiting = await RepairForwardModel.findById(caseId).lean();
    expect(waiting?.delivery).toMatchObject({ attempts: 1, deliveredAt: null, lastError: expect.stringContaining('503') });
    await bff.stop();

    // back up: a new BFF (its own outbox) delivers what was waiting, once
    bff = await startBff(env());
    platform.state.failRepairs = 0;
    await RepairForwardModel.updateOne({ _id: caseId }, { $set: { 'delivery.nextAttemptAt': new Date() } }); // skip the backoff wait
    await createRepairOutbox(bff.services.creditProvider).drain();
    await createRepairOutbox(bff.services.creditProvider).drain(); // a second worker finds nothing due
    expect(platform.state.repairPosts).toEqual([`repair-${caseId}`, `repair-${caseId}`]);
    expect(platform.state.repairsApplied.size).toBe(1);
    expect(platform.state.repairsApplied.get(`repair-${caseId}`)).toMatchObject({ uscc, recordIds: ['P-1', 'P-2'] });
    expect((await RepairForwardModel.findById(caseId).lean())?.delivery?.deliveredAt).toBeInstanceOf(Date);
    expect((await RepairCaseModel.findById(caseId).lean())?.tierAfter).toBe('orange');

    const apps = await (async () => {
      const login = await fetch(`http://127.0.0.1:${bff.port}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'applicant-black' }) });
      const { accessToken } = await login.json() as { accessToken: string };
      const headers = { authorization: `Bearer ${accessToken}` };
      const list = await (await fetch(`http://127.0.0.1:${bff.port}/api/applications`, { headers })).json() as { items: { id: string }[] };
      return fetch(`http://127.0.0.1:${bff.port}/api/applications/${list.items[0]!.id}/remote-requests`, { method: 'POST', headers });
    })();
    const answer = await apps.json() as Record<string, unknown>;
    expect([apps.status, answer]).toMatchObject([200, { outcome: 'remote_approved', creditSnapshot: { tier: 'orange', source: 'http' } }]);
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await bff.stop();
  });
});

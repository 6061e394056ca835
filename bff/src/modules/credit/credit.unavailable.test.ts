import { setTimeout as sleep } from 'node:timers/promises';
import { startCreditPlatform, type CreditPlatform } from '../../../test/fakes/credit-platform';
import { startTestApp, type TestApp } from '../../../test/harness';

/** The gate on the `http` provider: the platform's failures reach the applicant as one clear, retryable 503. */
const apiKey = 'gate-test-key';
let platform: CreditPlatform;
let t: TestApp;

beforeAll(async () => {
  platform = await startCreditPlatform(apiKey, {
    '91460100MA5T8R2Q3K': { tier: 'B', score: 81 }, // the red demo subject, rated B (orange) by the platform
    '91460100MA5TB1L2U9': { tier: 'D' },
  });
  t = await startTestApp({
    env: {
      CREDIT_PROVIDER: 'http', CREDIT_HTTP_BASE_URL: platform.url, CREDIT_HTTP_API_KEY: apiKey,
      CREDIT_HTTP_TIMEOUT_MS: '200', CREDIT_CACHE_TTL_SECONDS: '0', CREDIT_HTTP_CIRCUIT_OPEN_MS: '300',
    },
  });
});
afterAll(async () => { await t.close(); await platform.close(); });

const auth = async (username: string) => ({ Authorization: `Bearer ${await t.tokenOf(username)}` });

/** A fresh submitted application of this applicant. */
async function newApplicationId(username: string, matterCode: string): Promise<string> {
  const res = await t.request.post('/api/applications').set(await auth(username))
    .send({ matterCode, siteAddress: '海南省海口市龙华区滨海大道 8 号' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('remote request with the credit platform', () => {
  it.each(['error500', 'slow', 'garbage'] as const)(
    'when the platform is %s, then 503 CREDIT.UNAVAILABLE, the application is untouched, and a retry after recovery works',
    async (mode) => {
      const id = await newApplicationId('applicant-red', 'internet-cafe');
      platform.state.mode = mode;
      const res = await t.request.post(`/api/applications/${id}/remote-requests`).set(await auth('applicant-red'));
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'CREDIT.UNAVAILABLE', message: '信用信息服务暂时不可用，请稍后重试' });
      const detail = await t.request.get(`/api/applications/${id}`).set(await auth('applicant-red'));
      expect(detail.body).toMatchObject({ status: 'submitted', creditSnapshot: null });
      expect(detail.body.timeline).toHaveLength(1);

      platform.state.mode = 'ok';
      await sleep(350); // repeated failures opened the circuit: it lets a trial call through after CREDIT_HTTP_CIRCUIT_OPEN_MS
      const retried = await t.request.post(`/api/applications/${id}/remote-requests`).set(await auth('applicant-red'));
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ outcome: 'remote_approved', creditSnapshot: { source: 'http' } });
    },
  );

  it('when the platform answers, then its tier decides (not the seed tier) and the snapshot says http', async () => {
    const id = await newApplicationId('applicant-red', 'internet-cafe');
    const res = await t.request.post(`/api/applications/${id}/remote-requests`).set(await auth('applicant-red'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'remote_approved', creditSnapshot: { tier: 'orange', score: 81, source: 'http' }, timeLimitWorkingDays: 20,
    });
  });

  it('when the platform rates a subject D, then remote is refused and the applicant is told how to repair credit', async () => {
    const id = await newApplicationId('applicant-blue', 'training-school');
    const res = await t.request.post(`/api/applications/${id}/remote-requests`).set(await auth('applicant-blue'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'onsite_required', creditSnapshot: { tier: 'black', source: 'http' } });
    expect(res.body.message).toContain('信用修复');
  });

  it('when the platform does not know a subject (and for a person without a USCC), then 409 CREDIT.NO_RECORD, never a guessed tier', async () => {
    const id = await newApplicationId('applicant-orange', 'childcare-filing');
    const res = await t.request.post(`/api/applications/${id}/remote-requests`).set(await auth('applicant-orange'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CREDIT.NO_RECORD');
  });
});

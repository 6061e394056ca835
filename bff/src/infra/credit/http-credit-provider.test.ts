import { setTimeout as sleep } from 'node:timers/promises';
import { startCreditPlatform, type CreditPlatform } from '../../../test/fakes/credit-platform';
import { createHttpCreditProvider } from './http-credit-provider';
import type { AppError } from '../../lib/app-error';

const apiKey = 'test-platform-key';
const red = { id: 's1', uscc: '91330100MA2B3C4D5E' };
const black = { id: 's2', uscc: '91330100MA2B3C4D6F' };

let platform: CreditPlatform;
beforeAll(async () => {
  platform = await startCreditPlatform(apiKey, { [red.uscc]: { tier: 'A', score: 92 }, [black.uscc]: { tier: 'black' } });
});
afterAll(() => platform.close());
beforeEach(() => { platform.state.mode = 'ok'; platform.state.lookups = 0; });

const provider = (extra: Partial<Parameters<typeof createHttpCreditProvider>[0]> = {}) => createHttpCreditProvider({
  baseUrl: platform.url, apiKey, timeoutMs: 200, cacheTtlSeconds: 0, retries: 2, initialBackoffMs: 10, maxBackoffMs: 20,
  breakerThreshold: 3, halfOpenAfterMs: 300, ...extra,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try { await promise; } catch (err) { return (err as AppError).code; }
  return 'resolved';
}

describe('http credit provider', () => {
  it('when the platform answers grade A with a score, then the tier is red with that score from http', async () => {
    const found = await provider().lookup(red);
    expect(found).toMatchObject({ tier: 'red', score: 92, source: 'http' });
    expect(found.checkedAt).toBeInstanceOf(Date);
    expect(await provider().lookup(black)).toMatchObject({ tier: 'black', source: 'http' });
  });

  it('when the platform does not know the subject, then the answer is CREDIT.NO_RECORD, not a guessed tier', async () => {
    expect(await codeOf(provider().lookup({ id: 'x', uscc: '91330100MA2B3C4D7G' }))).toBe('CREDIT.NO_RECORD');
  });

  it('when the platform answers 500, then it is retried with backoff and then CREDIT.UNAVAILABLE', async () => {
    platform.state.mode = 'error500';
    expect(await codeOf(provider().lookup(red))).toBe('CREDIT.UNAVAILABLE');
    expect(platform.state.lookups).toBe(3);
  });

  it('when the platform is slower than the timeout, then CREDIT.UNAVAILABLE within the retries, not a hang', async () => {
    platform.state.mode = 'slow';
    const started = Date.now();
    expect(await codeOf(provider({ retries: 1 }).lookup(red))).toBe('CREDIT.UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('when the platform answers garbage or an unknown tier, then CREDIT.UNAVAILABLE and no retry of a non-transient answer', async () => {
    platform.state.mode = 'garbage';
    expect(await codeOf(provider().lookup(red))).toBe('CREDIT.UNAVAILABLE');
    platform.state.mode = 'wrong-tier';
    expect(await codeOf(provider().lookup(red))).toBe('CREDIT.UNAVAILABLE');
    expect(platform.state.lookups).toBe(2);
  });

  it('when the API key is wrong, then CREDIT.UNAVAILABLE', async () => {
    expect(await codeOf(provider({ apiKey: 'wrong' }).lookup(red))).toBe('CREDIT.UNAVAILABLE');
  });

  it('when failures keep coming, then the circuit opens (no more calls), and closes again after the platform recovers', async () => {
    const p = provider({ retries: 0 });
    platform.state.mode = 'error500';
    for (let i = 0; i < 3; i++) expect(await codeOf(p.lookup(red))).toBe('CREDIT.UNAVAILABLE');
    expect(p.circuitState()).toBe('open');
    const callsWhenOpened = platform.state.lookups;
    expect(await codeOf(p.lookup(red))).toBe('CREDIT.UNAVAILABLE');
    expect(platform.state.lookups).toBe(callsWhenOpened);

    platform.state.mode = 'ok';
    expect(await codeOf(p.lookup(red))).toBe('CREDIT.UNAVAILABLE'); // still open: no trial yet
    await sleep(350);
    expect(await p.lookup(red)).toMatchObject({ tier: 'red' });
    expect(p.circuitState()).toBe('closed');
    expect(platform.state.lookups).toBe(callsWhenOpened + 1);
  });

  it('when the cache has a fresh answer, then the platform is not asked again until the TTL passes', async () => {
    const p = provider({ cacheTtlSeconds: 1 });
    await p.lookup(red);
    await p.lookup(red);
    expect(platform.state.lookups).toBe(1);
    await sleep(1050);
    await p.lookup(red);
    expect(platform.state.lookups).toBe(2);
  });

  it('when a penalty is reported twice under one key, then the platform applies it once', async () => {
    const p = provider();
    const penalty = {
      idempotencyKey: 'flag-test-1', subject: red, inspectionId: '0123456789abcdef01234567', matterCode: 'M1',
      reason: '营业执照复印件与现场不符', checklistItemIds: ['c1'], evidenceMediaIds: [], flaggedAt: new Date(),
    };
    await p.reportPenalty(penalty);
    await p.reportPenalty(penalty);
    expect(platform.state.penaltyPosts.filter((k) => k === 'flag-test-1')).toHaveLength(2);
    expect(platform.state.applied.get('flag-test-1')).toMatchObject({ uscc: red.uscc, kind: 'false_material' });
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the provincial credit platform's REST protocol (see http-credit-provider.ts):
 * `GET /v1/subjects/{uscc}/credit`, `POST /v1/penalties` with an `Idempotency-Key`, and for credit repair
 * `GET /v1/subjects/{uscc}/dishonesty-records` and `POST /v1/repairs` (Idempotency-Key; answers the recomputed tier). Tests switch its
 * `mode` to make it fail the ways a real platform does: 500s, answers slower than any timeout, garbage bodies.
 */
export type PlatformMode = 'ok' | 'error500' | 'slow' | 'garbage' | 'wrong-tier';

export interface PlatformSubject { tier: string; score?: number | null }

export async function startCreditPlatform(apiKey: string, subjects: Record<string, PlatformSubject> = {}) {
  const state = {
    mode: 'ok' as PlatformMode,
    slowMs: 1500,
    /** Lookups received (every attempt, including failed ones). */
    lookups: 0,
    /** Every penalty POST received, in order, by Idempotency-Key. */
    penaltyPosts: [] as string[],
    /** Penalties applied: one entry per distinct key, as a platform honouring idempotency would. */
    applied: new Map<string, Record<string, unknown>>(),
    /** Fail this many penalty POSTs with a 500 before accepting again. */
    failPenalties: 0,
    /** Refuse this many penalty POSTs for good (422 with the platform's reason), as for a deregistered subject. */
    refusePenalties: 0,
    /** Delay before answering a penalty POST (to stop a worker mid-delivery). */
    penaltyDelayMs: 0,
    /** Dishonesty records by USCC, in the platform's shape. */
    records: new Map<string, Record<string, unknown>[]>(),
    /** Record list requests received (every attempt). */
    recordLookups: 0,
    /** Fail this many record list requests with a 500 before answering. */
    failRecordLookups: 0,
    /** Every repair POST received, in order, by Idempotency-Key. */
    repairPosts: [] as string[],
    /** Repairs applied, one per distinct key. */
    repairsApplied: new Map<string, Record<string, unknown>>(),
    /** Answer this many repair POSTs with a 503 (an outage) before accepting again. */
    failRepairs: 0,
  };
  const readBody = (req: IncomingMessage) => new Promise<string>((ok) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => ok(data));
  });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (req.headers['x-api-key'] !== apiKey) return json(401, { error: 'bad api key' });

    const lookup = /^\/v1\/subjects\/([^/]+)\/credit$/.exec(url.pathname);
    if (req.method === 'GET' && lookup) {
      state.lookups++;
      const uscc = decodeURIComponent(lookup[1]!);
      if (state.mode === 'error500') return json(500, { error: 'internal' });
      if (state.mode === 'slow') await new Promise((ok) => setTimeout(ok, state.slowMs));
      if (state.mode === 'garbage') { res.setHeader('content-type', 'application/json'); return res.end('<html>维护中</html>'); }
      const subject = subjects[uscc];
      if (!subject) return json(404, { error: 'unknown subject' });
      const tier = state.mode === 'wrong-tier' ? 'Z' : subject.tier;
      return json(200, { uscc, tier, score: subject.score ?? null, evaluatedAt: new Date().toISOString() });
    }

    const recordList = /^\/v1\/subjects\/([^/]+)\/dishonesty-records$/.exec(url.pathname);
    if (req.method === 'GET' && recordList) {
      state.recordLookups++;
      if (state.failRecordLookups > 0) { state.failRecordLookups--; return json(500, { error: 'internal' }); }
      const uscc = decodeURIComponent(recordList[1]!);
      if (!subjects[uscc]) return json(404, { error: 'unknown subject' });
      return json(200, { uscc, records: state.records.get(uscc) ?? [] });
    }

    if (req.method === 'POST' && url.pathname === '/v1/repairs') {
      const key = String(req.headers['idempotency-key'] ?? '');
      const body = JSON.parse(await readBody(req)) as { uscc: string; recordIds: string[] };
      state.repairPosts.push(key);
      if (!key) return json(400, { error: 'Idempotency-Key required' });
      if (state.failRepairs > 0) { state.failRepairs--; return json(503, { error: 'maintenance' }); }
      const subject = subjects[body.uscc];
      if (!subject) return json(404, { error: { message: '未知主体' } });
      if (!state.repairsApplied.has(key)) {
        state.repairsApplied.set(key, body);
        for (const r of state.records.get(body.uscc) ?? []) if (body.recordIds.includes(String(r.id))) r.state = 'repaired';
        // the platform's own evaluation: with nothing active left the subject is back to grade B
        const active = (state.records.get(body.uscc) ?? []).filter((r) => r.state === 'active').length;
        subject.tier = active === 0 ? 'B' : 'C';
      }
      return json(200, { uscc: body.uscc, tier: subject.tier, evaluatedAt: new Date().toISOString() });
    }

    if (req.method === 'POST' && url.pathname === '/v1/penalties') {
      const key = String(req.headers['idempotency-key'] ?? '');
      const body = await readBody(req);
      state.penaltyPosts.push(key);
      if (state.penaltyDelayMs) await new Promise((ok) => setTimeout(ok, state.penaltyDelayMs));
      if (!key) return json(400, { error: 'Idempotency-Key required' });
      if (state.failPenalties > 0) { state.failPenalties--; return json(500, { error: 'internal' }); }
      if (state.refusePenalties > 0) { state.refusePenalties--; return json(422, { error: { code: 'SUBJECT_DEREGISTERED', message: '该主体已注销，不能登记失信信息' } }); }
      if (state.applied.has(key)) return json(200, { key, duplicate: true });
      state.applied.set(key, JSON.parse(body) as Record<string, unknown>);
      return json(201, { key });
    }
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    subjects,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
export type CreditPlatform = Awaited<ReturnType<typeof startCreditPlatform>>;

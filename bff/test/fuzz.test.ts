import { createHash } from 'node:crypto';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { Role, type RouteContract } from '@ycta/shared';
import { rebuildFeed } from '../src/modules/inspections/inspections.feed';
import { rebuildQueues } from '../src/modules/inspections/inspections.queues';
import { startTestApp, type TestApp } from './harness';
import { startWechatServer } from './fakes/wechat-server';

/**
 * Malformed requests against every routed contract (read from the app, so new routes are fuzzed automatically):
 * wrong types, huge strings, deep JSON, NoSQL operators, bad ids, odd Unicode, path traversal, wrong content types,
 * oversized bodies. Zero 5xx, every error in the one error shape, and the database byte-for-byte unchanged.
 */
let t: TestApp;
let wechat: Awaited<ReturnType<typeof startWechatServer>>;
const tokens = new Map<Role, string>();
const usernames: Record<Role, string> = { applicant: 'applicant-red', inspector: 'inspector1', expert: 'expert1', staff: 'staff1', admin: 'admin', dept_reviewer: 'reviewer-market' };

async function databaseFingerprint(): Promise<Record<string, string>> {
  const db = mongoose.connection.db!;
  const out: Record<string, string> = {};
  for (const { name } of await db.listCollections().toArray()) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = `${docs.length}:${createHash('sha256').update(JSON.stringify(docs)).digest('hex').slice(0, 16)}`;
  }
  return out;
}

const nasty = fc.oneof(
  fc.constant({ $gt: '' }), fc.constant({ $ne: null }), fc.constant({ $where: 'sleep(1000)' }), fc.constant({ $regex: '.*' }),
  fc.constant('../../../../etc/passwd'), fc.constant('..%2f..%2fetc%2fpasswd'), fc.constant('\u0000'), fc.constant('\uD800'),
  fc.constant('ｆｕｌｌｗｉｄｔｈ'), fc.constant('e\u0301'), fc.constant('👨‍👩‍👧‍👦'), fc.constant('\u202Egnp.exe'),
  fc.constant('ffffffffffffffffffffffff'), fc.constant('not-an-object-id'), fc.constant('0x1F'),
  fc.string({ maxLength: 50 }), fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant(1e308), fc.constant(-0),
  fc.array(fc.string(), { maxLength: 5 }),
);
const deep = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: deep(depth - 1) });
const body = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom('username', 'code', 'matterCode', 'siteAddress', 'status', 'reason', 'result', 'refreshToken', 'password', '$set', '__proto__', 'constructor'), fc.string({ maxLength: 12 })), nasty, { maxKeys: 6 }),
  fc.constant(deep(200)),
  nasty,
);
const pathValue = fc.oneof(nasty.filter((v) => typeof v === 'string' && v.length < 200), fc.constant('%00'), fc.constant('%2e%2e%2f')) as fc.Arbitrary<string>;

/** A lone surrogate cannot be URI-encoded: send its WTF-8 bytes instead, an odd input in itself. */
const enc = (v: string) => { try { return encodeURIComponent(v); } catch { return '%ED%A0%80'; } };

interface Case { route: RouteContract; role: Role | null; pathValue: string; body: unknown; contentType: string }

describe('fuzzing every route', () => {
  beforeAll(async () => {
    // sign-in by WeChat is configured against the local WeChat stand-in, so its route is fuzzed too
    wechat = await startWechatServer({}, 'wx-fuzz', 'wx-fuzz-secret');
    t = await startTestApp({ env: { WECHAT_APPID: 'wx-fuzz', WECHAT_SECRET: 'wx-fuzz-secret', WECHAT_API_BASE: wechat.url } });
    for (const role of Role.options) tokens.set(role, await t.tokenOf(usernames[role]));
  });
  afterAll(async () => {
    await t.close();
    await wechat.close();
  });

  it('when 1,200 malformed requests hit the API, then no 5xx, every error is well-formed and nothing in the database changed', async () => {
    const routes = t.routes.map((r) => r.contract);
    // the desks' derived lists are built once on a fresh database by whichever read comes first: built here, so that
    // the fingerprint compares only what the malformed requests could have written
    await rebuildFeed();
    await rebuildQueues(new Date());
    const before = await databaseFingerprint();
    const caseArb: fc.Arbitrary<Case> = fc.record({
      route: fc.constantFrom(...routes),
      role: fc.constantFrom<Role | null>(null, ...Role.options),
      pathValue,
      body,
      contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'),
    });
    const failures: string[] = [];
    let sent = 0;
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      sent++;
      const path = `/api${c.route.path.replace(/:([A-Za-z0-9_]+)/g, () => enc(c.pathValue))}`;
      const query = c.route.method === 'GET' ? `?limit=${enc(c.pathValue)}&status[$ne]=x&cursor=${enc(c.pathValue)}` : '';
      const method = c.route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      let req = t.request[method](path + query);
      if (c.role) req = req.set('authorization', `Bearer ${tokens.get(c.role)}`);
      if (method !== 'get') {
        const raw = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
        req = req.set('content-type', c.contentType).send(raw);
      }
      const res = await req;
      const shapeOk = res.status < 400 || (res.body?.error && typeof res.body.error.code === 'string'
        && /[\u4e00-\u9fa5]/.test(res.body.error.message) && typeof res.body.error.requestId === 'string');
      if (res.status >= 500 || !shapeOk) failures.push(`${c.route.method} ${path.slice(0, 80)} as ${c.role}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return true;
    }), { numRuns: 1200, seed: Number(process.env.FUZZ_SEED ?? 20261129) });

    const oversized = await t.request.post('/api/auth/dev').set('content-type', 'application/json').send(`{"username":"${'x'.repeat(2_000_000)}"}`);
    expect([oversized.status, oversized.body.error?.code]).toEqual([413, 'REQUEST.TOO_LARGE']);

    expect(sent).toBe(1200);
    expect(failures).toEqual([]);
    const after = await databaseFingerprint();
    // sign-ins of the fixture users happened before `before`; nothing after it may have written
    expect(after).toEqual(before);
  });
});

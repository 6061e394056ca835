import { SignJWT } from 'jose';
import { Role, type RouteContract } from '@ycta/shared';
import { signRoomPass, tokenKeys } from '../src/modules/auth/auth.tokens';
import { startTestApp, type TestApp } from './harness';

/**
 * Every route the router has (read from the app, so a new route is covered without editing this file) × every role ×
 * no token / tampered / expired token. Object-level checks (own vs another subject's object) live beside each module.
 */
let t: TestApp;
const tokens = new Map<Role, string>();
const usernames: Record<Role, string> = { applicant: 'applicant-red', inspector: 'inspector1', expert: 'expert1', staff: 'staff1', admin: 'admin', dept_reviewer: 'reviewer-market' };

beforeAll(async () => {
  t = await startTestApp();
  for (const role of Role.options) tokens.set(role, await t.tokenOf(usernames[role]));
});
afterAll(async () => { await t.close(); });

const unknownId = 'ffffffffffffffffffffffff';
function concretePath(path: string): string {
  return `/api${path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => (/id$/i.test(name) ? unknownId : `no-such-${name}`))}`;
}

function send(route: RouteContract, token?: string) {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const req = t.request[method](concretePath(route.path));
  if (token) void req.set('authorization', `Bearer ${token}`);
  return method === 'get' ? req : req.send({});
}

function expectErrorShape(body: unknown, code?: string) {
  expect(body).toEqual({ error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fa5]/), requestId: expect.any(String) }) });
}

const protectedRoutes = () => t.routes.map((r) => r.contract).filter((c) => c.auth !== 'public');

describe('the access matrix', () => {
  it('when no token is sent to any protected route, then 401 AUTH.REQUIRED and no data', async () => {
    expect(protectedRoutes().length).toBeGreaterThan(0);
    for (const route of protectedRoutes()) {
      const res = await send(route);
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
      expectErrorShape(res.body, 'AUTH.REQUIRED');
    }
  });

  it('when the token is tampered with or expired, then 401 with the matching code on every protected route', async () => {
    const good = tokens.get('staff')!;
    const [header, payload, signature] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'admin' })).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;
    const expired = await new SignJWT({ role: 'staff', sub_id: null, name: 'staff1' })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('0'.repeat(24)).setIssuer('ycta')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(t.config.auth.jwtSecret));
    for (const route of protectedRoutes()) {
      const a = await send(route, tampered);
      expect([`${route.method} ${route.path}`, a.status, a.body.error?.code]).toEqual([`${route.method} ${route.path}`, 401, 'AUTH.TOKEN_INVALID']);
      const b = await send(route, expired);
      expect([`${route.method} ${route.path}`, b.status, b.body.error?.code]).toEqual([`${route.method} ${route.path}`, 401, 'AUTH.TOKEN_EXPIRED']);
    }
  });

  it('when a role not listed on a route calls it, then 403 AUTH.FORBIDDEN and no data', async () => {
    for (const route of protectedRoutes()) {
      for (const role of Role.options.filter((r) => !(route.auth as readonly Role[]).includes(r))) {
        const res = await send(route, tokens.get(role));
        expect([`${role} ${route.method} ${route.path}`, res.status]).toEqual([`${role} ${route.method} ${route.path}`, 403]);
        expectErrorShape(res.body, 'AUTH.FORBIDDEN');
      }
    }
  });

  it('when a room pass (one call\'s token) is used on any route, then only the call routes of its own inspection let it through', async () => {
    const keys = tokenKeys(t.config.auth.jwtSecret, t.config.auth.accessTtlSeconds);
    const callRoutes = protectedRoutes().filter((r) => r.roomPass);
    expect(callRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['POST /inspections/:id/join', 'POST /inspections/:id/photos', 'POST /inspections/:id/token']);
    for (const role of Role.options) {
      const holder = { id: '0'.repeat(24), role, subjectId: null, username: usernames[role] };
      const inAnHour = new Date(Date.now() + 3_600_000);
      const elsewhere = (await signRoomPass(keys, holder, 'aaaaaaaaaaaaaaaaaaaaaaaa', inAnHour)).token;
      const here = (await signRoomPass(keys, holder, unknownId, inAnHour)).token;
      for (const route of protectedRoutes()) {
        const res = await send(route, elsewhere);
        expect([`${role} ${route.method} ${route.path}`, res.status]).toEqual([`${role} ${route.method} ${route.path}`, 403]);
        expectErrorShape(res.body, 'AUTH.FORBIDDEN');
        if (!route.roomPass || !(route.auth as readonly Role[]).includes(role)) continue;
        // its own inspection's call routes take it: past the token check to the object check (no such inspection)
        const own = await send(route, here);
        expect([`${role} ${route.method} ${route.path}`, own.status, own.body.error?.code]).toEqual([`${role} ${route.method} ${route.path}`, 404, 'INSPECTION.NOT_FOUND']);
      }
    }
  });

  it('when an allowed role names an object that does not exist, then an error reply (never 2xx data, never 5xx)', async () => {
    for (const route of protectedRoutes().filter((r) => /:[A-Za-z]/.test(r.path))) {
      for (const role of route.auth as readonly Role[]) {
        const res = await send(route, tokens.get(role));
        const where = `${role} ${route.method} ${route.path} → ${res.status}`;
        expect([where, res.status >= 400 && res.status < 500]).toEqual([where, true]);
        expectErrorShape(res.body);
      }
    }
  });

  it('when any route answers, then it carries the security headers and a request id', async () => {
    for (const path of ['/api/health', '/api/openapi.json', '/api/me', '/api/no-such-route']) {
      const res = await t.request.get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
    }
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './harness';
import { auth, bookedInspection } from './inspections/fixture';

/** Limits that cannot be sidestepped, and requests an attacker shapes by hand. */
let t: TestApp;
const staticDir = mkdtempSync(join(tmpdir(), 'ycta-static-'));
const inlineScript = 'document.documentElement.style.fontSize = "20px";';
writeFileSync(join(staticDir, 'index.html'), `<!doctype html><title>h5</title><script>${inlineScript}</script><script defer src="/js/app.js"></script>`);

beforeAll(async () => {
  t = await startTestApp({
    env: { RATE_LIMIT_AUTH_PER_MINUTE: '5', CORS_ORIGINS: 'https://desk.example.gov.cn', TRUSTED_PROXIES: '127.0.0.1', STATIC_DIR: staticDir },
  });
});
afterAll(() => t.close());

describe('rate limits', () => {
  it('when the path is written in other letter cases, then it draws on the same limit as the route it matches', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    for (const path of ['/api/auth/refresh', '/API/AUTH/REFRESH', '/Api/Auth/Refresh', '/api/AUTH/refresh', '/api/auth/REFRESH', '/API/auth/Refresh', '/Api/Auth/Dev']) {
      statuses.push((await t.request.post(path).set(from).send({ refreshToken: 'x'.repeat(43) })).status);
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const dev = await t.request.post('/Api/Auth/Dev').set(from).send({ username: 'staff1' });
    expect([dev.status, dev.body.error?.code]).toEqual([429, 'REQUEST.RATE_LIMITED']);
  });

  it('when requests come through the trusted proxy, then each client behind it has its own bucket, whatever it forges on the left', async () => {
    const limited = { 'x-forwarded-for': '203.0.113.7' };
    expect((await t.request.post('/api/auth/dev').set(limited).send({ username: 'staff1' })).status).toBe(429);
    // a client cannot pick a fresh bucket by prepending an address: the proxy appends the real one
    expect((await t.request.post('/api/auth/dev').set({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }).send({ username: 'staff1' })).status).toBe(429);
    expect((await t.request.post('/api/auth/dev').set({ 'x-forwarded-for': '198.51.100.2' }).send({ username: 'staff1' })).status).toBe(200);
  });
});

describe('CORS and caching', () => {
  it('when a foreign origin calls the tus recording upload, then it gets no CORS grant; the configured origin does', async () => {
    const { inspectionId } = await bookedInspection(t);
    const inspector = auth(await t.tokenOf('inspector1'));
    const created = await t.request.post(`/api/inspections/${inspectionId}/recordings`).set(inspector).set('origin', 'https://evil.example')
      .set('tus-resumable', '1.0.0').set('upload-length', '1024');
    expect(created.status).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBeUndefined();
    const upload = new URL(created.headers.location!, t.baseUrl).pathname;
    for (const origin of ['https://evil.example', 'null']) {
      const preflight = await t.request.options(upload).set('origin', origin).set('access-control-request-method', 'PATCH');
      expect([origin, preflight.headers['access-control-allow-origin']]).toEqual([origin, undefined]);
      const head = await t.request.head(upload).set(inspector).set('origin', origin).set('tus-resumable', '1.0.0');
      expect([origin, head.status, head.headers['access-control-allow-origin']]).toEqual([origin, 200, undefined]);
    }
    const allowed = await t.request.head(upload).set(inspector).set('origin', 'https://desk.example.gov.cn').set('tus-resumable', '1.0.0');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example.gov.cn');
  });

  it('when a signed-in user reads JSON, then the answer says no-store; a public answer does not', async () => {
    const me = await t.request.get('/api/me').set(auth(await t.tokenOf('applicant-red')));
    expect([me.status, me.headers['cache-control']]).toEqual([200, 'no-store']);
    const refused = await t.request.get('/api/me').set(auth('not-a-token'));
    expect([refused.status, refused.headers['cache-control']]).toEqual([401, 'no-store']);
    expect((await t.request.get('/api/health')).headers['cache-control']).toBeUndefined();
  });
});

describe('Content-Security-Policy', () => {
  it('when the H5 app is served, then its policy allows scripts from here and the build\'s one inline script only, and no framing', async () => {
    const page = await t.request.get('/packages/inspection/room/index').set('host', 'ycta.example.gov.cn');
    const policy = String(page.headers['content-security-policy']);
    const hash = createHash('sha256').update(inlineScript).digest('base64');
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(policy).toContain("media-src 'self' blob:");
    expect(policy).toContain("connect-src 'self' blob: ws://ycta.example.gov.cn wss://ycta.example.gov.cn");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});

describe('malformed requests', () => {
  it('when a request is malformed (NUL in the query, a body that is not the gzip it claims, bad percent-escapes), then it is refused 4xx with a code', async () => {
    const staff = auth(await t.tokenOf('staff1'));
    const requests: [string, () => ReturnType<typeof t.request.get>][] = [
      ['NUL in the query', () => t.request.get('/api/inspections?q=%00').set(staff)],
      ['NUL inside a query value', () => t.request.get('/api/inspections?q=a%00b').set(staff)],
      ['broken escape in the query', () => t.request.get('/api/inspections?q=%E0%A4%A').set(staff)],
      ['JSON labelled gzip', () => t.request.post('/api/auth/dev').set('content-type', 'application/json').set('content-encoding', 'gzip').send('{"username":"staff1"}')],
      ['unknown encodings', () => t.request.post('/api/auth/dev').set('content-type', 'application/json').set('content-encoding', 'br, zstd').send('{"username":"staff1"}')],
      ['broken escape in a static path', () => t.request.get('/%E0%A4%A')],
      ['broken escape in an asset path', () => t.request.get('/static/%E0%A4%A.js')],
      ['escape that is not UTF-8', () => t.request.get('/%C0%AF').set(staff)],
      ['broken escape in an API path', () => t.request.get('/api/inspections/%E0%A4%A').set(staff)],
    ];
    for (const [what, send] of requests) {
      const res = await send();
      expect([what, res.status >= 400 && res.status < 500, typeof res.body.error?.code]).toEqual([what, true, 'string']);
    }
  });
});

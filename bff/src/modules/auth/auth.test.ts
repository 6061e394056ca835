import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/harness';
import { startWechatServer } from '../../../test/fakes/wechat-server';
import { demoPassword } from '../../seed';
import { RefreshRotationModel, RefreshTokenModel } from './auth.model';

describe('sign-in', () => {
  let wechat: Awaited<ReturnType<typeof startWechatServer>>;
  let t: TestApp;

  beforeAll(async () => {
    wechat = await startWechatServer({ 'code-1': 'openid-alice', 'code-2': 'openid-alice' }, 'wx-test-app', 'wx-test-secret');
    t = await startTestApp({ env: { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: wechat.url } });
  });
  afterAll(async () => {
    await t.close();
    await wechat.close();
  });

  it('when a mini-program code is exchanged, then the same openid signs in as the same applicant every time', async () => {
    const first = await t.request.post('/api/auth/wechat').send({ code: 'code-1' });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ role: 'applicant', subjectId: null });
    const second = await t.request.post('/api/auth/wechat').send({ code: 'code-2' });
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(wechat.calls[0]?.get('grant_type')).toBe('authorization_code');
  });

  it('when WeChat says the code is used or invalid, then 401 AUTH.WECHAT_CODE_INVALID in Chinese', async () => {
    const reused = await t.request.post('/api/auth/wechat').send({ code: 'code-1' });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toMatchObject({ code: 'AUTH.WECHAT_CODE_INVALID', requestId: expect.any(String) });
    expect(reused.body.error.message).toMatch(/微信/);
    const unknown = await t.request.post('/api/auth/wechat').send({ code: 'never-issued' });
    expect(unknown.body.error.code).toBe('AUTH.WECHAT_CODE_INVALID');
  });

  it('when WeChat rate-limits, then 502 AUTH.WECHAT_FAILED, not a sign-in', async () => {
    const res = await t.request.post('/api/auth/wechat').send({ code: 'rate-limited' });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('AUTH.WECHAT_FAILED');
    expect(res.body.accessToken).toBeUndefined();
  });

  it('when a staff member gives the right password, then a session; a wrong one, then 401 without saying which part was wrong', async () => {
    const ok = await t.request.post('/api/auth/password').send({ username: 'staff1', password: demoPassword });
    expect(ok.status).toBe(200);
    expect(ok.body.user.role).toBe('staff');
    const wrong = await t.request.post('/api/auth/password').send({ username: 'staff1', password: 'nope' });
    const nobody = await t.request.post('/api/auth/password').send({ username: 'no-such-user', password: 'nope' });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(wrong.body.error.code).toBe('AUTH.BAD_CREDENTIALS');
    expect(nobody.body.error.message).toBe(wrong.body.error.message);
  });

  it('when a password is wrong five times, then the fourth warns, and the account is locked even for the right password until a stated time', async () => {
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await t.request.post('/api/auth/password').send({ username: 'inspector2', password: `bad-${i}` }));
    expect(tries.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(tries[2]!.body.error.message).toBe('用户名或密码错误');
    expect(tries[3]!.body.error.message).toBe('用户名或密码错误。再错 1 次，账号将锁定 15 分钟');
    expect(tries[3]!.body.error.details).toEqual({ attemptsLeft: 1 });
    const fifth = await t.request.post('/api/auth/password').send({ username: 'inspector2', password: 'bad-5' });
    expect(fifth.status).toBe(423);
    const right = await t.request.post('/api/auth/password').send({ username: 'inspector2', password: demoPassword });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('AUTH.LOCKED');
    const unlocksAt = Date.parse(right.body.error.details.unlocksAt);
    expect(unlocksAt - Date.now()).toBeGreaterThan(14 * 60_000);
    const clock = new Date(unlocksAt + 8 * 3_600_000).toISOString().slice(11, 16);
    expect(right.body.error.message).toMatch(new RegExp(`将于 ${clock}（约 1[45] 分钟后）自动解锁`));
  });

  it('when a username that does not exist is tried, then the answers are the same as for a real one: the warning on the fourth try, the lock on the fifth', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await t.request.post('/api/auth/password').send({ username: 'nobody-here', password: `bad-${i}` }));
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 423]);
    expect(answers[3]!.body.error.message).toBe('用户名或密码错误。再错 1 次，账号将锁定 15 分钟');
    expect(answers[4]!.body.error.code).toBe('AUTH.LOCKED');
  });

  it('when a refresh token is used, then it rotates; reusing the old one revokes the whole family', async () => {
    const login = await t.request.post('/api/auth/dev').send({ username: 'applicant-red' });
    const rotated = await t.request.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(login.body.refreshToken);
    const reuse = await t.request.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(reuse.status).toBe(401);
    const afterTheft = await t.request.post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
    expect(afterTheft.status).toBe(401);
  });

  it('when one refresh token is presented five times at once, then exactly one rotation succeeds', async () => {
    const login = await t.request.post('/api/auth/dev').send({ username: 'applicant-orange' });
    const results = await Promise.all(Array.from({ length: 5 }, () => t.request.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('when sessions are pruned, then rotated tokens go after a day and expired ones at expiry, and the live session keeps working until then', async () => {
    const login = await t.request.post('/api/auth/dev').send({ username: 'applicant-orange' });
    const rotated = await t.request.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(rotated.status).toBe(200);
    const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
    expect(await RefreshTokenModel.exists({ _id: hashOf(login.body.refreshToken) })).toBeTruthy();

    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const pruned = await t.services.auth.pruneSessions(inTwoDays);
    expect(pruned.tokens).toBeGreaterThanOrEqual(1);
    expect(await RefreshTokenModel.exists({ _id: hashOf(login.body.refreshToken) })).toBeNull();
    expect(await RefreshTokenModel.exists({ _id: hashOf(rotated.body.refreshToken) })).toBeTruthy();
    // the pruned token is simply unknown now: refused, and the live family is untouched
    expect((await t.request.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken })).status).toBe(401);
    const again = await t.request.post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
    expect(again.status).toBe(200);

    const pastExpiry = new Date(Date.now() + (t.config.auth.refreshTtlDays + 1) * 86_400_000);
    await t.services.auth.pruneSessions(pastExpiry);
    expect(await RefreshTokenModel.exists({ _id: hashOf(again.body.refreshToken) })).toBeNull();
    expect(await RefreshRotationModel.exists({ _id: hashOf(rotated.body.refreshToken) })).toBeNull();
  });

  it('when signed out, then the refresh token no longer works', async () => {
    const login = await t.request.post('/api/auth/dev').send({ username: 'applicant-blue' });
    expect((await t.request.post('/api/auth/logout').send({ refreshToken: login.body.refreshToken })).status).toBe(204);
    expect((await t.request.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken })).status).toBe(401);
  });

  it('when /me is called without, with a tampered, or with a valid token, then 401, 401 and the user', async () => {
    expect((await t.request.get('/api/me')).body.error.code).toBe('AUTH.REQUIRED');
    const token = await t.tokenOf('expert1');
    const tampered = `${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
    expect((await t.request.get('/api/me').set('authorization', `Bearer ${tampered}`)).body.error.code).toBe('AUTH.TOKEN_INVALID');
    const me = await t.request.get('/api/me').set('authorization', `Bearer ${token}`);
    expect(me.body).toMatchObject({ username: 'expert1', role: 'expert', displayName: '王专家' });
  });
});

describe('dev sign-in', () => {
  it('when DEV_LOGIN is on but NODE_ENV is production, then it is refused; unconfigured WeChat says so', async () => {
    const t = await startTestApp({ env: { NODE_ENV: 'production', DEV_LOGIN: 'true' } });
    try {
      const res = await t.request.post('/api/auth/dev').send({ username: 'staff1' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.DEV_LOGIN_DISABLED');
      const wechat = await t.request.post('/api/auth/wechat').send({ code: 'any' });
      expect([wechat.status, wechat.body.error.code]).toEqual([503, 'AUTH.WECHAT_NOT_CONFIGURED']);
    } finally {
      await t.close();
    }
  });
});

describe('sign-in rate limit', () => {
  it('when one address signs in more often than allowed per minute, then 429 with Retry-After in Chinese', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.request.post('/api/auth/password').send({ username: 'staff1', password: 'x' })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await t.request.post('/api/auth/dev').send({ username: 'staff1' });
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(limited.body.error).toMatchObject({ code: 'REQUEST.RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    } finally {
      await t.close();
    }
  });
});

import { applicantSession } from '../../test/fixtures';
import { errorReply, startLocalBff } from '../../test/local-bff';
import { nodeTransport } from '../../test/node-transport';
import { ApiError } from './api-error';
import { buildPath, createApiClient } from './client';
import { routes } from './routes';
import { memorySessionStore } from './session-store';

let bff: Awaited<ReturnType<typeof startLocalBff>>;
beforeEach(async () => { bff = await startLocalBff(); });
afterEach(() => bff.close());

const clientFor = (session = applicantSession) =>
  createApiClient({ baseUrl: bff.baseUrl, transport: nodeTransport, sessions: memorySessionStore(session) });

describe('the API client', () => {
  it('when path parameters hold unsafe characters, then they are encoded', () => {
    expect(buildPath('/applications/:id', { id: 'a/b?c' })).toBe('/applications/a%2Fb%3Fc');
    expect(() => buildPath('/applications/:id', {})).toThrow('missing path parameter id');
  });

  it('when several calls meet an expired token at once, then one refresh serves them all', async () => {
    bff.on('GET', '/me', (req) => req.headers.authorization === 'Bearer access-2'
      ? { status: 200, body: applicantSession.user }
      : errorReply(401, 'AUTH.TOKEN_EXPIRED', '登录已过期，请重新登录'));
    bff.on('POST', '/auth/refresh', { status: 200, body: { ...applicantSession, accessToken: 'access-2' } });
    const api = clientFor();
    const users = await Promise.all([api.call(routes.me), api.call(routes.me), api.call(routes.me)]);
    expect(users.map((u) => u.username)).toEqual(['applicant-red', 'applicant-red', 'applicant-red']);
    expect(bff.seen.filter((r) => r.path === '/auth/refresh')).toHaveLength(1);
  });

  it('when a proxy answers with an HTML 502, then the error is a readable Chinese one', async () => {
    bff.on('GET', '/me', { status: 502, body: '<html>Bad Gateway</html>' });
    const error = await clientFor().call(routes.me).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'INTERNAL', status: 502, message: '服务器内部错误，请稍后重试' });
  });

  it('when the BFF cannot be reached, then the error says to check the network', async () => {
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:9/api', transport: nodeTransport, sessions: memorySessionStore(applicantSession) });
    await expect(api.call(routes.me)).rejects.toMatchObject({ code: 'NETWORK.UNREACHABLE', message: '网络连接失败，请检查网络后重试' });
  });

  it('when the BFF answers an error, then its code, message and request id are kept', async () => {
    bff.on('GET', '/applications/:id', errorReply(404, 'APPLICATION.NOT_FOUND', '申请不存在'));
    await expect(clientFor().call(routes.getApplication, { params: { id: '65a000000000000000000009' } }))
      .rejects.toMatchObject({ code: 'APPLICATION.NOT_FOUND', message: '申请不存在', status: 404, requestId: 'test-req' });
  });

  it('when signed out, then no Authorization header is sent', async () => {
    bff.on('POST', '/auth/dev', { status: 200, body: applicantSession });
    const api = createApiClient({ baseUrl: bff.baseUrl, transport: nodeTransport, sessions: memorySessionStore(null) });
    await api.call(routes.devLogin, { body: { username: 'applicant-red' } });
    expect(bff.seen[0]?.headers.authorization).toBeUndefined();
    expect(bff.seen[0]?.headers['content-type']).toBe('application/json');
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { applicantSession, startAppAgainstLocalBff } from '../../../test/app-under-test';
import { applicationSummary } from '../../../test/fixtures';
import { deferred, errorReply } from '../../../test/local-bff';
import { platform, typeInto } from '../../../test/taro-platform';
import { HomeView } from './home.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

describe('my applications', () => {
  it('when the list is on its way, then it says it is loading, then shows each application with its status', async () => {
    app = await startAppAgainstLocalBff();
    const gate = deferred();
    app.bff.on('GET', '/applications', { status: 200, body: { items: [applicationSummary], nextCursor: null }, hold: gate.promise });
    render(<HomeView />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    gate.release();
    expect(await screen.findByText('互联网上网服务营业场所设立')).toBeTruthy();
    expect(screen.getByText('已预约踏勘')).toBeTruthy();
    expect(screen.getByText('提交于 2026-11-20')).toBeTruthy();
    expect(screen.getByText('海口市美兰区海甸五西路 28 号')).toBeTruthy();
    expect(app.bff.seen[0]?.headers.authorization).toBe('Bearer access-1');
  });

  it('when there are none, then it says so and offers to create one', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/applications', { status: 200, body: { items: [], nextCursor: null } });
    render(<HomeView />);
    expect(await screen.findByText('您还没有申请。点击“新建申请”开始办理。')).toBeTruthy();
    fireEvent.click(screen.getByText('新建申请'));
    expect(platform.navigations).toEqual(['/packages/application/create/index']);
  });

  it('when the BFF fails, then its Chinese message shows, and retry loads the list', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/applications', errorReply(503, 'DB.UNAVAILABLE', '数据库暂时不可用，请稍后重试'));
    render(<HomeView />);
    expect(await screen.findByText('数据库暂时不可用，请稍后重试')).toBeTruthy();
    app.bff.on('GET', '/applications', { status: 200, body: { items: [applicationSummary], nextCursor: null } });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('互联网上网服务营业场所设立')).toBeTruthy();
  });

  it('when an application is tapped, then its detail page opens', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/applications', { status: 200, body: { items: [applicationSummary], nextCursor: null } });
    render(<HomeView />);
    fireEvent.click(await screen.findByText('互联网上网服务营业场所设立'));
    expect(platform.navigations).toEqual([`/packages/application/detail/index?id=${applicationSummary.id}`]);
  });

  it('when the access token has expired, then the client refreshes once and the list still loads', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/applications', (req) => req.headers.authorization === 'Bearer access-2'
      ? { status: 200, body: { items: [applicationSummary], nextCursor: null } }
      : errorReply(401, 'AUTH.TOKEN_EXPIRED', '登录已过期，请重新登录'));
    app.bff.on('POST', '/auth/refresh', { status: 200, body: { ...applicantSession, accessToken: 'access-2', refreshToken: 'refresh-token-2' } });
    render(<HomeView />);
    expect(await screen.findByText('互联网上网服务营业场所设立')).toBeTruthy();
    expect(app.bff.seen.filter((r) => r.path === '/auth/refresh')).toHaveLength(1);
    expect(app.client.sessions.load()?.refreshToken).toBe('refresh-token-2');
  });
});

describe('paging', () => {
  it('when there are more applications, then "加载更多" appends the next page and disappears at the end', async () => {
    app = await startAppAgainstLocalBff();
    const second = { ...applicationSummary, id: '65a000000000000000000002', matterName: '托育机构备案' };
    app.bff.on('GET', '/applications', (req) => req.path.includes('cursor=c1')
      ? { status: 200, body: { items: [second], nextCursor: null } }
      : { status: 200, body: { items: [applicationSummary], nextCursor: 'c1' } });
    render(<HomeView />);
    fireEvent.click(await screen.findByText('加载更多'));
    expect(await screen.findByText('托育机构备案')).toBeTruthy();
    expect(screen.getByText('互联网上网服务营业场所设立')).toBeTruthy();
    expect(screen.queryByText('加载更多')).toBeNull();
    // the home page also asks for the 预选址 requests; the applications list is paged once per 加载更多
    expect(app.bff.seen.map((r) => r.path).filter((p) => p.startsWith('/applications'))).toEqual(['/applications?limit=20', '/applications?limit=20&cursor=c1']);
  });
});

describe('paging when a page fails', () => {
  it('when the next page cannot load, then its message shows, what was loaded stays, and "加载更多" tries again', async () => {
    app = await startAppAgainstLocalBff();
    const second = { ...applicationSummary, id: '65a000000000000000000002', matterName: '托育机构备案' };
    let failNext = true;
    app.bff.on('GET', '/applications', (req) => {
      if (!req.path.includes('cursor=c1')) return { status: 200, body: { items: [applicationSummary], nextCursor: 'c1' } };
      if (failNext) { failNext = false; return errorReply(503, 'DB.UNAVAILABLE', '数据库暂时不可用，请稍后重试'); }
      return { status: 200, body: { items: [second], nextCursor: null } };
    });
    render(<HomeView />);
    fireEvent.click(await screen.findByText('加载更多'));
    expect(await screen.findByText('数据库暂时不可用，请稍后重试')).toBeTruthy();
    expect(screen.getByText('互联网上网服务营业场所设立')).toBeTruthy();
    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('托育机构备案')).toBeTruthy();
    expect(screen.queryByText('数据库暂时不可用，请稍后重试')).toBeNull();
  });
});

describe('sign-in', () => {
  it('when not signed in on h5, then a demo applicant is picked and their applications show', async () => {
    app = await startAppAgainstLocalBff({ signedIn: false });
    app.bff.on('POST', '/auth/dev', (req) => JSON.parse(req.body).username === 'applicant-blue'
      ? { status: 200, body: applicantSession }
      : errorReply(401, 'AUTH.USER_NOT_FOUND', '用户不存在'));
    app.bff.on('GET', '/applications', { status: 200, body: { items: [applicationSummary], nextCursor: null } });
    render(<HomeView />);
    fireEvent.click(screen.getByText('蓝码经营主体（需人工审核）'));
    expect(await screen.findByText('互联网上网服务营业场所设立')).toBeTruthy();
  });

  it('when a staff member signs in with username and password, then a wrong password says so and the right one signs them in', async () => {
    app = await startAppAgainstLocalBff({ signedIn: false });
    const staffSession = { ...applicantSession, user: { id: 'u9', username: 'staff1', displayName: '王审核', role: 'staff' as const, subjectId: null } };
    app.bff.on('POST', '/auth/password', (req) => {
      const body = JSON.parse(req.body) as { username: string; password: string };
      return body.username === 'staff1' && body.password === 'correct horse'
        ? { status: 200, body: staffSession }
        : errorReply(401, 'AUTH.BAD_CREDENTIALS', '账号或密码错误');
    });
    const { container } = render(<HomeView />);
    fireEvent.click(screen.getByText('登录'));
    expect([screen.getByText('请输入账号').textContent, screen.getByText('请输入密码').textContent]).toEqual(['请输入账号', '请输入密码']);
    expect(app.bff.seen).toHaveLength(0);
    const [username, password] = [...container.querySelectorAll('taro-input-core')];
    typeInto(username!, ' staff1 ');
    typeInto(password!, 'wrong');
    fireEvent.click(screen.getByText('登录'));
    expect(await screen.findByText('账号或密码错误')).toBeTruthy();
    typeInto(password!, 'correct horse');
    fireEvent.click(screen.getByText('登录'));
    await waitFor(() => expect(screen.queryByText('工作人员登录（踏勘人员、专家、审核人员）')).toBeNull(), { timeout: 30_000 });
    expect(app.client.sessions.load()?.user).toMatchObject({ username: 'staff1', role: 'staff' });
  });

  it('when the BFF has the dev sign-in switched off, then its message shows', async () => {
    app = await startAppAgainstLocalBff({ signedIn: false });
    app.bff.on('POST', '/auth/dev', errorReply(403, 'AUTH.DEV_LOGIN_DISABLED', '开发登录未启用'));
    render(<HomeView />);
    fireEvent.click(screen.getByText('红码经营主体（信用好）'));
    expect(await screen.findByText('开发登录未启用')).toBeTruthy();
  });

  it('when the refresh token is refused, then the sign-in shows again', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/applications', errorReply(401, 'AUTH.TOKEN_EXPIRED', '登录已过期，请重新登录'));
    app.bff.on('POST', '/auth/refresh', errorReply(401, 'AUTH.TOKEN_INVALID', '登录已失效，请重新登录'));
    render(<HomeView />);
    expect(await screen.findByText('演示登录：请选择一个演示账号')).toBeTruthy();
    expect(app.client.sessions.load()).toBeNull();
  });
});

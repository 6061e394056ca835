import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { applicantSession, startAppAgainstLocalBff } from '../../../test/app-under-test';
import { errorReply } from '../../../test/local-bff';
import { platform } from '../../../test/taro-platform';
import { api } from '../../api';
import { routes } from '../../api/routes';
import { DeskShell } from './desk-shell';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
beforeEach(() => platform.reset());

const staffSession = { ...applicantSession, user: { id: 'u9', username: 'staff1', displayName: '王审核', role: 'staff' as const, subjectId: null } };

describe('the desk shell', () => {
  it('when a staff member opens a desk, then the header names the office, the person and role, and the navigation lists their desks', async () => {
    app = await startAppAgainstLocalBff();
    app.client.sessions.save(staffSession);
    render(<DeskShell title='踏勘审阅' active='reviews'><Text>内容</Text></DeskShell>);
    expect(screen.getByText('王审核（审核人员）')).toBeTruthy();
    expect(screen.getByText('行政审批服务局 · 远程踏勘')).toBeTruthy();
    expect(screen.getByText('内容')).toBeTruthy();
    expect(screen.getByText('踏勘审阅', { selector: '[aria-current="page"]' })).toBeTruthy();
    expect(screen.queryByText('踏勘任务')).toBeNull();
    fireEvent.click(screen.getByText('办件统计'));
    expect(platform.navigations).toEqual(['redirect:/packages/staff/figures/index']);
  });

  it('when an expert opens a desk, then the navigation leads to 我的邀请, not to the inspectors\' queue', async () => {
    app = await startAppAgainstLocalBff();
    app.client.sessions.save({ ...staffSession, user: { ...staffSession.user, username: 'expert1', displayName: '王专家', role: 'expert' as const } });
    render(<DeskShell title='我的邀请' active='invitations'><Text>内容</Text></DeskShell>);
    expect(screen.getByText('我的邀请', { selector: '[aria-current="page"]' })).toBeTruthy();
    expect(screen.queryByText('踏勘任务')).toBeNull();
    expect(screen.getByText('退出登录')).toBeTruthy();
  });

  it('when there is no session, then it goes to sign-in, which will come back here', async () => {
    app = await startAppAgainstLocalBff({ signedIn: false });
    render(<DeskShell title='踏勘审阅' active='reviews'><Text>内容</Text></DeskShell>);
    expect(screen.queryByText('内容')).toBeNull();
    expect(platform.navigations).toHaveLength(1);
    expect(platform.navigations[0]).toMatch(/^redirect:\/pages\/index\/index\?returnTo=/);
  });

  it('when the session ends during work (refresh refused), then it goes to sign-in', async () => {
    app = await startAppAgainstLocalBff();
    app.client.sessions.save(staffSession);
    app.bff.on('GET', '/me', errorReply(401, 'AUTH.TOKEN_INVALID', '登录已失效，请重新登录'));
    render(<DeskShell title='踏勘审阅' active='reviews'><Text>内容</Text></DeskShell>);
    await api.call(routes.me).catch(() => undefined);
    await waitFor(() => expect(platform.navigations.some((n) => n.startsWith('redirect:/pages/index/index?returnTo='))).toBe(true));
  });

  it('when 退出登录 is pressed, then the refresh token is revoked on the server and the session is gone', async () => {
    app = await startAppAgainstLocalBff();
    app.client.sessions.save(staffSession);
    app.bff.on('POST', '/auth/logout', { status: 204, body: null });
    render(<DeskShell title='踏勘审阅' active='reviews' back='/packages/staff/reviews/index'><Text>内容</Text></DeskShell>);
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(platform.navigations).toContain('redirect:/pages/index/index'));
    expect(JSON.parse(app.bff.seen.find((r) => r.path === '/auth/logout')!.body)).toEqual({ refreshToken: staffSession.refreshToken });
    expect(app.client.sessions.load()).toBeNull();
  });
});

import { applicantSession, applicationSummary, remoteRequestResult } from '../fixtures';
import { startLocalBff } from '../local-bff';
import { eventually, launchWeapp, openWeappPage, waitForText, wxPlatform } from './weapp-harness';

let bff: Awaited<ReturnType<typeof startLocalBff>>;
beforeAll(async () => {
  bff = await startLocalBff();
  wxPlatform.apiOrigin = bff.baseUrl.replace(/\/api$/, '');
  launchWeapp();
});
afterAll(() => bff.close());

describe('the weapp build: my applications', () => {
  it('when signed in, then the list renders the fetched applications, and tapping one navigates to its detail', async () => {
    wxPlatform.storage.set('ycta.session', applicantSession);
    bff.on('GET', '/applications', { status: 200, body: { items: [applicationSummary], nextCursor: null } });
    const page = openWeappPage('pages/index/index');
    await waitForText(page, '互联网上网服务营业场所设立');
    expect(page.text()).toContain('已预约踏勘');
    expect(page.text()).toContain('海口市美兰区海甸五西路 28 号');
    expect(bff.seen.find((r) => r.path.startsWith('/applications'))?.headers.authorization).toBe('Bearer access-1');

    page.tap('applications__item');
    await eventually(() => expect(wxPlatform.navigations).toEqual([`/packages/application/detail/index?id=${applicationSummary.id}`]));
  });
});

describe('the weapp build: WeChat sign-in', () => {
  it('when not signed in, then 微信一键登录 sends the wx.login code to the BFF and the list follows', async () => {
    wxPlatform.storage.clear();
    bff.on('POST', '/auth/wechat', (req) => JSON.parse(req.body).code === 'wx-login-code-1'
      ? { status: 200, body: applicantSession }
      : { status: 401, body: { error: { code: 'AUTH.WECHAT_CODE_INVALID', message: '微信登录凭证无效', requestId: 't' } } });
    bff.on('GET', '/applications', { status: 200, body: { items: [applicationSummary], nextCursor: null } });
    const page = openWeappPage('pages/index/index');
    await waitForText(page, '微信一键登录');
    page.tap('btn--primary');
    await waitForText(page, '互联网上网服务营业场所设立');
    expect(wxPlatform.storage.get('ycta.session')).toMatchObject({ accessToken: 'access-1' });
  });
});

describe('the weapp build: the credit result in plain words', () => {
  const id = applicationSummary.id;
  const tiers = [
    ['red', 'remote_approved', '信用红色等级：可以远程视频踏勘', '容缺受理：次要材料可以后补'],
    ['orange', 'remote_approved', '信用橙色等级：可以远程视频踏勘', '优先预约踏勘时间'],
    ['blue', 'awaiting_credit_approval', '信用蓝色等级：远程踏勘需工作人员审核', '下一步：等待审核结果'],
    ['black', 'onsite_required', '信用黑色等级：不能远程踏勘，改为现场踏勘', '信用修复：纠正失信行为'],
  ] as const;

  it.each(tiers)('when the tier is %s, then the page says so in plain words', async (tier, outcome, headline, detail) => {
    wxPlatform.storage.set('ycta.session', applicantSession);
    const message = tier === 'black' ? '不能使用远程踏勘。信用修复：纠正失信行为后可申请修复。' : '依据信用评价结果作出。';
    bff.on('POST', `/applications/${id}/remote-requests`, { status: 200, body: remoteRequestResult(outcome, tier, message) });
    const page = openWeappPage('packages/application/remote-request/index', { id });
    await waitForText(page, '查询信用并申请');
    page.tap('btn--primary');
    await waitForText(page, headline);
    expect(page.text()).toContain(detail);
  });
});

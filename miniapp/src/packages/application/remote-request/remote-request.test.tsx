import { fireEvent, render, screen } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { remoteRequestResult } from '../../../../test/fixtures';
import { errorReply, type Reply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { RemoteRequestView } from './remote-request.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const id = '65a000000000000000000001';

async function ask(reply: Reply) {
  app = await startAppAgainstLocalBff();
  app.bff.on('POST', `/applications/${id}/remote-requests`, reply);
  render(<RemoteRequestView applicationId={id} />);
  fireEvent.click(screen.getByText('查询信用并申请'));
}

describe('remote inspection request: the credit result in plain words', () => {
  it('when red, then remote is allowed and every privilege is named', async () => {
    await ask({ status: 200, body: remoteRequestResult('remote_approved', 'red', '您的信用等级为红色等级，可以申请远程踏勘。') });
    expect(await screen.findByText('信用红色等级：可以远程视频踏勘')).toBeTruthy();
    expect(screen.getByText('您的信用等级为红色等级，可以申请远程踏勘。')).toBeTruthy();
    expect(screen.getByText('· 容缺受理：次要材料可以后补')).toBeTruthy();
    expect(screen.getByText('· 告知承诺：部分证明可用书面承诺代替')).toBeTruthy();
    expect(screen.getByText('下一步：按踏勘要点拍照上传，等待预约视频踏勘时间。办理时限 14 个工作日。')).toBeTruthy();
    fireEvent.click(screen.getByText('返回申请详情'));
    expect(platform.navigations).toEqual(['back']);
  });

  it('when orange, then remote is allowed with priority booking only', async () => {
    await ask({ status: 200, body: remoteRequestResult('remote_approved', 'orange', '您的信用等级为橙色等级，可以申请远程踏勘。') });
    expect(await screen.findByText('信用橙色等级：可以远程视频踏勘')).toBeTruthy();
    expect(screen.getByText('· 优先预约踏勘时间')).toBeTruthy();
    expect(screen.queryByText('· 容缺受理：次要材料可以后补')).toBeNull();
  });

  it('when blue, then it waits for staff approval', async () => {
    await ask({ status: 200, body: remoteRequestResult('awaiting_credit_approval', 'blue', '您的信用等级为蓝色等级，远程踏勘需经窗口工作人员审核同意，请耐心等待审核结果。') });
    expect(await screen.findByText('信用蓝色等级：远程踏勘需工作人员审核')).toBeTruthy();
    expect(screen.getByText('下一步：等待审核结果，结果会显示在申请详情里，无需重复申请。')).toBeTruthy();
    expect(screen.queryByText('您享有的便利')).toBeNull();
  });

  it('when black, then remote is refused, with the on-site route and how to repair credit', async () => {
    await ask({ status: 200, body: remoteRequestResult('onsite_required', 'black', '您的信用等级为黑色等级（失信主体），不能使用远程踏勘。您可以继续办理现场踏勘：工作人员将与您联系预约现场踏勘时间。信用修复：纠正失信行为后可申请信用修复。') });
    expect(await screen.findByText('信用黑色等级：不能远程踏勘，改为现场踏勘')).toBeTruthy();
    expect(screen.getByText(/信用修复：纠正失信行为后可申请信用修复/)).toBeTruthy();
    expect(screen.getByText('下一步：工作人员会联系您预约现场踏勘时间，请保持电话畅通。')).toBeTruthy();
  });

  it('when a black applicant is refused outright, then the refusal leads straight to 我的信用', async () => {
    await ask(errorReply(403, 'CREDIT.DISHONEST_REFUSED', '您的信用等级为黑色等级，已被列入失信名单，本事项对失信主体不予受理。'));
    expect(await screen.findByText(/本事项对失信主体不予受理/)).toBeTruthy();
    fireEvent.click(screen.getByText('去修复信用（我的信用）'));
    expect(platform.navigations).toEqual(['/packages/application/credit/index']);
  });

  it('when the credit service is down, then it says so plainly and lets the applicant ask again', async () => {
    await ask(errorReply(503, 'CREDIT.UNAVAILABLE', '信用信息服务暂时不可用，请稍后重试'));
    expect(await screen.findByText('信用信息服务暂时不可用，请稍后重试')).toBeTruthy();
    expect(screen.getByText('重新查询')).toBeTruthy();
    expect(screen.queryByText(/可以远程视频踏勘/)).toBeNull();
  });
});

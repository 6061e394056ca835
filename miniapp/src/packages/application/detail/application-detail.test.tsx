import { fireEvent, render, screen } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { applicationDetail, inspection } from '../../../../test/fixtures';
import { deferred, errorReply } from '../../../../test/local-bff';
import { platform, typeInto } from '../../../../test/taro-platform';
import { ApplicationDetailView } from './application-detail.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const path = `/applications/${applicationDetail.id}`;
const applicantInspections = { status: 200, body: { items: [inspection] } };


describe('application detail', () => {
  it('when loaded, then it shows the status, days left, the next step and the whole timeline in Shanghai time', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', applicantInspections);
    const gate = deferred();
    app.bff.on('GET', path, { status: 200, body: applicationDetail, hold: gate.promise });
    render(<ApplicationDetailView id={applicationDetail.id} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    gate.release();
    expect(await screen.findByText('还剩 14 个工作日，12月9日 周三截止')).toBeTruthy();
    expect(screen.getAllByText('已预约踏勘')).toHaveLength(2); // badge + timeline's last entry
    expect(screen.getByText('请在预约时间进入视频踏勘，提前检查摄像头、麦克风和网络。')).toBeTruthy();
    expect(screen.getByText('已提交')).toBeTruthy();
    expect(screen.getByText('2026-11-20 10:00 · 申请人')).toBeTruthy();
    expect(screen.getByText('信用红色等级，可远程踏勘')).toBeTruthy();
    expect(screen.getByText('信用等级：红色等级（2026-11-20 10:01 查询）')).toBeTruthy();
  });

  it('when booked, then the call and the photo page of its inspection are one tap away', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', applicantInspections);
    app.bff.on('GET', path, { status: 200, body: applicationDetail });
    render(<ApplicationDetailView id={applicationDetail.id} />);
    fireEvent.click(await screen.findByText('进入视频踏勘'));
    expect(screen.getByText('预约时间：2026-12-01（周二）10:00–10:30（视频踏勘）')).toBeTruthy();
    fireEvent.click(screen.getByText('准备踏勘照片'));
    expect(platform.navigations).toEqual([
      `/packages/inspection/join/index?id=${applicationDetail.inspectionId}`,
      `/packages/inspection/prepare/index?id=${applicationDetail.inspectionId}`,
    ]);
  });

  it('when just submitted, then the next step is to ask for a remote inspection', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', applicantInspections);
    app.bff.on('GET', path, { status: 200, body: {
      ...applicationDetail, status: 'submitted', statusLabel: '已提交', inspectionId: null,
      nextActions: [{ action: 'request_remote', label: '申请远程踏勘' }, { action: 'withdraw', label: '撤回申请' }],
      deadline: { ...applicationDetail.deadline, remainingWorkingDays: 3, covered: false },
    } });
    render(<ApplicationDetailView id={applicationDetail.id} />);
    fireEvent.click(await screen.findByText('申请远程踏勘'));
    expect(platform.navigations).toEqual([`/packages/application/remote-request/index?id=${applicationDetail.id}`]);
    expect(screen.getByText('还剩 3 个工作日，12月9日 周三截止（该年节假日安排尚未载入，按周一至周五估算）')).toBeTruthy();
  });

  it('when the application is not the applicant\'s, then the BFF\'s 404 message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', applicantInspections);
    app.bff.on('GET', path, errorReply(404, 'APPLICATION.NOT_FOUND', '申请不存在'));
    render(<ApplicationDetailView id={applicationDetail.id} />);
    expect(await screen.findByText('申请不存在')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });

  it('when past the time limit, then it says by how many working days', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', applicantInspections);
    app.bff.on('GET', path, { status: 200, body: { ...applicationDetail, deadline: { ...applicationDetail.deadline, remainingWorkingDays: -2, overdue: true } } });
    render(<ApplicationDetailView id={applicationDetail.id} />);
    expect(await screen.findByText('已超过办理时限 2 个工作日（12月9日 周三截止）')).toBeTruthy();
  });
});

describe('withdrawal', () => {
  it('when the applicant withdraws with a reason, then it is sent and the page shows the new status', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', applicantInspections);
    app.bff.on('GET', path, { status: 200, body: applicationDetail });
    app.bff.on('POST', `${path}/withdrawal`, () => {
      app.bff.on('GET', path, { status: 200, body: { ...applicationDetail, status: 'withdrawn', statusLabel: '已撤回', nextStep: '申请已撤回，如需办理请重新提交。', nextActions: [] } });
      return { status: 200, body: applicationDetail };
    });
    const { container } = render(<ApplicationDetailView id={applicationDetail.id} />);
    fireEvent.click(await screen.findByText('撤回申请'));
    fireEvent.click(screen.getByText('确认撤回'));
    expect(screen.getByText('请填写撤回原因')).toBeTruthy();
    typeInto(container.querySelector('taro-textarea-core')!, '经营地址变更');
    fireEvent.click(screen.getByText('确认撤回'));
    expect(await screen.findByText('申请已撤回，如需办理请重新提交。')).toBeTruthy();
    expect(screen.queryByText('撤回申请')).toBeNull();
    expect(JSON.parse(app.bff.seen.find((r) => r.method === 'POST')!.body)).toEqual({ reason: '经营地址变更' });
  });
});

describe('finding the inspection', () => {
  it('when the inspection runs on site, then no video or photo step is offered, only its time', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', { status: 200, body: { items: [{ ...inspection, mode: 'onsite' }] } });
    app.bff.on('GET', path, { status: 200, body: applicationDetail });
    render(<ApplicationDetailView id={applicationDetail.id} />);
    fireEvent.click(await screen.findByText('查看现场踏勘时间'));
    expect(screen.queryByText('进入视频踏勘')).toBeNull();
    expect(screen.queryByText('准备踏勘照片')).toBeNull();
    expect(platform.navigations).toEqual([`/packages/inspection/booking/index?id=${inspection.id}`]);
  });

  it('when the application names no inspection although remote was approved, then its inspection is found in the applicant\'s list', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', applicantInspections);
    app.bff.on('GET', path, { status: 200, body: { ...applicationDetail, status: 'remote_approved', statusLabel: '可远程踏勘', inspectionId: null } });
    app.bff.on('GET', '/inspections', {
      status: 200,
      body: { items: [
        { ...inspection, id: '66c0000000000000000000aa', applicationId: 'someone-else' },
        { ...inspection, status: 'created', statusLabel: '待预约', slot: null },
      ] },
    });
    render(<ApplicationDetailView id={applicationDetail.id} />);
    fireEvent.click(await screen.findByText('准备踏勘照片'));
    expect(platform.navigations).toEqual([`/packages/inspection/prepare/index?id=${inspection.id}`]);
  });
});

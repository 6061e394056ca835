import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { wgs84ToGcj02 } from '@ycta/shared/domain/geo';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { applicationDetail, matters } from '../../../../test/fixtures';
import { errorReply } from '../../../../test/local-bff';
import { platform, typeInto } from '../../../../test/taro-platform';
import { CreateApplicationView } from './create-application.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

describe('create an application', () => {
  it('when a matter, an address and a map point are given, then it is created (the point in WGS-84, as photos\' GPS) and its materials page (the next step) replaces this page', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/matters', { status: 200, body: { items: matters } });
    app.bff.on('POST', '/applications', { status: 201, body: applicationDetail });
    // the map answers in GCJ-02, several hundred metres off the WGS-84 a phone's GPS gives for the same door
    const onMap = wgs84ToGcj02({ lat: 20.05, lng: 110.32 });
    platform.chosenPlace = { name: '海甸五西路 28 号', address: '海南省海口市美兰区海甸五西路 28 号', latitude: onMap.lat, longitude: onMap.lng };
    const { container } = render(<CreateApplicationView />);

    fireEvent.click(await screen.findByText('互联网上网服务营业场所设立'));
    fireEvent.click(screen.getByText('在地图上选择位置（可选）'));
    expect(await screen.findByText('已选位置：海甸五西路 28 号（与登记地址不同时，须经工作人员核实确认）')).toBeTruthy();
    typeInto(container.querySelector('taro-textarea-core')!, '海口市美兰区海甸五西路 28 号 2 楼');
    fireEvent.click(screen.getByText('提交申请'));

    await waitFor(() => expect(platform.navigations).toHaveLength(1));
    const sent = app.bff.seen.find((r) => r.method === 'POST' && r.path === '/applications');
    const body = JSON.parse(sent!.body);
    expect(body).toMatchObject({ matterCode: 'internet-cafe', siteAddress: '海口市美兰区海甸五西路 28 号 2 楼' });
    expect(body.site.lat).toBeCloseTo(20.05, 7);
    expect(body.site.lng).toBeCloseTo(110.32, 7);
    expect(platform.navigations).toEqual([`redirect:/packages/application/materials/index?id=${applicationDetail.id}`]);
    expect(platform.toasts).toEqual(['申请已提交']);
  });

  it('when no matter is chosen or the address is too short, then it says what is missing and sends nothing', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/matters', { status: 200, body: { items: matters } });
    const { container } = render(<CreateApplicationView />);
    fireEvent.click(await screen.findByText('提交申请'));
    expect(screen.getByText('请选择要办理的事项')).toBeTruthy();
    fireEvent.click(screen.getByText('托育机构备案'));
    typeInto(container.querySelector('taro-textarea-core')!, '海口');
    fireEvent.click(screen.getByText('提交申请'));
    expect(screen.getByText('请填写完整的经营场所地址（至少 5 个字）')).toBeTruthy();
    expect(app.bff.seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('when the BFF refuses the application, then its message shows and the form keeps what was typed', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/matters', { status: 200, body: { items: matters } });
    app.bff.on('POST', '/applications', errorReply(409, 'APPLICATION.DUPLICATE', '该地址已有同一事项的申请在办理中'));
    const { container } = render(<CreateApplicationView />);
    fireEvent.click(await screen.findByText('托育机构备案'));
    typeInto(container.querySelector('taro-textarea-core')!, '海口市龙华区滨海大道 1 号');
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('该地址已有同一事项的申请在办理中')).toBeTruthy();
    expect(platform.navigations).toEqual([]);
    fireEvent.click(screen.getByText('提交申请'));
    await screen.findByText('该地址已有同一事项的申请在办理中');
    const posts = app.bff.seen.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[1]!.body)).toEqual({ matterCode: 'childcare', siteAddress: '海口市龙华区滨海大道 1 号' });
  });

  it('when the catalogue is empty or fails, then it says so', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/matters', { status: 200, body: { items: [] } });
    const first = render(<CreateApplicationView />);
    expect(await screen.findByText('暂无可在线办理的事项')).toBeTruthy();
    first.unmount();
    app.bff.on('GET', '/matters', errorReply(503, 'DB.UNAVAILABLE', '数据库暂时不可用，请稍后重试'));
    render(<CreateApplicationView />);
    expect(await screen.findByText('数据库暂时不可用，请稍后重试')).toBeTruthy();
  });
});

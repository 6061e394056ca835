import { fireEvent, render, screen } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { applicationSummary } from '../../../../test/fixtures';
import { deferred, errorReply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { QueueView } from './queue.view';
import { addWorkingDays, shanghaiDate } from '@ycta/shared/domain/working-days';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

const booked = {
  id: '65b000000000000000000001', applicationId: '65a000000000000000000001', subjectId: '65c000000000000000000001', matterCode: 'internet-cafe', matterName: '互联网上网服务营业场所设立',
  mode: 'remote', status: 'booked', statusLabel: '已预约', slot: { start: '2026-11-29T02:00:00.000Z', end: '2026-11-29T03:00:00.000Z' },
  siteAddress: '海口市龙华区滨海大道 88 号', createdAt: '2026-11-25T02:00:00.000Z',
};
const unbooked = { ...booked, id: '65b000000000000000000002', status: 'created', statusLabel: '待预约', slot: null, siteAddress: '三亚市吉阳区迎宾路 5 号' };

describe('inspector queue', () => {
  it('when today\'s calls load, then each shows its slot and a booked one opens the room', async () => {
    app = await startAppAgainstLocalBff();
    const gate = deferred();
    app.bff.on('GET', '/inspections', { status: 200, body: { items: [booked] }, hold: gate.promise });
    render(<QueueView />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    gate.release();
    expect(await screen.findByText('海口市龙华区滨海大道 88 号')).toBeTruthy();
    expect(screen.getByText('互联网上网服务营业场所设立 · 已预约 · 2026-11-29 10:00')).toBeTruthy();
    expect(app.bff.seen[0]!.path).toBe('/inspections?when=today&limit=50');
    fireEvent.click(screen.getByText('进入踏勘间'));
    expect(platform.navigations).toEqual([`/packages/inspector/room/index?id=${booked.id}`]);
  });

  it('when slots are offered, then a past one is refused at the slot and can be removed, the rest go to the BFF as Shanghai times, and the offer is confirmed', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', { status: 200, body: { items: [unbooked] } });
    app.bff.on('POST', `/inspections/${unbooked.id}/slots`, { status: 200, body: {} });
    const day = addWorkingDays(shanghaiDate(new Date()), 2).date;
    render(<QueueView />);
    fireEvent.click(await screen.findByText('提供预约时段'));
    for (const local of ['2020-01-02T09:30', `${day}T09:30`]) {
      fireEvent.change(screen.getByLabelText('时段开始时间'), { target: { value: local } });
      fireEvent.click(screen.getByText('添加时段'));
    }
    expect(screen.getByText('该时段已经过去，请选择以后的时间')).toBeTruthy();
    expect(screen.getByText('请先删除或更正标红的时段')).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/^删除时段 2020-01-02/));
    fireEvent.click(screen.getByText('提供 1 个时段'));
    expect(await screen.findByText(/^已提供 1 个时段，申请人会收到通知/)).toBeTruthy();
    const sent = app.bff.seen.find((r) => r.method === 'POST')!;
    const start = new Date(`${day}T01:30:00.000Z`).toISOString();
    expect(JSON.parse(sent.body)).toEqual({ slots: [{ start, end: new Date(Date.parse(start) + 3_600_000).toISOString() }] });
  });

  it('when the tabs change, then upcoming, waiting-for-approval and overdue load their own lists and say when empty', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', { status: 200, body: { items: [] } });
    app.bff.on('GET', '/applications', { status: 200, body: { items: [{ ...applicationSummary, statusLabel: '待审核远程踏勘' }], nextCursor: null } });
    render(<QueueView />);
    expect(await screen.findByText('今天没有预约的踏勘。')).toBeTruthy();
    fireEvent.click(screen.getByText('待审批'));
    expect(await screen.findByText(applicationSummary.siteAddress)).toBeTruthy();
    fireEvent.click(screen.getByText('已逾期'));
    expect(await screen.findByText('没有逾期未办结的踏勘。')).toBeTruthy();
    expect(app.bff.seen.map((r) => r.path)).toEqual([
      '/inspections?when=today&limit=50', '/applications?status=awaiting_credit_approval&limit=50', '/inspections?when=overdue&limit=50',
    ]);
  });

  it('when the 待预约 tab is chosen, then inspections without a slot load and can be offered slots', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', { status: 200, body: { items: [unbooked] } });
    render(<QueueView />);
    fireEvent.click(screen.getByText('待预约'));
    expect(await screen.findByText('互联网上网服务营业场所设立 · 待预约 · 尚未预约')).toBeTruthy();
    expect(screen.getByText('提供预约时段')).toBeTruthy();
    expect(app.bff.seen.map((r) => r.path)).toEqual(['/inspections?when=today&limit=50', '/inspections?status=created&limit=50']);
  });

  it('when the queue cannot load, then the BFF\'s message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', errorReply(503, 'DB.UNAVAILABLE', '数据库暂时不可用，请稍后再试'));
    render(<QueueView />);
    expect(await screen.findByText('数据库暂时不可用，请稍后再试')).toBeTruthy();
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OfficeStats } from '@ycta/shared/contracts/stats.contract';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { checked } from '../../../../test/fixtures';
import { deferred, errorReply } from '../../../../test/local-bff';
import { FiguresPageView } from './figures.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

const none = { count: 0, average: null, median: null };
const figures = checked(OfficeStats, {
  generatedAt: '2026-11-29T02:00:00.000Z',
  totals: { inspections: 2434, remote: 1015, onsite: 1419, remoteShare: 1015 / 2434, matters: 93, mattersWithRemote: 60 },
  durationMinutes: { remote: { count: 1015, average: 30, median: 30 }, onsite: { count: 1419, average: 180, median: 175 } },
  requestToConclusionHours: { count: 1015, average: 84.5, median: 84 },
  byMatter: [
    { matterCode: 'internet-cafe', matterName: '互联网上网服务营业场所设立', remote: 30, onsite: 10, remoteShare: 0.75 },
    { matterCode: 'childcare', matterName: '托育机构备案', remote: 0, onsite: 20, remoteShare: 0 },
  ],
  byInspector: [{ inspector: '张踏勘', remote: 12, onsite: 3 }],
  creditTiers: [{ tier: 'red', count: 400 }, { tier: 'orange', count: 400 }, { tier: 'blue', count: 215 }, { tier: 'black', count: 0 }],
  seededHistory: 2434,
});

describe('figures page', () => {
  it('when the figures arrive, then the headline shows 1,015 remote, 41.7 % of 2,434, 180 → 30 minutes and the bars per matter', async () => {
    app = await startAppAgainstLocalBff();
    const gate = deferred();
    app.bff.on('GET', '/stats', { status: 200, body: figures, hold: gate.promise });
    render(<FiguresPageView />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    gate.release();
    expect(await screen.findByText('1,015')).toBeTruthy();
    expect(screen.getByText('41.7 %')).toBeTruthy();
    expect(screen.getByText('远程占比（共 2,434 件）')).toBeTruthy();
    expect(screen.getByText('60 / 93')).toBeTruthy();
    expect(screen.getByText('180 分钟 → 30 分钟')).toBeTruthy();
    expect(screen.getByText('中位数：现场 175 分钟，远程 30 分钟')).toBeTruthy();
    expect(screen.getByText('互联网上网服务营业场所设立（75.0 %）')).toBeTruthy();
    expect(screen.getByText('托育机构备案（0.0 %）')).toBeTruthy();
    expect(screen.getByText('远程 12 · 现场 3')).toBeTruthy();
    expect(screen.getByText('其中 2,434 件为系统上线前的历史登记数据。')).toBeTruthy();
    expect(screen.getByRole('img', { name: '平均踏勘时长对比' })).toBeTruthy();
    expect(app.bff.seen.map((r) => r.path)).toEqual(['/stats']);
  });

  it('when nothing is concluded yet, then it says there are no figures instead of zeros', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/stats', { status: 200, body: { ...figures, totals: { inspections: 0, remote: 0, onsite: 0, remoteShare: null, matters: 0, mattersWithRemote: 0 }, durationMinutes: { remote: none, onsite: none }, requestToConclusionHours: none, byMatter: [], byInspector: [], seededHistory: 0 } });
    render(<FiguresPageView />);
    expect(await screen.findByText('这段时间没有办结的踏勘，暂无统计。')).toBeTruthy();
  });

  it('when a range is chosen, then only inspections concluded in it are asked for', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/stats', { status: 200, body: figures });
    render(<FiguresPageView now={() => new Date('2026-11-29T02:00:00.000Z')} />);
    await screen.findByText('1,015');
    fireEvent.click(screen.getByText('近 30 天'));
    await waitFor(() => expect(app.bff.seen).toHaveLength(2));
    expect(app.bff.seen[1]!.path).toBe(`/stats?from=${encodeURIComponent('2026-10-30T02:00:00.000Z')}`);
    expect(await screen.findByText('1,015')).toBeTruthy();
  });

  it('when the signed-in user is not staff, then the BFF\'s refusal shows with a retry', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/stats', errorReply(403, 'AUTH.FORBIDDEN', '没有权限执行此操作'));
    render(<FiguresPageView />);
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});

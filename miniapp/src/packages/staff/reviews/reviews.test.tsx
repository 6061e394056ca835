import { fireEvent, render, screen } from '@testing-library/react';
import { typeInto } from '../../../../test/taro-platform';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { deferred, errorReply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { finishedInspection } from '../review/review.fixtures';
import { ReviewsView } from './reviews.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

const { rtcPreference: _r, offeredSlots: _o, participants: _p, checklist: _c, conclusion: _k, opinions: _x, firstJoinAt: _f, concludedAt: _a, durationSeconds: _d, recheckOf: _z, ...summary } = finishedInspection;
const onsite = { ...summary, id: '65b000000000000000000002', mode: 'onsite' as const, siteAddress: '三亚市吉阳区迎宾路 5 号', matterCode: 'childcare', matterName: '托育机构备案' };

describe('staff review list', () => {
  it('when finished inspections arrive, then they list newest first, the BFF searches by words and mode, and a tap opens the review', async () => {
    app = await startAppAgainstLocalBff();
    const gate = deferred();
    app.bff.on('GET', '/inspections', (req) => {
      const query = new URLSearchParams(req.path.split('?')[1]);
      const items = [summary, onsite].filter((i) => (!query.get('mode') || i.mode === query.get('mode')) && (!query.get('q') || (i.siteAddress ?? '').includes(query.get('q')!)));
      return { status: 200, body: { items, nextCursor: null }, ...(query.has('q') || query.has('mode') ? {} : { hold: gate.promise }) };
    });
    const { container } = render(<ReviewsView />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    gate.release();
    expect(await screen.findByText('海口市龙华区滨海大道 88 号')).toBeTruthy();
    expect(app.bff.seen[0]!.path).toBe('/inspections?status=concluded&order=recent&limit=30');
    expect(screen.getByText('三亚市吉阳区迎宾路 5 号')).toBeTruthy();

    fireEvent.click(screen.getByText('现场'));
    expect(await screen.findByText('三亚市吉阳区迎宾路 5 号')).toBeTruthy();
    expect(screen.queryByText('海口市龙华区滨海大道 88 号')).toBeNull();
    expect(app.bff.seen.at(-1)!.path).toBe('/inspections?status=concluded&order=recent&limit=30&mode=onsite');

    fireEvent.click(screen.getByText('全部'));
    typeInto(container.querySelector('taro-input-core')!, ' 不存在的地址 ');
    fireEvent.click(screen.getByText('搜索'));
    expect(await screen.findByText('没有符合条件的踏勘。')).toBeTruthy();
    expect(app.bff.seen.at(-1)!.path).toBe(`/inspections?status=concluded&order=recent&limit=30&q=${encodeURIComponent('不存在的地址')}`);

    typeInto(container.querySelector('taro-input-core')!, '');
    fireEvent.click(screen.getByText('搜索'));
    fireEvent.click(await screen.findByText('海口市龙华区滨海大道 88 号'));
    expect(platform.navigations).toEqual([`/packages/staff/review/index?id=${summary.id}`]);
  });

  it('when there are more finished inspections than a page, then "加载更多" appends the older ones', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', (req) => req.path.includes('cursor=c1')
      ? { status: 200, body: { items: [onsite], nextCursor: null } }
      : { status: 200, body: { items: [summary], nextCursor: 'c1' } });
    render(<ReviewsView />);
    fireEvent.click(await screen.findByText('加载更多'));
    expect(await screen.findByText('三亚市吉阳区迎宾路 5 号')).toBeTruthy();
    expect(screen.getByText('海口市龙华区滨海大道 88 号')).toBeTruthy();
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  it('when nothing is finished yet, then it says so', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', { status: 200, body: { items: [], nextCursor: null } });
    render(<ReviewsView />);
    expect(await screen.findByText('还没有办结的踏勘。')).toBeTruthy();
  });

  it('when the list cannot load, then the error shows with a retry that loads again', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', '/inspections', errorReply(503, 'DB.UNAVAILABLE', '数据库暂时不可用，请稍后再试'));
    render(<ReviewsView />);
    expect(await screen.findByText('数据库暂时不可用，请稍后再试')).toBeTruthy();
    app.bff.on('GET', '/inspections', { status: 200, body: { items: [summary], nextCursor: null } });
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('海口市龙华区滨海大道 88 号')).toBeTruthy();
  });
});

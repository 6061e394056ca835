import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { deferred, errorReply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { ReviewView, type ReviewDeps } from './review.view';
import { brokenChain, finishedInspection, inspectionId, intactChain, recordEvents, sitePhoto } from './review.fixtures';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const base = `/inspections/${inspectionId}`;

function serve(opts: { verification?: unknown; events?: unknown[]; hold?: Promise<void>; flags?: unknown[] } = {}) {
  app.bff.on('GET', base, { status: 200, body: finishedInspection, hold: opts.hold });
  app.bff.on('GET', `${base}/record`, { status: 200, body: { inspectionId, events: opts.events ?? recordEvents } });
  app.bff.on('GET', `${base}/verify`, { status: 200, body: opts.verification ?? intactChain });
  app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [sitePhoto] } });
  app.bff.on('GET', `${base}/flags`, { status: 200, body: { items: opts.flags ?? [] } });
}

function fakeMedia() {
  const asked: string[][] = [];
  const exported: string[] = [];
  const reports: string[] = [];
  const deps: ReviewDeps = {
    loadRecording: async (ids) => { asked.push(ids); return 'blob:recording'; },
    downloadBundle: async (id) => { exported.push(id); },
    downloadReport: async (id) => { reports.push(id); },
    loadThumbnails: false,
  };
  return { deps, asked, exported, reports };
}

describe('staff review page', () => {
  it('when a finished inspection opens, then the recording loads from its chunks in order, the badge is green and every photo shows its evidence', async () => {
    app = await startAppAgainstLocalBff();
    const gate = deferred();
    serve({ hold: gate.promise });
    const media = fakeMedia();
    render(<ReviewView id={inspectionId} deps={media.deps} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    gate.release();
    expect(await screen.findByText('记录完整：7 个事件全部校验通过')).toBeTruthy();
    expect(screen.getByText(`链头 ${'a'.repeat(64)}`)).toBeTruthy();
    const video = await screen.findByTestId('recording');
    expect(video.getAttribute('src')).toBe('blob:recording');
    expect(media.asked).toEqual([['65e000000000000000000001', '65e000000000000000000002']]);
    expect(screen.getByText('结论：整改后复查（2026-11-28 10:30）面积不足，整改后复查')).toBeTruthy();
    expect(screen.getByText(`SHA-256 ${'b'.repeat(64)}`)).toBeTruthy();
    expect(screen.getByText('拍摄时间：2026-11-27 17:00（EXIF）')).toBeTruthy();
    expect(screen.getByText('接收时间：2026-11-27 17:01')).toBeTruthy();
    expect(screen.getByText('位置：20.02345, 110.31234 · 距场所 1830 米')).toBeTruthy();
    expect(screen.getByText('拍摄地点偏远')).toBeTruthy();
    // the recorder's own chunks are bookkeeping, not timeline entries
    expect(screen.queryByText('录像分段入库')).toBeNull();
  });

  it('when an event is clicked, then the video seeks to that moment; when playing, the current event is highlighted', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    render(<ReviewView id={inspectionId} deps={fakeMedia().deps} />);
    const video = (await screen.findByTestId('recording')) as HTMLVideoElement;
    expect(screen.getByText('05:00')).toBeTruthy();
    fireEvent.click(screen.getByText('10:00'));
    expect(video.currentTime).toBe(600);
    const current = () => document.querySelector('[aria-current="true"]')?.textContent ?? '';
    expect(current()).toContain('判定要点');
    expect(current()).toContain('不足 200 平方米');

    act(() => { video.currentTime = 310; fireEvent.timeUpdate(video); });
    expect(current()).toContain('两个出口畅通');
    act(() => { video.currentTime = 1900; fireEvent.timeUpdate(video); });
    expect(current()).toContain('作出结论');
  });

  it('when one event was altered, then the badge is red and names the first broken link', async () => {
    app = await startAppAgainstLocalBff();
    serve({ verification: brokenChain });
    render(<ReviewView id={inspectionId} deps={fakeMedia().deps} />);
    expect(await screen.findByText('记录校验未通过')).toBeTruthy();
    expect(screen.getByText('第一处断链：第 3 号事件（e3）：事件内容与哈希不符（记录被改动）')).toBeTruthy();
    expect(screen.queryByText(/记录完整/)).toBeNull();
  });

  it('when 导出 is pressed, then the bundle of this inspection is downloaded; 打印报告 opens the printable page', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    const media = fakeMedia();
    render(<ReviewView id={inspectionId} deps={media.deps} />);
    fireEvent.click(await screen.findByText('导出'));
    await waitFor(() => expect(media.exported).toEqual([inspectionId]));
    fireEvent.click(screen.getByText('打印报告'));
    expect(platform.navigations).toEqual([`/packages/staff/report/index?id=${inspectionId}`]);
  });

  it('when 下载报告 is pressed on a concluded inspection, then its archival PDF is downloaded and the page says it is on the record', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    const media = fakeMedia();
    render(<ReviewView id={inspectionId} deps={media.deps} />);
    fireEvent.click(await screen.findByText('下载报告（PDF）'));
    await waitFor(() => expect(media.reports).toEqual([inspectionId]));
    expect(await screen.findByText('报告已下载，其 SHA-256 已记入踏勘记录。')).toBeTruthy();
  });

  it('when there is no recording, then it says so and the timeline still lists the events', async () => {
    app = await startAppAgainstLocalBff();
    serve({ events: recordEvents.filter((e) => e.type !== 'recording.chunk.stored') });
    render(<ReviewView id={inspectionId} deps={fakeMedia().deps} />);
    expect(await screen.findByText('本次踏勘没有录像。')).toBeTruthy();
    expect(screen.getByText('作出结论')).toBeTruthy();
  });

  it('when the inspection is not found, then the BFF\'s message shows with a retry', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, errorReply(404, 'INSPECTION.NOT_FOUND', '踏勘不存在'));
    render(<ReviewView id={inspectionId} deps={fakeMedia().deps} />);
    expect(await screen.findByText('踏勘不存在')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });

  it('when the inspection was flagged, then each flag shows where its credit penalty stands, a refusal as a problem to act on', async () => {
    app = await startAppAgainstLocalBff();
    const flag = (reason: string, delivery: Record<string, unknown>) => ({
      id: `65f00000000000000000000${reason.length}`, inspectionId, idempotencyKey: `flag-${reason}`, reason, checklistItemIds: [], evidenceMediaIds: [],
      flaggedAt: '2026-11-28T02:20:00.000Z', delivery: { attempts: 0, deliveredAt: null, refusedAt: null, lastError: null, ...delivery },
    });
    serve({ flags: [
      flag('营业执照系伪造', { attempts: 1, deliveredAt: '2026-11-28T02:21:00.000Z' }),
      flag('消防验收意见书与现场不符', { attempts: 1, refusedAt: '2026-11-28T02:21:00.000Z', lastError: '信用平台拒收（HTTP 422）：该主体已注销，不能登记失信信息' }),
      flag('面积照片为其他场所', { attempts: 2, lastError: 'status 503' }),
    ] });
    render(<ReviewView id={inspectionId} deps={fakeMedia().deps} />);
    expect(await screen.findByText('虚假材料标记（3）')).toBeTruthy();
    expect(screen.getByText('已报送信用平台（2026-11-28 10:21）')).toBeTruthy();
    const refused = screen.getByText('信用平台拒收（HTTP 422）：该主体已注销，不能登记失信信息。系统不再重试，请核实后线下处理。');
    expect(refused.className).toContain('error-text');
    expect(screen.getByText('报送未成功，系统将自动重试（已尝试 2 次）：status 503')).toBeTruthy();
  });
});

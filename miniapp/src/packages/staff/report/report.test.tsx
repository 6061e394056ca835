import { fireEvent, render, screen } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { deferred, errorReply } from '../../../../test/local-bff';
import { finishedInspection, inspectionId, intactChain, sitePhoto } from '../review/review.fixtures';
import { ReportView } from './report.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const base = `/inspections/${inspectionId}`;

describe('printable report', () => {
  it('when loaded, then it holds the checklist, conclusion, participants, photos and the chain\'s head hash, and prints', async () => {
    app = await startAppAgainstLocalBff();
    const gate = deferred();
    app.bff.on('GET', base, { status: 200, body: finishedInspection, hold: gate.promise });
    app.bff.on('GET', `${base}/verify`, { status: 200, body: intactChain });
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [sitePhoto] } });
    let printed = 0;
    const downloaded: string[] = [];
    render(<ReportView id={inspectionId} print={() => { printed += 1; }} download={async (id) => { downloaded.push(id); }} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    gate.release();
    expect(await screen.findByText('远程踏勘记录')).toBeTruthy();
    expect(screen.getByText('踏勘时间：2026-11-28 10:00 至 2026-11-28 10:30（30 分钟）')).toBeTruthy();
    expect(screen.getByText('踏勘人员：张踏勘')).toBeTruthy();
    expect(screen.getByText('2. 营业面积')).toBeTruthy();
    expect(screen.getByText('不足 200 平方米（共判定 2 次）')).toBeTruthy();
    expect(screen.getByText('整改后复查：面积不足，整改后复查')).toBeTruthy();
    expect(screen.getByText('整改：扩大营业面积至 200 平方米')).toBeTruthy();
    expect(screen.getByText('整改期限：2026-12-10')).toBeTruthy();
    expect(screen.getByText('专家意见：建议复查时测量实际面积')).toBeTruthy();
    expect(screen.getByText(new RegExp(`SHA-256 ${'b'.repeat(64)}`))).toBeTruthy();
    expect(screen.getByText(`链头哈希：${'a'.repeat(64)}`)).toBeTruthy();
    fireEvent.click(screen.getByText('打印 / 存为 PDF'));
    expect(printed).toBe(1);
    fireEvent.click(screen.getByText('下载报告（PDF）'));
    expect(downloaded).toEqual([inspectionId]);
    expect(await screen.findByText('报告已下载，其 SHA-256 已记入踏勘记录。')).toBeTruthy();
  });

  it('when the inspection is not visible, then the BFF\'s message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, errorReply(404, 'INSPECTION.NOT_FOUND', '踏勘不存在'));
    render(<ReportView id={inspectionId} />);
    expect(await screen.findByText('踏勘不存在')).toBeTruthy();
  });
});

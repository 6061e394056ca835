import { render, screen } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { checked, inspection, photo } from '../../../../test/fixtures';
import { errorReply } from '../../../../test/local-bff';
import { ResultView } from './result.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const base = `/inspections/${inspection.id}`;

const concluded = checked(InspectionDetail, {
  ...inspection,
  status: 'concluded' as const,
  statusLabel: '已办结',
  checklist: [
    { ...inspection.checklist[0]!, result: 'fail' as const, note: '疏散指示标志不亮', judgments: 1 },
    { ...inspection.checklist[1]!, result: 'pass' as const, note: null, judgments: 1 },
  ],
  conclusion: {
    result: 'fix_and_recheck' as const,
    summary: '安全出口标志需更换，其余符合要求。',
    rectificationItems: [{ checklistItemId: 'fire-exit', description: '更换并点亮疏散指示标志' }, { description: '补充灭火器检查记录' }],
    rectificationDueOn: '2026-12-15',
    concludedBy: 'i1',
    concludedAt: '2026-12-01T02:28:00.000Z',
    recheckInspectionId: null,
  },
});

describe('the result', () => {
  it('when concluded with rectification, then the verdict, what to fix by when, each point and the photos show', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, { status: 200, body: concluded });
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [photo('p1', 'fire-exit'), photo('p2', 'floor-area', { stale: false, far: true }, 900)] } });
    render(<ResultView inspectionId={inspection.id} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(await screen.findByText('需整改后复查')).toBeTruthy();
    expect(screen.getByText('请于 2026-12-15 前完成整改')).toBeTruthy();
    expect(screen.getByText('1. 【安全出口】更换并点亮疏散指示标志')).toBeTruthy();
    expect(screen.getByText('2. 补充灭火器检查记录')).toBeTruthy();
    expect(screen.getByText('安全出口：不符合')).toBeTruthy();
    expect(screen.getByText('疏散指示标志不亮')).toBeTruthy();
    expect(screen.getByText('营业面积：符合')).toBeTruthy();
    expect(screen.getByText('踏勘照片（2 张）')).toBeTruthy();
    // a far photo says what is wrong and what to do about it
    expect(screen.getByText('营业面积 · 2026-11-29 09:00 · 距经营场所 900 米，超过 500 米；请到经营场所现场重新拍摄；如确实在场所内拍摄，可在视频踏勘时向踏勘人员说明')).toBeTruthy();
  });

  it('when not concluded yet, then it says the result will show here', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, { status: 200, body: inspection });
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [] } });
    render(<ResultView inspectionId={inspection.id} />);
    expect(await screen.findByText('踏勘尚未作出结论，结论作出后会显示在这里。')).toBeTruthy();
  });

  it('when passed without photos, then it says so', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, { status: 200, body: { ...concluded, conclusion: { ...concluded.conclusion, result: 'pass', rectificationItems: [], rectificationDueOn: null } } });
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [] } });
    render(<ResultView inspectionId={inspection.id} />);
    expect(await screen.findByText('踏勘通过')).toBeTruthy();
    expect(screen.queryByText('整改清单')).toBeNull();
    expect(screen.getByText('本次踏勘没有照片')).toBeTruthy();
  });

  it('when it cannot be loaded, then the BFF\'s message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, errorReply(404, 'INSPECTION.NOT_FOUND', '踏勘不存在'));
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [] } });
    render(<ResultView inspectionId={inspection.id} />);
    expect(await screen.findByText('踏勘不存在')).toBeTruthy();
  });
});

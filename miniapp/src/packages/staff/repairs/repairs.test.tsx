import { fireEvent, render, screen } from '@testing-library/react';
import { typeInto } from '../../../../test/taro-platform';
import type { RepairCase } from '@ycta/shared/contracts/credit-repair.contract';
import { applicantSession, startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { RepairsView } from './repairs.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

const caseId = '65b000000000000000000001';
const item = (recordId: string, departmentCode: string, departmentName: string, decisionNo: string): RepairCase['items'][number] => ({
  recordId, kind: 'administrative_penalty', severity: 'general', departmentCode, departmentName, decisionNo, purpose: '罚款 3,000 元',
  proofs: [{ id: '65c000000000000000000001', type: 'image/jpeg', size: 2048, sha256: 'a'.repeat(64), receivedAt: '2026-11-30T02:00:00.000Z' }], decision: null,
});
const repairCase: RepairCase = {
  id: caseId, subjectName: '海口黑石娱乐有限公司', uscc: '91460100MA5TH3S4B7', state: 'open', submittedAt: '2026-11-30T02:00:00.000Z', decidedAt: null,
  clock: { deadline: '2026-12-07', workingDaysLeft: 5, covered: true }, decidedInTime: null, policyVersion: '2026-04.1',
  commitment: { version: 'commitment-2026-04.1', text: '本主体郑重承诺：已纠正所列失信行为。', sha256: 'b'.repeat(64), signedAt: '2026-11-30T02:00:00.000Z' },
  items: [item('65a000000000000000000001', 'market', '市场监督管理局', '海市监罚〔2026〕118号'), item('65a000000000000000000002', 'culture', '旅游和文化广电体育局', '海旅文罚〔2026〕42号')],
  notices: [], tierAfter: null,
};
const reviewer = { ...applicantSession, user: { id: 'u7', username: 'reviewer-market', displayName: '钱监管', role: 'dept_reviewer' as const, subjectId: null, departmentCode: 'market' } };

async function openDesk() {
  app = await startAppAgainstLocalBff();
  app.client.sessions.save(reviewer);
  app.bff.on('GET', '/credit-repair/cases', { status: 200, body: { items: [repairCase] } });
  app.bff.on('GET', `/credit-repair/cases/${caseId}/verify`, { status: 200, body: { ok: true, length: 4, headHash: 'c'.repeat(64), firstBroken: null } });
  const view = render(<RepairsView />);
  await screen.findByText('待审核（1）');
  return view;
}

describe('信用修复 desk', () => {
  it('when a market reviewer opens the desk, then only their department\'s record waits, with its clock, and the other department\'s is shown as theirs', async () => {
    await openDesk();
    expect(screen.getAllByText('行政处罚（海市监罚〔2026〕118号）').length).toBeGreaterThan(0);
    expect(screen.getByText('办理时限：还剩 5 个工作日，12月7日 周一截止')).toBeTruthy();
    expect(screen.getByText('行政处罚（海旅文罚〔2026〕42号） · 待旅游和文化广电体育局审核')).toBeTruthy();
    expect(screen.getByText('信用承诺书（版本 2026-04.1，2026-11-30 10:00 签署）')).toBeTruthy();
  });

  it('when a decision has no reason, then it says so and sends nothing', async () => {
    await openDesk();
    fireEvent.click(screen.getByText('同意修复'));
    expect(screen.getByText('请填写理由（至少 2 个字），申请人会看到它')).toBeTruthy();
    expect(app.bff.seen.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('when the reviewer gives a reason and confirms, then the decision is sent and the desk names what was decided', async () => {
    const { container } = await openDesk();
    app.bff.on('POST', `/credit-repair/cases/${caseId}/items/65a000000000000000000001/decision`, { status: 200, body: repairCase });
    typeInto(container.querySelector('taro-textarea-core')!, '已缴清罚款，整改属实');
    fireEvent.click(screen.getByText('同意修复'));
    expect(screen.getByText('确认同意修复这条记录？修复后不再计入信用评价。理由：已缴清罚款，整改属实')).toBeTruthy();
    fireEvent.click(screen.getByText('确认'));
    expect(await screen.findByText('已同意修复海口黑石娱乐有限公司的行政处罚（海市监罚〔2026〕118号），申请人已收到通知。')).toBeTruthy();
    expect(JSON.parse(app.bff.seen.find((r) => r.method === 'POST')!.body)).toEqual({ accept: true, reason: '已缴清罚款，整改属实' });
  });
});

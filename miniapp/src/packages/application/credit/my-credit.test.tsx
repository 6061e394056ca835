import { fireEvent, render, screen } from '@testing-library/react';
import type { DishonestyRecord, MyCreditView as Credit } from '@ycta/shared/contracts/credit-repair.contract';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { MyCreditView } from './my-credit.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

const record = (id: string, decisionNo: string, eligibility: DishonestyRecord['eligibility']): DishonestyRecord => ({
  id, kind: 'administrative_penalty', departmentCode: 'market', departmentName: '市场监督管理局', decisionNo, decidedOn: '2026-06-30',
  purpose: '销售超过保质期的预包装饮料，罚款 5,000 元', severity: 'general', fulfilled: true, state: 'active', origin: 'staff', eligibility, openCaseId: null,
});

const credit: Credit = {
  subjectName: '海口黑石娱乐有限公司', tier: 'black', tierNote: null, policyVersion: '2026-04.1',
  commitment: { version: 'commitment-2026-04.1', text: '本主体郑重承诺：已纠正所列失信行为并履行相关法定义务。' },
  records: [
    record('65a000000000000000000001', '海卫罚〔2026〕15号', { status: 'never', from: null, proofs: [], reason: '依照法律法规规定，该记录不可修复' }),
    record('65a000000000000000000002', '海市监罚〔2026〕118号', { status: 'now', from: '2026-09-30', proofs: ['罚款缴纳凭证', '整改完成材料'], reason: '现在可以申请修复' }),
  ],
};

async function openMyCredit() {
  app = await startAppAgainstLocalBff();
  app.bff.on('GET', '/credit-repair/records', { status: 200, body: credit });
  app.bff.on('GET', '/credit-repair/cases', { status: 200, body: { items: [] } });
  render(<MyCreditView />);
  await screen.findByText('失信记录（2 条，1 条现在可以修复）');
}

describe('我的信用: records and a repair case', () => {
  it('when the records load, then each says whether it can be repaired and what proof it needs, and only a repairable one can be picked', async () => {
    await openMyCredit();
    expect(screen.getByText('当前信用等级：黑色等级')).toBeTruthy();
    expect(screen.getByText('依照法律法规规定，该记录不可修复')).toBeTruthy();
    expect(screen.getByText('所需证明材料：罚款缴纳凭证、整改完成材料')).toBeTruthy();
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    expect(screen.queryByText('信用承诺书')).toBeNull();
  });

  it('when a picked record has no proof or the commitment is not signed, then the page says so and sends nothing', async () => {
    await openMyCredit();
    fireEvent.click(screen.getByRole('checkbox', { name: /海市监罚/ }));
    expect(screen.getByText('承诺书版本 2026-04.1 · 签署后随申请保存')).toBeTruthy();
    fireEvent.click(screen.getByText('提交修复申请（1 条）'));
    expect(await screen.findByText('请上传证明材料：罚款缴纳凭证、整改完成材料')).toBeTruthy();
    expect(screen.getByText('请阅读信用承诺书并勾选签署')).toBeTruthy();
    expect(app.bff.seen.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

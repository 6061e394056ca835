import type { RemoteRequestResult } from '@ycta/shared/contracts/credit.contract';
import { creditTierNames } from './credit';

export interface CreditOutcomeText {
  headline: string;
  tone: 'ok' | 'wait' | 'refused';
  /** What good credit earns, in plain words (empty below orange). */
  privileges: string[];
  next: string;
}

/** The credit gate's answer in plain words; the BFF's own explanation (`message`) is shown beside it. */
export function creditOutcomeText(result: Pick<RemoteRequestResult, 'outcome' | 'creditSnapshot' | 'privileges' | 'timeLimitWorkingDays'>): CreditOutcomeText {
  const tier = creditTierNames[result.creditSnapshot.tier];
  const privileges = [
    ...(result.privileges.acceptWithGaps ? ['容缺受理：次要材料可以后补'] : []),
    ...(result.privileges.commitment ? ['告知承诺：部分证明可用书面承诺代替'] : []),
    ...(result.privileges.priorityBooking ? ['优先预约踏勘时间'] : []),
  ];
  switch (result.outcome) {
    case 'remote_approved':
      return {
        headline: `信用${tier}：可以远程视频踏勘`, tone: 'ok', privileges,
        next: `下一步：按踏勘要点拍照上传，等待预约视频踏勘时间。办理时限 ${result.timeLimitWorkingDays} 个工作日。`,
      };
    case 'awaiting_credit_approval':
      return {
        headline: `信用${tier}：远程踏勘需工作人员审核`, tone: 'wait', privileges,
        next: '下一步：等待审核结果，结果会显示在申请详情里，无需重复申请。',
      };
    case 'onsite_required':
      return {
        headline: `信用${tier}：不能远程踏勘，改为现场踏勘`, tone: 'refused', privileges,
        next: '下一步：工作人员会联系您预约现场踏勘时间，请保持电话畅通。',
      };
    case 'refused':
      return {
        headline: `信用${tier}：本事项不予受理`, tone: 'refused', privileges,
        next: '下一步：先完成信用修复，再重新提交申请。',
      };
  }
}

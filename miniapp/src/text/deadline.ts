import type { ApplicationDeadline } from '@ycta/shared/contracts/applications.contract';

/** "还剩 N 个工作日", or how far past the time limit; says when the holiday calendar did not cover it. */
export function deadlineText(deadline: Pick<ApplicationDeadline, 'remainingWorkingDays' | 'overdue' | 'covered'>): string {
  const left = deadline.remainingWorkingDays;
  const text = deadline.overdue ? `已超过办理时限 ${Math.abs(left)} 个工作日` : left === 0 ? '今天是办理时限的最后一天' : `还剩 ${left} 个工作日`;
  return deadline.covered ? text : `${text}（该年节假日安排尚未载入，按周一至周五估算）`;
}

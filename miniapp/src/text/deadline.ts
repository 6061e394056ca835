import type { ApplicationDeadline } from '@ycta/shared/contracts/applications.contract';
import { shanghaiDay } from './time';

type Deadline = Pick<ApplicationDeadline, 'remainingWorkingDays' | 'overdue' | 'covered' | 'dueOn' | 'clockStoppedOn'>;

/** "还剩 N 个工作日，12月9日 周三截止", how far past it, or that the clock stopped; says when the calendar did not cover it. */
export function deadlineText(deadline: Deadline): string {
  const left = deadline.remainingWorkingDays;
  const due = `${shanghaiDay(deadline.dueOn)}截止`;
  const text = deadline.clockStoppedOn
    ? `容缺材料逾期未补，办理时限自 ${shanghaiDay(deadline.clockStoppedOn)} 起停止计时（停止时还剩 ${left} 个工作日）`
    : deadline.overdue ? `已超过办理时限 ${Math.abs(left)} 个工作日（${due}）` : left === 0 ? `今天是办理时限的最后一天（${due}）` : `还剩 ${left} 个工作日，${due}`;
  return deadline.covered ? text : `${text}（该年节假日安排尚未载入，按周一至周五估算）`;
}

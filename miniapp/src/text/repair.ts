import type { DishonestyRecord, RepairCase } from '@ycta/shared/contracts/credit-repair.contract';
import type { RecordKind, Severity } from '@ycta/shared/domain/credit-repair-policy';
import { deadlineText } from './deadline';
import { shanghaiDay } from './time';

// kept here (not imported from shared's runtime) so zod stays out of the weapp package
export const recordKindNames: Record<RecordKind, string> = {
  administrative_penalty: '行政处罚',
  abnormal_operation: '经营异常名录',
  serious_dishonesty: '严重失信主体名单',
  false_material: '踏勘发现虚假材料',
};
export const severityNames: Record<Severity, string> = { minor: '轻微', general: '一般', serious: '严重' };

type Status = DishonestyRecord['eligibility']['status'];
/** The answer to "can I repair it?" as a short label and the tone of the badge that carries it. */
export const eligibilityBadge: Record<Status, { label: string; tone: 'action' | 'progress' | 'done' | 'stop' }> = {
  now: { label: '现在可以修复', tone: 'action' },
  from: { label: '暂不能修复', tone: 'progress' },
  fulfil_first: { label: '先履行义务', tone: 'progress' },
  never: { label: '不可修复', tone: 'stop' },
  under_repair: { label: '修复审核中', tone: 'progress' },
  repaired: { label: '已修复', tone: 'done' },
};

/** `2026-07-01` as `2026年7月1日`. */
export function chineseDate(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export const recordTitle = (r: Pick<DishonestyRecord, 'kind' | 'decisionNo'>) => `${recordKindNames[r.kind]}（${r.decisionNo}）`;

/** The case's five-working-day clock in words; once decided, when and whether in time. */
export function repairClockText(c: Pick<RepairCase, 'clock' | 'state' | 'decidedInTime'>): string {
  const { deadline, workingDaysLeft, covered } = c.clock;
  if (c.state === 'decided') return `已办结，${c.decidedInTime ? '未超过' : '超过了'}办理时限（${shanghaiDay(deadline)}）`;
  return deadlineText({ remainingWorkingDays: workingDaysLeft, overdue: workingDaysLeft < 0, covered, dueOn: deadline, clockStoppedOn: null });
}

type Item = RepairCase['items'][number];
/** One record of a case: waiting for its department, or the department's answer with its reason. */
export function itemStatusText(item: Item): string {
  if (!item.decision) return `待${item.departmentName}审核`;
  return `${item.decision.accept ? '同意修复' : '不予修复'}（${item.departmentName}）：${item.decision.reason}`;
}

/** The commitment's version without its technical prefix (`commitment-2026-04.1` → `2026-04.1`). */
export const commitmentVersion = (version: string) => version.replace(/^commitment-/, '');

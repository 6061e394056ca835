import { isWorkingDay, shanghaiDateTime } from './working-days';

/**
 * What an inspector may offer, checked before anything is sent (the BFF refuses a whole batch for one bad slot).
 * The office hours are this project's default, not a cited rule: offices differ and set their own.
 */
export const officeHours = { start: '08:00', end: '18:00' } as const;

export interface SlotDraft { start: string; end: string }

/** What is wrong with a slot, in Chinese. `blocks`: the BFF would refuse it; otherwise a warning to confirm. */
export interface SlotProblem { text: string; blocks: boolean }

/** Each slot's problem, or null when it is fine; in the order given. */
export function slotProblems(slots: readonly SlotDraft[], now: Date, hours: { start: string; end: string } = officeHours): (SlotProblem | null)[] {
  return slots.map((slot, i) => {
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    if (!(end > start)) return { text: '结束时间须晚于开始时间', blocks: true };
    if (start <= now.getTime()) return { text: '该时段已经过去，请选择以后的时间', blocks: true };
    const clash = slots.findIndex((other, j) => j !== i && Date.parse(other.start) < end && start < Date.parse(other.end));
    if (clash >= 0) return { text: `与第 ${clash + 1} 个时段重叠`, blocks: true };
    // an inspector may still agree a time outside office hours with the applicant: warn, do not refuse
    const [startAt, endAt] = [shanghaiDateTime(new Date(start)), shanghaiDateTime(new Date(end))];
    if (!isWorkingDay(startAt.slice(0, 10)).working) return { text: '该日不是工作日', blocks: false };
    if (startAt.slice(0, 10) !== endAt.slice(0, 10) || startAt.slice(11) < hours.start || endAt.slice(11) > hours.end) {
      return { text: `不在工作时间（${hours.start}–${hours.end}）内`, blocks: false };
    }
    return null;
  });
}

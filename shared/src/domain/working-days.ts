import { z } from 'zod';
import builtin from 'chinese-days/dist/chinese-days.json';

/**
 * The working-day clock (DESIGN.md, Working days): Asia/Shanghai calendar dates, weekends off, the State Council's
 * holidays off and its make-up working days (调休) on. Built-in years come from `chinese-days`; staff load further
 * years (`YearCalendar`). Past the covered years the clock falls back to Monday–Friday and every answer that touched
 * such a year says `covered: false` — never silently.
 */

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export const CalendarDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => toDay(d) !== null, '日期不存在');
export type CalendarDate = z.infer<typeof CalendarDate>;

/** One year's official list: holidays (days off, weekdays or not) and make-up working days (weekends worked). */
export const YearCalendar = z.object({
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(CalendarDate).max(366),
  workdays: z.array(CalendarDate).max(366),
}).superRefine((cal, ctx) => {
  for (const key of ['holidays', 'workdays'] as const) {
    cal[key].forEach((d, i) => {
      if (!d.startsWith(`${cal.year}-`)) ctx.addIssue({ code: 'custom', path: [key, i], message: `日期不在 ${cal.year} 年内` });
    });
  }
  const off = new Set(cal.holidays);
  cal.workdays.forEach((d, i) => {
    if (off.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: '同一天不能既是节假日又是调休工作日' });
  });
});
export type YearCalendar = z.infer<typeof YearCalendar>;

export interface WorkingDayResult { date: string; covered: boolean }
export interface WorkingDayCount { days: number; covered: boolean }

export interface WorkingDayClock {
  /** Years whose official list the clock knows, ascending. */
  coveredYears(): number[];
  isWorkingDay(date: string): { working: boolean; covered: boolean };
  /** The `n`-th working day after `start` (the start day itself does not count); `n = 0` gives `start`. */
  addWorkingDays(start: string, n: number): WorkingDayResult;
  /** Working days in (a, b]: how many remain from `a` until the deadline `b`; negative when `b` is before `a`. */
  workingDaysBetween(a: string, b: string): WorkingDayCount;
}

const dayMs = 86_400_000;
const shanghaiOffsetMs = 8 * 3_600_000; // China keeps UTC+8 all year, no daylight saving

/** The Asia/Shanghai wall-clock time of an instant to the minute, `2026-11-30 11:19`: what people read. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + shanghaiOffsetMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

function toDay(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / dayMs;
}

function fromDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

function mustDay(date: string): number {
  const day = toDay(date);
  if (day === null) throw new RangeError(`not a calendar date: ${date}`);
  return day;
}

interface YearSets { holidays: Set<string>; workdays: Set<string> }

function builtinYears(): Map<number, YearSets> {
  const years = new Map<number, YearSets>();
  const sets = (d: string) => {
    const y = Number(d.slice(0, 4));
    let s = years.get(y);
    if (!s) years.set(y, (s = { holidays: new Set(), workdays: new Set() }));
    return s;
  };
  for (const d of Object.keys(builtin.holidays)) sets(d).holidays.add(d);
  for (const d of Object.keys(builtin.workdays)) sets(d).workdays.add(d);
  return years;
}

const builtinCalendar = builtinYears();

/** A clock over the built-in years plus `extraYears`; a loaded year replaces the built-in one of the same number. */
export function createWorkingDayClock(extraYears: readonly YearCalendar[] = []): WorkingDayClock {
  const years = new Map(builtinCalendar);
  for (const cal of extraYears) years.set(cal.year, { holidays: new Set(cal.holidays), workdays: new Set(cal.workdays) });

  const yearCovered = (date: string) => years.has(Number(date.slice(0, 4)));
  const spanCovered = (a: string, b: string) => {
    const [lo, hi] = [Number(a.slice(0, 4)), Number(b.slice(0, 4))].sort((x, y) => x - y) as [number, number];
    for (let y = lo; y <= hi; y++) if (!years.has(y)) return false;
    return true;
  };
  const working = (day: number): boolean => {
    const date = fromDay(day);
    const sets = years.get(Number(date.slice(0, 4)));
    if (sets?.workdays.has(date)) return true;
    if (sets?.holidays.has(date)) return false;
    const weekday = new Date(day * dayMs).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  return {
    coveredYears: () => [...years.keys()].sort((a, b) => a - b),
    isWorkingDay: (date) => ({ working: working(mustDay(date)), covered: yearCovered(date) }),
    addWorkingDays(start, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
      let day = mustDay(start);
      for (let left = n; left > 0;) {
        day += 1;
        if (working(day)) left -= 1;
      }
      const date = fromDay(day);
      return { date, covered: spanCovered(start, date) };
    },
    workingDaysBetween(a, b) {
      const [from, to] = [mustDay(a), mustDay(b)];
      const [lo, hi] = from <= to ? [from, to] : [to, from];
      let days = 0;
      for (let day = lo + 1; day <= hi; day++) if (working(day)) days += 1;
      return { days: from <= to ? days : -days, covered: spanCovered(a, b) };
    },
  };
}

const builtinClock = createWorkingDayClock();

/** The built-in clock's answers; the BFF builds its own clock with the years staff loaded. */
export const addWorkingDays = (start: string, n: number) => builtinClock.addWorkingDays(start, n);
export const workingDaysBetween = (a: string, b: string) => builtinClock.workingDaysBetween(a, b);
export const coveredYears = () => builtinClock.coveredYears();
export const isWorkingDay = (date: string) => builtinClock.isWorkingDay(date);

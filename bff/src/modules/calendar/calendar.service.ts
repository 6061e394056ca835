import { YearCalendar, createWorkingDayClock, type LoadedYear, type WorkingDayClock } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { CalendarYearModel, type CalendarYearRecord } from './calendar.model';

function toLoadedYear(r: CalendarYearRecord): LoadedYear {
  return { year: r.year, holidays: r.holidays, workdays: r.workdays, loadedBy: r.loadedBy, loadedAt: r.loadedAt.toISOString() };
}

export async function loadedYears(): Promise<LoadedYear[]> {
  const docs = await CalendarYearModel.find({}, { _id: 0, __v: 0 }).sort({ year: 1 }).lean<CalendarYearRecord[]>();
  return docs.map(toLoadedYear);
}

/**
 * The working-day clock with every year staff loaded. Read from the database on each use (a handful of small
 * documents), so every BFF instance sees a newly loaded year at once.
 */
export async function currentClock(): Promise<WorkingDayClock> {
  const years = await loadedYears();
  return createWorkingDayClock(years.map(({ year, holidays, workdays }) => ({ year, holidays, workdays })));
}

export async function calendarYears() {
  const [years, clock] = await Promise.all([loadedYears(), currentClock()]);
  return { coveredYears: clock.coveredYears(), loadedYears: years };
}

/** Loads (or replaces) one year's official list. */
export async function putCalendarYear(user: AuthUser, year: number, list: { holidays: string[]; workdays: string[] }): Promise<LoadedYear> {
  const parsed = YearCalendar.safeParse({ year, ...list });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppError('REQUEST.INVALID', { message: `请求内容不正确：${details[0]?.field} ${details[0]?.message}`, details });
  }
  const sorted = { holidays: [...new Set(parsed.data.holidays)].sort(), workdays: [...new Set(parsed.data.workdays)].sort() };
  const record: CalendarYearRecord = { year, ...sorted, loadedBy: user.username, loadedAt: new Date() };
  // a plain upsert: FerretDB 1.24 has no projection on findAndModify, and the last load of a year wins anyway
  await CalendarYearModel.updateOne({ year }, { $set: record }, { upsert: true });
  return toLoadedYear(record);
}

import { z } from 'zod';
import { defineContract } from '../contract';
import { IsoDateTime } from './common';
import { CalendarDate } from '../domain/working-days';

export const LoadedYear = z.object({
  year: z.number().int(),
  holidays: z.array(CalendarDate),
  workdays: z.array(CalendarDate),
  loadedBy: z.string(),
  loadedAt: IsoDateTime,
});
export type LoadedYear = z.infer<typeof LoadedYear>;

export const CalendarYears = z.object({
  /** Every year the working-day clock knows (built in and loaded); past the last one deadlines are flagged. */
  coveredYears: z.array(z.number().int()),
  /** Years staff loaded (a loaded year replaces the built-in list of the same year). */
  loadedYears: z.array(LoadedYear),
});
export type CalendarYears = z.infer<typeof CalendarYears>;

export const CalendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarYearBody = z.object({
  /** Days off (the official holidays, weekends inside them included or not). */
  holidays: z.array(CalendarDate).max(366),
  /** Make-up working days (调休上班), usually weekends. */
  workdays: z.array(CalendarDate).max(366),
});

export const calendarContract = defineContract({
  listCalendarYears: {
    method: 'GET', path: '/calendar/years', summary: '工作日历覆盖的年份', auth: ['applicant', 'inspector', 'expert', 'staff', 'admin'],
    responses: { 200: CalendarYears },
  },
  putCalendarYear: {
    method: 'PUT', path: '/calendar/years/:year', summary: '载入某年的法定节假日与调休工作日', auth: ['staff', 'admin'],
    params: CalendarYearParams, body: CalendarYearBody, responses: { 200: LoadedYear },
  },
});

import type { Logger } from 'pino';
import { calendarContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import { calendarYears, putCalendarYear } from './calendar.service';

export function calendarRoutes(deps: { logger: Logger }) {
  return [
    bind(c.listCalendarYears, () => calendarYears()),
    bind(c.putCalendarYear, async ({ user, params, body }) => {
      const loaded = await putCalendarYear(user, params.year, body);
      deps.logger.info({ year: loaded.year, holidays: loaded.holidays.length, workdays: loaded.workdays.length, by: user.id }, 'calendar year loaded');
      return loaded;
    }),
  ];
}

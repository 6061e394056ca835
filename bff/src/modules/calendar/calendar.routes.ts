import { calendarContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import { calendarYears, putCalendarYear } from './calendar.service';

export function calendarRoutes() {
  return [
    bind(c.listCalendarYears, () => calendarYears()),
    bind(c.putCalendarYear, ({ user, params, body }) => putCalendarYear(user, params.year, body)),
  ];
}

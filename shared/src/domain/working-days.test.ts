import { YearCalendar, addWorkingDays, coveredYears, createWorkingDayClock, shanghaiDate, workingDaysBetween } from './working-days';

// a 2027 list as staff would load it (New Year's Day and Spring Festival, with a make-up Saturday)
const year2027: YearCalendar = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'],
  workdays: ['2027-02-20'],
};

describe('the working-day clock', () => {
  it.each([
    // National Day 2026: 10-01..10-07 off, Saturday 10-10 worked
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-10-01', 1, '2026-10-08'],
    // Spring Festival 2026: 02-15..02-23 off, Saturday 02-14 and 02-28 worked
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-24', 4, '2026-02-28'],
    // an ordinary week, and n = 0
    ['2026-11-20', 1, '2026-11-23'],
    ['2026-11-20', 0, '2026-11-20'],
  ])('when %s plus %i working days, then %s (covered)', (start, n, due) => {
    expect(addWorkingDays(start, n)).toEqual({ date: due, covered: true });
  });

  it.each([
    ['2026-09-30', '2026-10-12', 4],
    ['2026-10-12', '2026-09-30', -4],
    ['2026-02-13', '2026-02-24', 2],
    ['2026-11-23', '2026-11-23', 0],
  ])('when counting from %s to %s, then %i working days', (a, b, days) => {
    expect(workingDaysBetween(a, b)).toEqual({ days, covered: true });
  });

  it('when a deadline passes the last built-in year, then it falls back to Monday–Friday and says covered: false', () => {
    expect(coveredYears()).toContain(2026);
    expect(coveredYears()).not.toContain(2027);
    // 2027-01-01 is New Year's Day, but without the 2027 list the fallback counts it as a Friday workday
    expect(addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-01', covered: false });
    expect(workingDaysBetween('2026-12-30', '2027-01-04')).toEqual({ days: 3, covered: false });
    expect(addWorkingDays('2026-12-28', 2)).toEqual({ date: '2026-12-30', covered: true });
  });

  it('when the 2027 list is loaded, then the same deadline skips New Year and is covered', () => {
    const clock = createWorkingDayClock([year2027]);
    expect(clock.coveredYears()).toContain(2027);
    expect(clock.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-04', covered: true });
    expect(clock.isWorkingDay('2027-02-20')).toEqual({ working: true, covered: true });
    expect(clock.addWorkingDays('2027-02-05', 1)).toEqual({ date: '2027-02-15', covered: true });
    // 2028 is still unknown
    expect(clock.addWorkingDays('2027-12-30', 3).covered).toBe(false);
  });

  it('when a loaded year lists days outside it or a day both off and worked, then the list is refused with the field named', () => {
    const bad = YearCalendar.safeParse({ year: 2027, holidays: ['2028-01-01', '2027-05-01'], workdays: ['2027-05-01'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['holidays.0', 'workdays.0']);
    expect(YearCalendar.safeParse({ year: 2027, holidays: ['2027-02-30'], workdays: [] }).success).toBe(false);
  });

  it('when an instant is late evening UTC, then its Shanghai date is the next day', () => {
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(shanghaiDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });

  it('when asked for a negative or fractional count, then it throws instead of guessing', () => {
    expect(() => addWorkingDays('2026-10-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-01', 1.5)).toThrow(RangeError);
  });
});

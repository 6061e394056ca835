import { CalendarYears, createWorkingDayClock, shanghaiDate } from '@ycta/shared';
import { startTestApp, type TestApp } from '../../../test/harness';
import { ApplicationModel } from './applications.model';

/** Deadlines as the API reports them, across holidays and past the covered years, and staff loading a year. */
let t: TestApp;
const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenOf(username)}` });

const year2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'],
  workdays: ['2027-02-20'],
};

let appId: string;
async function deadlineWhenSubmittedOn(submittedOn: string, timeLimitWorkingDays: number) {
  await ApplicationModel.updateOne({ _id: appId }, { $set: { submittedOn, timeLimitWorkingDays } });
  const res = await t.request.get(`/api/applications/${appId}`).set(await auth('applicant-red'));
  expect(res.status).toBe(200);
  return res.body.deadline;
}

beforeAll(async () => {
  t = await startTestApp();
  const list = await t.request.get('/api/applications').set(await auth('applicant-red'));
  appId = list.body.items[0].id;
});
afterAll(async () => { await t.close(); });

describe('deadlines in working days', () => {
  it('when an application was submitted the day before National Day 2026 with 4 working days, then it is due the Monday after the make-up Saturday', async () => {
    const deadline = await deadlineWhenSubmittedOn('2026-09-30', 4);
    expect(deadline).toMatchObject({ startedOn: '2026-09-30', timeLimitWorkingDays: 4, dueOn: '2026-10-12', covered: true });
    const today = shanghaiDate(new Date());
    expect(deadline.remainingWorkingDays).toBe(createWorkingDayClock().workingDaysBetween(today, '2026-10-12').days);
    expect(deadline.overdue).toBe(deadline.remainingWorkingDays < 0);
  });

  it('when submitted on the Friday before Spring Festival 2026 with 2 working days, then the make-up Saturday counts and the festival does not', async () => {
    expect(await deadlineWhenSubmittedOn('2026-02-13', 2)).toMatchObject({ dueOn: '2026-02-24', covered: true });
  });

  it('when the deadline falls in 2027 before its list is loaded, then it says covered: false and logs a warning; after staff load 2027 it is covered and skips New Year', async () => {
    const before = await deadlineWhenSubmittedOn('2026-12-30', 2);
    expect(before).toMatchObject({ dueOn: '2027-01-01', covered: false });
    expect(t.logs.some((l) => l.includes('"level":40') && l.includes('covered calendar years') && l.includes(appId))).toBe(true);

    const years = await t.request.get('/api/calendar/years').set(await auth('applicant-red'));
    expect(years.body.coveredYears).toContain(2026);
    expect(years.body.coveredYears).not.toContain(2027);

    const put = await t.request.put('/api/calendar/years/2027').set(await auth('staff1')).send(year2027);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ year: 2027, loadedBy: 'staff1', workdays: ['2027-02-20'] });
    expect(t.logs.some((l) => l.includes('calendar year loaded') && l.includes('"year":2027') && l.includes('"holidays":11'))).toBe(true);

    expect(await deadlineWhenSubmittedOn('2026-12-30', 2)).toMatchObject({ dueOn: '2027-01-04', covered: true });
    expect(await deadlineWhenSubmittedOn('2027-02-05', 1)).toMatchObject({ dueOn: '2027-02-15', covered: true });
    const after = await t.request.get('/api/calendar/years').set(await auth('inspector1'));
    expect(CalendarYears.safeParse(after.body).error).toBeUndefined();
    expect(after.body.coveredYears).toContain(2027);
    expect(after.body.loadedYears.map((y: { year: number }) => y.year)).toEqual([2027]);
  });

  it('when a year is loaded again, then the new list replaces the old one', async () => {
    const put = await t.request.put('/api/calendar/years/2027').set(await auth('admin')).send({ holidays: ['2027-01-01'], workdays: [] });
    expect([put.status, put.body.loadedBy]).toEqual([200, 'admin']);
    // 2027-01-02 is a Saturday anyway; Monday 01-04 is now the first working day after Friday 01-01
    expect(await deadlineWhenSubmittedOn('2026-12-31', 1)).toMatchObject({ dueOn: '2027-01-04', covered: true });
    expect(await deadlineWhenSubmittedOn('2027-02-05', 1)).toMatchObject({ dueOn: '2027-02-08', covered: true });
  });

  it.each([
    [{ holidays: ['2028-01-01'], workdays: [] }, 'body.holidays.0'],
    [{ holidays: ['2027-05-01'], workdays: ['2027-05-01'] }, 'body.workdays.0'],
    [{ holidays: ['2027-13-01'], workdays: [] }, 'body.holidays.0'],
    [{ holidays: [] }, 'body.workdays'],
  ])('when staff load %j, then 400 naming %s and nothing changes', async (body, field) => {
    const res = await t.request.put('/api/calendar/years/2027').set(await auth('staff1')).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
    const years = await t.request.get('/api/calendar/years').set(await auth('staff1'));
    expect(years.body.loadedYears[0].holidays).toEqual(['2027-01-01']);
  });

  it('when an applicant or inspector tries to load a year, then 403', async () => {
    for (const who of ['applicant-red', 'inspector1', 'expert1']) {
      const res = await t.request.put('/api/calendar/years/2028').set(await auth(who)).send({ holidays: [], workdays: [] });
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, 'AUTH.FORBIDDEN']);
    }
  });
});

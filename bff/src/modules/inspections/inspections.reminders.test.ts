import { startTestApp, type TestApp } from '../../../test/harness';
import { bookedInspection } from '../../../test/inspections/fixture';
import type { InspectionNotice, Notifier } from '../../infra/notify/notifier';
import { sendDueReminders } from './inspections.reminders';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

it('when a booked call starts within half an hour, then its applicant is reminded once, and a later call not yet', async () => {
  const soon = await bookedInspection(t);
  const later = await bookedInspection(t, { startInMinutes: 180 });
  const notices: InspectionNotice[] = [];
  const notifier: Notifier = { notify: async (n) => { notices.push(n); return { sent: 1, failed: 0 }; } };
  expect(await sendDueReminders(notifier)).toBeGreaterThanOrEqual(1);
  expect(await sendDueReminders(notifier)).toBe(0);
  const ids = notices.map((n) => n.inspectionId);
  expect(ids).toContain(soon.inspectionId);
  expect(ids).not.toContain(later.inspectionId);
  expect(notices.find((n) => n.inspectionId === soon.inspectionId)).toMatchObject({ kind: 'reminder' });
});

import { startTestApp, type TestApp } from '../../../test/harness';
import { auth } from '../../../test/inspections/fixture';
import { seedQueueDemo } from './inspections.demo';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

describe('the demo queues (npm start)', () => {
  it('when the demo is seeded, then inspector1 and inspector2 each find their own case in every queue tab, and seeding again adds nothing', async () => {
    expect(await seedQueueDemo()).toBe(10);
    expect(await seedQueueDemo()).toBe(0);
    const seen: Record<string, Record<string, string[]>> = {};
    for (const username of ['inspector1', 'inspector2']) {
      const token = auth(await t.tokenOf(username));
      const tab = async (query: Record<string, string>, path = '/api/inspections') =>
        ((await t.request.get(path).query(query).set(token)).body.items as { subjectName?: string; siteAddress: string }[])
          .map((i) => i.subjectName ?? i.siteAddress);
      seen[username] = {
        today: await tab({ when: 'today' }),
        upcoming: await tab({ when: 'upcoming' }),
        unbooked: await tab({ status: 'created' }),
        approval: await tab({ status: 'awaiting_credit_approval' }, '/api/applications'),
        overdue: await tab({ when: 'overdue' }),
      };
    }
    for (const username of ['inspector1', 'inspector2']) {
      for (const [tab, cases] of Object.entries(seen[username]!)) expect([username, tab, cases.length > 0]).toEqual([username, tab, true]);
    }
    // their own: nothing of one inspector's shows in the other's queue
    const all = (u: string) => Object.values(seen[u]!).flat();
    expect(all('inspector1').filter((c) => all('inspector2').includes(c))).toEqual([]);
  });
});

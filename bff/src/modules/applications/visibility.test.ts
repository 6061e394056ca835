import { Role } from '@ycta/shared';
import { startTestApp, type TestApp } from '../../../test/harness';
import { UserModel } from '../auth/auth.model';
import { ApplicationModel, type ApplicationRecord } from './applications.model';
import { canSee, visibleTo } from './applications.service';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

describe('who sees an application', () => {
  it('when the rule is checked on one application read by id, then it agrees with the query the lists use, for every seeded user', async () => {
    const apps = await ApplicationModel.find({}).lean<ApplicationRecord[]>();
    expect(apps.length).toBeGreaterThan(3);
    const users = await UserModel.find({}).lean<{ _id: unknown; role: string; username: string; subjectId?: unknown }[]>();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(Role.options));
    for (const u of users) {
      const user = { id: String(u._id), role: u.role as Role, username: u.username, subjectId: u.subjectId ? String(u.subjectId) : null };
      const listed = (await ApplicationModel.find(visibleTo(user), { _id: 1 }).lean<{ _id: unknown }[]>()).map((a) => String(a._id)).sort();
      const checked = apps.filter((a) => canSee(user, a)).map((a) => String(a._id)).sort();
      expect([u.username, checked]).toEqual([u.username, listed]);
    }
  });
});

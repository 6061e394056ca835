import { Role } from '@ycta/shared';
import { startTestApp, type TestApp } from './harness';

/**
 * Each role against each route of matters, subjects, applications and calendar, with real objects: who is let in
 * (and gets data) and who is refused. The generic matrix (no token, wrong role, unknown id) lives in access-matrix.
 */
let t: TestApp;
const usernames: Record<Role, string> = { applicant: 'applicant-red', inspector: 'inspector1', expert: 'expert1', staff: 'staff1', admin: 'admin', dept_reviewer: 'reviewer-market' };
const auth = async (role: Role) => ({ authorization: `Bearer ${await t.tokenOf(usernames[role])}` });

async function newRedApplication(): Promise<string> {
  const res = await t.request.post('/api/applications').set(await auth('applicant'))
    .send({ matterCode: 'internet-cafe', siteAddress: '海南省海口市龙华区国贸路 18 号' });
  expect(res.status).toBe(201);
  return res.body.id;
}

let redId: string;
let inspector1: string;
beforeAll(async () => {
  t = await startTestApp();
  redId = (await t.request.get('/api/applications').set(await auth('applicant'))).body.items[0].id;
  inspector1 = (await t.request.get('/api/me').set(await auth('inspector'))).body.id;
});
afterAll(async () => { await t.close(); });

type Expect = Record<Role, number>;
// department reviewers reach only the credit-repair routes: every route here refuses them by role
const all = (status: number): Expect => ({ applicant: status, inspector: status, expert: status, staff: status, admin: status, dept_reviewer: 403 });

interface Case { name: string; expect: Expect; call: (headers: Record<string, string>) => Promise<{ status: number; body: unknown }> }

const cases: Case[] = [
  { name: 'GET /matters', expect: all(200), call: async (h) => t.request.get('/api/matters').set(h) },
  { name: 'GET /matters/:code', expect: all(200), call: async (h) => t.request.get('/api/matters/internet-cafe').set(h) },
  { name: 'GET /subjects/mine', expect: { ...all(403), applicant: 200 }, call: async (h) => t.request.get('/api/subjects/mine').set(h) },
  { name: 'GET /applications', expect: all(200), call: async (h) => t.request.get('/api/applications').set(h) },
  {
    name: 'POST /applications', expect: { ...all(403), applicant: 201 },
    call: async (h) => t.request.post('/api/applications').set(h).send({ matterCode: 'training-school', siteAddress: '海南省海口市龙华区国贸路 20 号' }),
  },
  { name: 'GET /applications/:id', expect: { ...all(200), expert: 404 }, call: async (h) => t.request.get(`/api/applications/${redId}`).set(h) },
  {
    name: 'POST /applications/:id/withdrawal', expect: { ...all(403), applicant: 200 },
    call: async (h) => t.request.post(`/api/applications/${await newRedApplication()}/withdrawal`).set(h).send({ reason: '不再办理' }),
  },
  {
    name: 'POST /applications/:id/assignment', expect: { ...all(403), staff: 200, admin: 200 },
    call: async (h) => t.request.post(`/api/applications/${redId}/assignment`).set(h).send({ inspectorIds: [inspector1], reason: '重新指派' }),
  },
  { name: 'GET /calendar/years', expect: all(200), call: async (h) => t.request.get('/api/calendar/years').set(h) },
  {
    name: 'PUT /calendar/years/:year', expect: { ...all(403), staff: 200, admin: 200 },
    call: async (h) => t.request.put('/api/calendar/years/2030').set(h).send({ holidays: ['2030-01-01'], workdays: [] }),
  },
];

describe('each role on each route', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const got: Record<string, number> = {};
    for (const role of Role.options) {
      const res = await c.call(await auth(role));
      got[role] = res.status;
      if (res.status >= 400) {
        expect(Object.keys(res.body as object)).toEqual(['error']);
      } else {
        expect(res.body).not.toHaveProperty('error');
      }
    }
    expect(got).toEqual(c.expect);
  });
});

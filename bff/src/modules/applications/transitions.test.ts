import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/harness';
import { ApplicationChangeModel } from './application-change.model';
import type { AuthUser } from '../auth/auth.tokens';
import { getApplicationForUser, transitionApplication } from './applications.service';

/** `transitionApplication` — the one way statuses move — against the real embedded database. */
let t: TestApp;
const users: Record<string, AuthUser> = {};

async function userOf(username: string): Promise<AuthUser> {
  const res = await t.request.get('/api/me').set('authorization', `Bearer ${await t.tokenOf(username)}`);
  return { id: res.body.id, role: res.body.role, subjectId: res.body.subjectId, username };
}

async function freshApplication(): Promise<string> {
  const res = await t.request.post('/api/applications').set('authorization', `Bearer ${await t.tokenOf('applicant-red')}`)
    .send({ matterCode: 'internet-cafe', siteAddress: '海南省海口市龙华区国贸路 18 号' });
  expect(res.status).toBe(201);
  return res.body.id;
}

const expectRefused = async (p: Promise<unknown>) => {
  await expect(p).rejects.toMatchObject({ code: 'APPLICATION.INVALID_TRANSITION', status: 409 });
};

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['applicant-red', 'applicant-blue', 'inspector1', 'staff1', 'admin', 'expert1']) users[u] = await userOf(u);
});
afterAll(async () => { await t.close(); });

describe('transitionApplication', () => {
  it('when an application walks the whole path (blue gate, staff approval, booking, rectification, re-check, pass), then every step lands on the timeline', async () => {
    const id = await freshApplication();
    const snapshot = { tier: 'blue', source: 'local', checkedAt: new Date('2026-11-29T01:00:00Z'), policyVersion: '2026-11.1' };
    const steps: Array<[string, AuthUser | 'system', Record<string, unknown>?]> = [
      ['awaiting_credit_approval', 'system', { creditSnapshot: snapshot }],
      ['remote_approved', users.staff1!],
      ['inspection_booked', users.inspector1!],
      ['inspecting', 'system'],
      ['rectifying', users.inspector1!],
      ['inspection_booked', users.inspector1!],
      ['inspecting', 'system'],
      ['approved', users.inspector1!],
    ];
    for (const [to, actor, patch] of steps) {
      const app = await transitionApplication(id, { to: to as never, actor, reason: `到 ${to}`, ...(patch ? { patch } : {}) });
      expect(app.status).toBe(to);
    }
    const app = await getApplicationForUser(users['applicant-red']!, id);
    expect(app.timeline.map((e) => `${e.from ?? '-'}→${e.to} by ${e.actorRole}`)).toEqual([
      '-→submitted by applicant',
      'submitted→awaiting_credit_approval by system',
      'awaiting_credit_approval→remote_approved by staff',
      'remote_approved→inspection_booked by inspector',
      'inspection_booked→inspecting by system',
      'inspecting→rectifying by inspector',
      'rectifying→inspection_booked by inspector',
      'inspection_booked→inspecting by system',
      'inspecting→approved by inspector',
    ]);
    expect(app.timeline[2]!.actorId).toBe(users.staff1!.id);
    expect(app.creditSnapshot).toMatchObject({ tier: 'blue', source: 'local' });
    // final: not even the applicant may withdraw now
    await expectRefused(transitionApplication(id, { to: 'withdrawn', actor: users['applicant-red']!, reason: '撤回' }));
  });

  it('when admin decides a blue request, then it counts as staff; the black gate goes to onsite_required and an inspector books it', async () => {
    const a = await freshApplication();
    await transitionApplication(a, { to: 'awaiting_credit_approval', actor: 'system', reason: '蓝色等级' });
    await expect(transitionApplication(a, { to: 'onsite_required', actor: users.admin!, reason: '不同意远程' })).resolves.toMatchObject({ status: 'onsite_required' });
    await expect(transitionApplication(a, { to: 'inspection_booked', actor: users.inspector1!, reason: '预约现场' })).resolves.toMatchObject({ status: 'inspection_booked' });
    const b = await freshApplication();
    await expect(transitionApplication(b, { to: 'onsite_required', actor: 'system', reason: '黑色等级' })).resolves.toMatchObject({ status: 'onsite_required' });
  });

  it.each([
    ['remote_approved', 'applicant-red', 'the applicant approves their own remote request'],
    ['remote_approved', 'staff1', 'staff skip the credit gate'],
    ['inspection_booked', 'inspector1', 'an inspector books before the gate'],
    ['approved', 'inspector1', 'an inspector approves without an inspection'],
    ['inspecting', 'expert1', 'an expert moves anything'],
    ['withdrawn', 'staff1', 'staff withdraw for the applicant'],
  ])('when %s is asked by %s from submitted (%s), then 409 and the status stays', async (to, who, _why) => {
    const id = await freshApplication();
    await expectRefused(transitionApplication(id, { to: to as never, actor: users[who]!, reason: '不应允许' }));
    const app = await getApplicationForUser(users.staff1!, id);
    expect([app.status, app.timeline.length]).toEqual(['submitted', 1]);
  });

  it('when the system tries an inspector\'s conclusion, then it is refused', async () => {
    const id = await freshApplication();
    await transitionApplication(id, { to: 'remote_approved', actor: 'system', reason: '红色等级' });
    await transitionApplication(id, { to: 'inspection_booked', actor: users.inspector1!, reason: '预约' });
    await transitionApplication(id, { to: 'inspecting', actor: 'system', reason: '首次进入' });
    await expectRefused(transitionApplication(id, { to: 'approved', actor: 'system', reason: '自动通过' }));
  });

  it('when two actors race from the same status, then exactly one wins and the timeline has one entry for it', async () => {
    const id = await freshApplication();
    // ten writers at once: on FerretDB 1.24 a conditional findOneAndUpdate let most of them "win" (measured 5–15 of 20)
    const moves = [
      { to: 'remote_approved', actor: 'system' }, { to: 'withdrawn', actor: users['applicant-red']! },
      { to: 'onsite_required', actor: 'system' }, { to: 'awaiting_credit_approval', actor: 'system' },
    ] as const;
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) =>
      transitionApplication(id, { from: 'submitted', ...moves[i % moves.length]!, reason: `第 ${i} 个` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'APPLICATION.INVALID_TRANSITION' });
    }
    const app = await getApplicationForUser(users.staff1!, id);
    expect(app.timeline).toHaveLength(2);
    expect(app.timeline[1]!.to).toBe(app.status);
  });

  it('when the caller expected a status the application has left, then 409 with a message to refresh', async () => {
    const id = await freshApplication();
    await transitionApplication(id, { to: 'remote_approved', actor: 'system', reason: '红色等级' });
    await expect(transitionApplication(id, { from: 'submitted', to: 'onsite_required', actor: 'system', reason: '迟到的核验' }))
      .rejects.toMatchObject({ code: 'APPLICATION.INVALID_TRANSITION', message: expect.stringMatching(/刷新/) });
  });

  it('when a patch tries to rewrite the timeline or status, or the id is unknown, then it is refused', async () => {
    const id = await freshApplication();
    await expect(transitionApplication(id, { to: 'remote_approved', actor: 'system', reason: 'x', patch: { timeline: [] } })).rejects.toThrow(/timeline/);
    await expect(transitionApplication('ffffffffffffffffffffffff', { to: 'withdrawn', actor: users['applicant-red']!, reason: 'x' }))
      .rejects.toMatchObject({ code: 'APPLICATION.NOT_FOUND', status: 404 });
    expect((await getApplicationForUser(users.staff1!, id)).timeline).toHaveLength(1);
  });

  it('when getApplicationForUser is asked by a user who may not see it, then 404 APPLICATION.NOT_FOUND', async () => {
    const id = await freshApplication();
    await expect(getApplicationForUser(users['applicant-blue']!, id)).rejects.toMatchObject({ code: 'APPLICATION.NOT_FOUND', status: 404 });
    await expect(getApplicationForUser(users.expert1!, id)).rejects.toMatchObject({ code: 'APPLICATION.NOT_FOUND' });
    await expect(getApplicationForUser(users['applicant-red']!, 'not-an-id')).rejects.toMatchObject({ code: 'APPLICATION.NOT_FOUND' });
  });
});

describe('the change journal', () => {
  it('when a writer took a version and crashed before applying it, then the next writer is told to retry and the stalled change is rolled forward', async () => {
    const id = await freshApplication();
    const applicationId = new Types.ObjectId(id);
    const at = new Date(Date.now() - 60_000);
    await ApplicationChangeModel.create({
      applicationId, version: 1, kind: 'transition', at,
      set: { status: 'remote_approved' },
      push: { timeline: { from: 'submitted', to: 'remote_approved', actorId: 'system', actorRole: 'system', reason: '信用核验（中断）', at } },
    });
    await expectRefused(transitionApplication(id, { to: 'withdrawn', actor: users['applicant-red']!, reason: '撤回' }));
    const healed = await getApplicationForUser(users.staff1!, id);
    expect([healed.status, healed.version, healed.timeline.map((e) => e.to)]).toEqual(['remote_approved', 1, ['submitted', 'remote_approved']]);
    await expect(transitionApplication(id, { to: 'withdrawn', actor: users['applicant-red']!, reason: '撤回' })).resolves.toMatchObject({ status: 'withdrawn', version: 2 });
  });

  it('when a reassignment races a withdrawal, then neither is lost: what succeeded is on the application and the journal has no gap', async () => {
    const id = await freshApplication();
    const [withdrawal, assignment] = await Promise.allSettled([
      transitionApplication(id, { from: 'submitted', to: 'withdrawn', actor: users['applicant-red']!, reason: '撤回' }),
      t.request.post(`/api/applications/${id}/assignment`).set('authorization', `Bearer ${await t.tokenOf('staff1')}`)
        .send({ inspectorIds: [users.inspector1!.id], reason: '调整' }).then((r) => (r.status === 200 ? r : Promise.reject(r.body))),
    ]);
    expect([withdrawal.status, assignment.status].filter((s) => s === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    const app = await getApplicationForUser(users.staff1!, id);
    // every landed change is on the application, and the journal has one entry per version
    const journal = await ApplicationChangeModel.find({ applicationId: app._id }).sort({ version: 1 }).lean();
    expect(journal.map((c) => c.version)).toEqual(Array.from({ length: app.version! }, (_, i) => i + 1));
    expect(app.status).toBe(withdrawal.status === 'fulfilled' ? 'withdrawn' : 'submitted');
    expect(app.assignments).toHaveLength(assignment.status === 'fulfilled' ? 1 : 0);
    expect(journal).toHaveLength([withdrawal, assignment].filter((r) => r.status === 'fulfilled').length);
  });
});

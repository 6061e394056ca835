import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/harness';
import { ApplicationModel } from '../applications/applications.model';
import { UserModel } from '../auth/auth.model';
import { InspectionModel } from '../inspections/inspection.model';
import { addToFeed } from '../inspections/inspections.feed';
import { seedInspectionHistory } from './stats.history';
import { InspectionHistoryModel } from './stats.history.model';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const stats = async (username: string, query = '') =>
  t.request.get(`/api/stats${query}`).set('Authorization', `Bearer ${await t.tokenOf(username)}`);

/** A concluded live inspection of a seeded application, as the inspections module stores one. */
async function concludedInspection(opts: { minutes: number; concludedAt: Date; requestedHoursBefore: number }) {
  const seeded = await ApplicationModel.findOne().lean();
  // the credit gate's snapshot, as it stands on an application that went remote
  await ApplicationModel.updateOne({ _id: seeded!._id }, { $set: { creditSnapshot: { tier: 'orange', source: 'local', checkedAt: new Date() } } });
  const application = await ApplicationModel.findById(seeded!._id).lean();
  const inspector = await UserModel.findOne({ username: 'inspector2' }).lean();
  const inspection = await InspectionModel.create({
    applicationId: application!._id, subjectId: application!.subjectId, matterCode: application!.matterCode,
    mode: 'remote', status: 'concluded', inspectorIds: [inspector!._id],
    firstJoinAt: new Date(opts.concludedAt.getTime() - opts.minutes * 60_000), concludedAt: opts.concludedAt,
    durationSeconds: opts.minutes * 60,
    createdAt: new Date(opts.concludedAt.getTime() - opts.requestedHoursBefore * 3_600_000),
  });
  await addToFeed(inspection._id); // as concluding does
  return { application: application!, tier: (application!.creditSnapshot as { tier: string }).tier };
}

describe('GET /api/stats', () => {
  it('when nothing was concluded in the range, then the figures are zero and the averages empty, not made up', async () => {
    const res = await stats('staff1', `?from=${encodeURIComponent('2030-01-01T00:00:00Z')}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ inspections: 0, remote: 0, onsite: 0, remoteShare: null, matters: 0, mattersWithRemote: 0 });
    expect(res.body.durationMinutes.remote).toEqual({ count: 0, average: null, median: null });
    expect(res.body.creditTiers).toEqual([{ tier: 'red', count: 0 }, { tier: 'orange', count: 0 }, { tier: 'blue', count: 0 }, { tier: 'black', count: 0 }]);
  });

  it('when the demo seed has run, then its history shows the reform\'s figures: 180 → 30 minutes, 41.7 % of 2,434 remote, 1,015 cases, 93 matters', async () => {
    expect(await seedInspectionHistory()).toBe(0); // the harness's seed wrote it; seeding again adds nothing
    expect(await InspectionHistoryModel.countDocuments({ source: 'seeded-history' })).toBe(2434);
    expect(await InspectionModel.countDocuments()).toBe(0); // history never shows up as live inspections

    const res = await stats('staff1');
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ inspections: 2434, remote: 1015, onsite: 1419, remoteShare: 1015 / 2434, matters: 93, mattersWithRemote: 60 });
    expect(res.body.totals.remoteShare.toFixed(3)).toBe('0.417');
    expect(res.body.durationMinutes).toEqual({
      remote: { count: 1015, average: 30, median: 30 },
      onsite: { count: 1419, average: 180, median: 180 },
    });
    expect(res.body.requestToConclusionHours.count).toBe(1015);
    expect(res.body.byMatter).toHaveLength(93);
    const onsiteOnly = res.body.byMatter.filter((m: { remote: number }) => m.remote === 0);
    expect(onsiteOnly).toHaveLength(33);
    expect(res.body.byInspector.reduce((n: number, i: { remote: number; onsite: number }) => n + i.remote + i.onsite, 0)).toBe(2434);
    expect(res.body.creditTiers.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(2434);
    expect(res.body.seededHistory).toBe(2434);
  });

  it('when a live inspection is concluded, then it counts with its matter, inspector and the applicant\'s credit tier, and a date range can pick it alone', async () => {
    const concludedAt = new Date('2026-11-27T03:00:00Z');
    const { application, tier } = await concludedInspection({ minutes: 24, concludedAt, requestedHoursBefore: 50 });

    const res = await stats('admin', `?from=${encodeURIComponent('2026-11-27T00:00:00Z')}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ inspections: 1, remote: 1, onsite: 0, remoteShare: 1, matters: 1 });
    expect(res.body.seededHistory).toBe(0);
    expect(res.body.durationMinutes.remote).toEqual({ count: 1, average: 24, median: 24 });
    expect(res.body.requestToConclusionHours).toEqual({ count: 1, average: 50, median: 50 });
    expect(res.body.byMatter).toEqual([{ matterCode: application.matterCode, matterName: application.matterName, remote: 1, onsite: 0, remoteShare: 1 }]);
    expect(res.body.byInspector).toEqual([{ inspector: '李踏勘', remote: 1, onsite: 0 }]);
    expect(res.body.creditTiers.find((c: { tier: string }) => c.tier === tier).count).toBe(1);

    const all = await stats('staff1');
    expect(all.body.totals.inspections).toBe(2435);
    expect(all.body.totals.remote).toBe(1016);
    // (1015 × 30 + 24) / 1016 minutes, to one decimal
    expect(all.body.durationMinutes.remote.average).toBe(30);
  });

  it('when an open (not concluded) inspection exists, then it is not counted', async () => {
    const before = (await stats('staff1')).body.totals.inspections;
    const application = await ApplicationModel.findOne().lean();
    await InspectionModel.create({
      _id: new Types.ObjectId(), applicationId: application!._id, subjectId: application!.subjectId,
      matterCode: application!.matterCode, mode: 'remote', status: 'in_progress', firstJoinAt: new Date(),
    });
    expect((await stats('staff1')).body.totals.inspections).toBe(before);
  });

  it('when an applicant, inspector or expert asks, then 403; without a token, 401', async () => {
    for (const username of ['applicant-red', 'inspector1', 'expert1']) {
      const res = await stats(username);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    }
    expect((await t.request.get('/api/stats')).status).toBe(401);
  });

  it('when the range is not a date, then 400 with the field named', async () => {
    const res = await stats('staff1', '?from=yesterday');
    expect(res.status).toBe(400);
  });
});

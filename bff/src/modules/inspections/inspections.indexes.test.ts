import mongoose, { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth } from '../../../test/inspections/fixture';
import { ApplicationModel } from '../applications/applications.model';
import { UserModel } from '../auth/auth.model';
import { InspectionModel } from './inspection.model';
import { addToFeed, rebuildFeed } from './inspections.feed';
import { rebuildQueues, shanghaiToday } from './inspections.queues';
import { createInspectionForApplication, updateInStatus } from './inspections.service';

/**
 * The documents the hot reads use instead of scanning (inspectors' queue lists, the review desk's lists, the office
 * figures' running totals) are written by racing requests on a database without atomic conditional updates: what
 * each read answers must stay what the collection itself says, under concurrent writes and after a rebuild.
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const get = async (who: string, path: string) => {
  const res = await t.request.get(`/api/${path}`).set(auth(await t.tokenOf(who)));
  expect(res.status).toBe(200);
  return res.body;
};
const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
const userId = async (username: string) => (await UserModel.findOne({ username }).lean())!._id;

/** Creates inspections of a seeded application through the real write path (what the credit gate calls). */
async function createFor(inspectorIds: Types.ObjectId[], address: string) {
  const application = (await ApplicationModel.findOne().lean())!;
  return createInspectionForApplication({ ...application, _id: new Types.ObjectId(), assignedInspectorIds: inspectorIds, siteAddress: address, site: null, presite: undefined }, 'remote');
}

describe('an inspector\'s queue kept as documents', () => {
  it('when 20 inspections are assigned at once while others are cancelled and the queue is read, then the tab lists exactly what the collection holds, also after a rebuild', async () => {
    const inspector = await userId('inspector2');
    const first = await Promise.all(Array.from({ length: 10 }, (_v, k) => createFor([inspector], `海口市并发路 ${k} 号`)));
    // cancellations (never shown again: dropped from the list by readers) race new assignments and reads
    await Promise.all([
      ...first.slice(0, 5).map((i) => updateInStatus(i._id, ['created'], { $set: { status: 'cancelled' } })),
      ...Array.from({ length: 20 }, (_v, k) => createFor([inspector], `海口市并发路 ${10 + k} 号`)),
      get('inspector2', 'inspections?status=created&limit=100'),
      get('inspector2', 'inspections?status=created&limit=100'),
    ]);
    const truth = async () => (await InspectionModel.find({ inspectorIds: inspector, status: 'created' }, { _id: 1 }).lean()).map((i) => String(i._id)).sort();
    const listed = await get('inspector2', 'inspections?status=created&limit=100');
    expect(ids(listed.items)).toEqual(await truth());
    expect(listed.items).toHaveLength(25);

    await mongoose.connection.collection('inspector_queues').deleteMany({});
    await rebuildQueues(shanghaiToday(new Date()).start);
    expect(ids((await get('inspector2', 'inspections?status=created&limit=100')).items)).toEqual(await truth());
  }, 180_000);
});

/** Concludes an inspection as concluding does (the state, then the desk's lists). */
async function conclude(id: Types.ObjectId, minutes: number) {
  const concludedAt = new Date();
  await InspectionModel.updateOne({ _id: id }, { $set: { status: 'concluded', concludedAt, durationSeconds: minutes * 60, firstJoinAt: new Date(concludedAt.getTime() - minutes * 60_000) } });
  await addToFeed(id);
}

describe('the review desk\'s search and the office figures kept as documents', () => {
  it('when 24 inspections are concluded at once, then search pages list exactly the matching ones once each, the figures count every one, and both survive a rebuild', async () => {
    const inspector = await userId('inspector1');
    const made = await Promise.all(Array.from({ length: 24 }, (_v, k) => createFor([inspector], `琼山区${k % 2 ? '红城湖路' : '府城大道'} ${k} 号`)));
    const before = await get('staff1', 'stats');
    await Promise.all(made.map((i, k) => conclude(i._id, 10 + k)));

    const search = async (q: string) => {
      const seen: string[] = [];
      let page = await get('staff1', `inspections?status=concluded&order=recent&limit=5&q=${encodeURIComponent(q)}`);
      seen.push(...ids(page.items));
      while (page.nextCursor) {
        page = await get('staff1', `inspections?status=concluded&order=recent&limit=5&q=${encodeURIComponent(q)}&cursor=${page.nextCursor}`);
        seen.push(...page.items.map((i: { id: string }) => i.id));
      }
      return seen;
    };
    const truth = async (q: string) => (await InspectionModel.find({ status: 'concluded', 'site.address': new RegExp(q) }, { _id: 1 }).lean()).map((i) => String(i._id)).sort();
    for (const q of ['红城湖', '府城大道 2', '城', '琼山区府城大道 10 号', '没有这条路']) {
      const seen = await search(q);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(await truth(q));
    }
    expect(await search('红城湖')).toHaveLength(12);

    const after = await get('staff1', 'stats');
    expect(after.totals.inspections - before.totals.inspections).toBe(24);
    expect(after.totals.remote - before.totals.remote).toBe(24);
    // each took 10 … 33 minutes: the histogram's median and average are the exact ones
    const range = await get('staff1', `stats?from=${encodeURIComponent(new Date(Date.now() - 600_000).toISOString())}`);
    expect(range.durationMinutes.remote).toEqual({ count: 24, average: 21.5, median: 21.5 });

    // derived documents gone (a restore without them): the rebuild and the figures' totals bring back the same answers
    await mongoose.connection.collection('inspection_feed').deleteMany({});
    await mongoose.connection.collection('office_figures').deleteMany({});
    await rebuildFeed();
    expect([...await search('红城湖')].sort()).toEqual(await truth('红城湖'));
    expect(await get('staff1', 'stats')).toEqual({ ...after, generatedAt: expect.any(String) });
  }, 240_000);
});

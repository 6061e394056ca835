import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, bookedInspection, remoteInspection } from '../../../test/inspections/fixture';
import { InspectionModel } from './inspection.model';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const list = async (query: string) => {
  const res = await t.request.get(`/api/inspections?${query}`).set(auth(await t.tokenOf('staff1')));
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; siteAddress: string; mode: string }[]; nextCursor: string | null };
};

describe('the inspection list for the review desk', () => {
  it('when staff page newest first while new inspections arrive, then no page repeats or skips one', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await remoteInspection(t, i % 2 ? 'applicant-orange' : 'applicant-red')).inspectionId);
    const seen: string[] = [];
    let page = await list('order=recent&limit=2');
    expect(page.items.map((i) => i.id)).toEqual([made[4], made[3]]);
    seen.push(...page.items.map((i) => i.id));
    const newer = (await remoteInspection(t)).inspectionId; // created between two pages: belongs to the top, not to page 2
    while (page.nextCursor) {
      page = await list(`order=recent&limit=2&cursor=${page.nextCursor}`);
      seen.push(...page.items.map((i) => i.id));
    }
    expect(seen.slice(0, 5)).toEqual([...made].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(newer);
    expect((await list('order=recent&limit=1')).items[0]!.id).toBe(newer);
  });

  it('when staff search by words, by id or by mode, then the BFF filters; odd input is words, not a pattern', async () => {
    const { inspectionId } = await remoteInspection(t);
    expect((await list(`q=${inspectionId}&order=recent`)).items.map((i) => i.id)).toEqual([inspectionId]);
    const byWords = await list(`q=${encodeURIComponent('龙华区测试路')}&order=recent&limit=100`);
    expect(byWords.items.length).toBeGreaterThan(1);
    expect(byWords.items.every((i) => i.siteAddress.includes('龙华区测试路'))).toBe(true);
    expect((await list(`q=${encodeURIComponent('.*(')}&order=recent`)).items).toEqual([]);
    expect((await list('mode=onsite&order=recent&limit=100')).items.every((i) => i.mode === 'onsite')).toBe(true);
    const bad = await t.request.get('/api/inspections?order=recent&cursor=not-a-cursor').set(auth(await t.tokenOf('staff1')));
    expect([bad.status, bad.body.error.code]).toEqual([400, 'REQUEST.INVALID']);
    expect(bad.body.error.message).toContain('query.cursor');
  });
});

/** An inspection taken through the call to a pass conclusion, as its inspector does it. */
async function concludedInspection(applicant: string): Promise<string> {
  const { inspectionId } = await bookedInspection(t, { applicant });
  const as = async (who: string) => auth(await t.tokenOf(who));
  expect((await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as(applicant))).status).toBe(200);
  const detail = await t.request.get(`/api/inspections/${inspectionId}`).set(await as('inspector1'));
  for (const point of detail.body.checklist) {
    await t.request.put(`/api/inspections/${inspectionId}/checklist/${point.id}`).set(await as('inspector1')).send({ result: 'pass' });
  }
  expect((await t.request.post(`/api/inspections/${inspectionId}/conclusion`).set(await as('inspector1')).send({ result: 'pass' })).status).toBe(200);
  return inspectionId;
}

describe('the review desk\'s newest concluded inspections', () => {
  it('when inspections are concluded, then the newest page lists the latest conclusion first, pages neither repeat nor skip, and one concluded before the list was kept is there too', async () => {
    // an inspection concluded by a BFF from before the feed: in the collection, not in the feed documents
    const { inspectionId: before } = await remoteInspection(t);
    await InspectionModel.updateOne({ _id: before }, { $set: { status: 'concluded', concludedAt: new Date() } });
    await mongoose.connection.collection('inspection_feed').deleteMany({});
    const first = await concludedInspection('applicant-red');
    const second = await concludedInspection('applicant-orange');

    const seen: string[] = [];
    let page = await list('status=concluded&order=recent&limit=1');
    expect(page.items.map((i) => i.id)).toEqual([second]);
    seen.push(...page.items.map((i) => i.id));
    while (page.nextCursor) {
      page = await list(`status=concluded&order=recent&limit=1&cursor=${page.nextCursor}`);
      seen.push(...page.items.map((i) => i.id));
    }
    expect(seen.slice(0, 2)).toEqual([second, first]);
    expect(seen).toContain(before);
    expect(new Set(seen).size).toBe(seen.length);
    // the same set the collection itself holds
    const all = await InspectionModel.find({ status: 'concluded' }, { _id: 1 }).lean();
    expect([...seen].sort()).toEqual(all.map((i) => String(i._id)).sort());
  });
});


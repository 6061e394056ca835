import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';

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

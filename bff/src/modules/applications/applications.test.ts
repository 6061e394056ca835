import { ApplicationDetail, ApplicationSummary, page } from '@ycta/shared';
import { startTestApp, type TestApp } from '../../../test/harness';

/** Applications over HTTP against the real embedded database: scope by role, create, withdraw, assign, paging. */
let t: TestApp;
const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenOf(username)}` });

async function idsOf(username: string, query = ''): Promise<string[]> {
  const res = await t.request.get(`/api/applications${query}`).set(await auth(username));
  expect(res.status).toBe(200);
  return res.body.items.map((i: { id: string }) => i.id);
}

async function seededOf(username: string): Promise<string> {
  const [id] = await idsOf(username);
  return id!;
}

beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('who sees which application', () => {
  it('when each role lists applications, then applicants see their own subject, inspectors what is assigned, staff and admin all, experts none', async () => {
    const red = await t.request.get('/api/applications').set(await auth('applicant-red'));
    expect(page(ApplicationSummary).safeParse(red.body).error).toBeUndefined();
    expect(red.body.items).toHaveLength(1);
    expect(red.body.items[0]).toMatchObject({ subjectName: '海口红梅网咖有限公司', matterCode: 'internet-cafe', status: 'submitted', statusLabel: '已提交' });
    expect(await idsOf('inspector1')).toHaveLength(4);
    expect(await idsOf('inspector2')).toHaveLength(0);
    expect(await idsOf('staff1')).toHaveLength(4);
    expect(await idsOf('admin')).toHaveLength(4);
    expect(await idsOf('expert1')).toHaveLength(0);
  });

  it('when an applicant asks for another subject\'s application, then 404 APPLICATION.NOT_FOUND and nothing of it', async () => {
    const blackId = await seededOf('applicant-black');
    const res = await t.request.get(`/api/applications/${blackId}`).set(await auth('applicant-red'));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('APPLICATION.NOT_FOUND');
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(JSON.stringify(res.body)).not.toMatch(/黑石|entertainment|submitted/);
    // the same answer as for an id that does not exist at all
    const none = await t.request.get('/api/applications/ffffffffffffffffffffffff').set(await auth('applicant-red'));
    expect([none.status, none.body.error.code, none.body.error.message]).toEqual([404, 'APPLICATION.NOT_FOUND', res.body.error.message]);
  });

  it('when an inspector not assigned or an expert asks for an application, then 404; the assigned inspector and staff get it', async () => {
    const id = await seededOf('applicant-blue');
    for (const who of ['inspector2', 'expert1']) {
      const res = await t.request.get(`/api/applications/${id}`).set(await auth(who));
      expect([who, res.status]).toEqual([who, 404]);
    }
    for (const who of ['inspector1', 'staff1', 'admin', 'applicant-blue']) {
      const res = await t.request.get(`/api/applications/${id}`).set(await auth(who));
      expect([who, res.status, res.body.id]).toEqual([who, 200, id]);
    }
  });

  it('when the applicant opens their application, then status, timeline, deadline and their next actions are there', async () => {
    const id = await seededOf('applicant-orange');
    const res = await t.request.get(`/api/applications/${id}`).set(await auth('applicant-orange'));
    // the reply is exactly what the shared contract promises the mini-program
    expect(ApplicationDetail.strict().safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({
      status: 'submitted', statusLabel: '已提交', matterName: '托育机构备案', creditSnapshot: null, inspectionId: null,
      nextActions: [{ action: 'request_remote', label: '申请远程踏勘' }, { action: 'withdraw', label: '撤回申请' }],
      deadline: { timeLimitWorkingDays: 5, covered: true },
    });
    expect(res.body.nextStep).toMatch(/信用/);
    expect(res.body.timeline).toEqual([expect.objectContaining({ from: null, to: 'submitted', actorRole: 'applicant', reason: '提交申请' })]);
    const staffView = await t.request.get(`/api/applications/${id}`).set(await auth('staff1'));
    expect(staffView.body.nextActions.map((a: { action: string }) => a.action)).toEqual(['reassign']);
  });
});

describe('creating an application', () => {
  it('when an applicant submits, then it belongs to their own subject whatever the body says, and goes to the least busy inspector', async () => {
    const black = await t.request.get('/api/subjects/mine').set(await auth('applicant-black'));
    const res = await t.request.post('/api/applications').set(await auth('applicant-red'))
      .send({ matterCode: 'training-school', siteAddress: '海南省海口市龙华区滨海大道 1 号', subjectId: black.body.id, status: 'approved' });
    expect(res.status).toBe(201);
    const mine = await t.request.get('/api/subjects/mine').set(await auth('applicant-red'));
    expect(res.body).toMatchObject({ subjectId: mine.body.id, status: 'submitted', matterName: '校外培训机构设立' });
    // inspector1 has the four seeded applications open, inspector2 none
    const inspector2 = (await t.request.get('/api/me').set(await auth('inspector2'))).body.id;
    expect(res.body.assignedInspectorIds).toEqual([inspector2]);
    expect(res.body.site).toEqual({ lat: 20.0226, lng: 110.3254 });
    expect(await idsOf('inspector2')).toEqual([res.body.id]);
  });

  it.each([
    [{ siteAddress: '海南省海口市龙华区某路 1 号' }, 'body.matterCode'],
    [{ matterCode: 'internet-cafe', siteAddress: '短' }, 'body.siteAddress'],
    [{ matterCode: 'internet-cafe', siteAddress: '海南省海口市龙华区某路 1 号', site: { lat: 91, lng: 110 } }, 'body.site.lat'],
    [{ matterCode: 'Internet Cafe!', siteAddress: '海南省海口市龙华区某路 1 号' }, 'body.matterCode'],
  ])('when the body is %j, then 400 naming %s', async (body, field) => {
    const res = await t.request.post('/api/applications').set(await auth('applicant-red')).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.INVALID');
    expect(res.body.error.message).toContain(field);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('when the matter does not exist, then 404 MATTER.NOT_FOUND and nothing is stored', async () => {
    const before = await idsOf('staff1');
    const res = await t.request.post('/api/applications').set(await auth('applicant-red')).send({ matterCode: 'no-such-matter', siteAddress: '海南省海口市龙华区某路 1 号' });
    expect([res.status, res.body.error.code]).toEqual([404, 'MATTER.NOT_FOUND']);
    expect(await idsOf('staff1')).toEqual(before);
  });
});

describe('withdrawal and assignment', () => {
  it('when the applicant withdraws with a reason, then the status is withdrawn and the timeline says who and why; a second withdrawal is refused', async () => {
    const id = await seededOf('applicant-orange');
    const res = await t.request.post(`/api/applications/${id}/withdrawal`).set(await auth('applicant-orange')).send({ reason: '场地租约未谈妥' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    expect(res.body.nextActions).toEqual([]);
    const me = (await t.request.get('/api/me').set(await auth('applicant-orange'))).body;
    expect(res.body.timeline.at(-1)).toMatchObject({ from: 'submitted', to: 'withdrawn', actorId: me.id, actorRole: 'applicant', reason: '场地租约未谈妥' });
    const again = await t.request.post(`/api/applications/${id}/withdrawal`).set(await auth('applicant-orange')).send({ reason: '再次撤回' });
    expect([again.status, again.body.error.code]).toEqual([409, 'APPLICATION.INVALID_TRANSITION']);
    // nothing was deleted: staff still see it, with both timeline entries
    const staffView = await t.request.get(`/api/applications/${id}`).set(await auth('staff1'));
    expect(staffView.body.timeline.map((e: { to: string }) => e.to)).toEqual(['submitted', 'withdrawn']);
  });

  it('when an applicant withdraws another subject\'s application or gives no reason, then 404 and 400 naming body.reason', async () => {
    const blueId = await seededOf('applicant-blue');
    const other = await t.request.post(`/api/applications/${blueId}/withdrawal`).set(await auth('applicant-red')).send({ reason: '不是我的申请' });
    expect([other.status, other.body.error.code]).toEqual([404, 'APPLICATION.NOT_FOUND']);
    const bare = await t.request.post(`/api/applications/${blueId}/withdrawal`).set(await auth('applicant-blue')).send({});
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toContain('body.reason');
    expect((await t.request.get(`/api/applications/${blueId}`).set(await auth('applicant-blue'))).body.status).toBe('submitted');
  });

  it('when staff reassign to inspector2, then inspector2 sees it and inspector1 no longer does', async () => {
    const id = await seededOf('applicant-blue');
    const inspector2 = (await t.request.get('/api/me').set(await auth('inspector2'))).body.id;
    const res = await t.request.post(`/api/applications/${id}/assignment`).set(await auth('staff1')).send({ inspectorIds: [inspector2], reason: '张踏勘休假' });
    expect(res.status).toBe(200);
    expect(res.body.assignedInspectorIds).toEqual([inspector2]);
    expect((await t.request.get(`/api/applications/${id}`).set(await auth('inspector2'))).status).toBe(200);
    expect((await t.request.get(`/api/applications/${id}`).set(await auth('inspector1'))).status).toBe(404);
  });

  it('when staff assign someone who is not an inspector, or a finished application, then it is refused', async () => {
    const id = await seededOf('applicant-black');
    const expert = (await t.request.get('/api/me').set(await auth('expert1'))).body.id;
    const notInspector = await t.request.post(`/api/applications/${id}/assignment`).set(await auth('staff1')).send({ inspectorIds: [expert], reason: '试试专家' });
    expect([notInspector.status, notInspector.body.error.code]).toEqual([400, 'APPLICATION.INSPECTOR_NOT_FOUND']);
    const dup = await t.request.post(`/api/applications/${id}/assignment`).set(await auth('staff1')).send({ inspectorIds: [expert, expert], reason: '重复' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('body.inspectorIds');
    const withdrawn = (await t.request.get('/api/applications?status=withdrawn').set(await auth('staff1'))).body.items[0].id;
    const inspector1 = (await t.request.get('/api/me').set(await auth('inspector1'))).body.id;
    const done = await t.request.post(`/api/applications/${withdrawn}/assignment`).set(await auth('staff1')).send({ inspectorIds: [inspector1], reason: '已撤回的申请' });
    expect([done.status, done.body.error.code]).toEqual([409, 'APPLICATION.INVALID_TRANSITION']);
  });
});

describe('listing: filters and paging', () => {
  it('when filtered by status or matter, then only those come back; a bad filter or cursor is a 400 naming it', async () => {
    const withdrawn = await t.request.get('/api/applications?status=withdrawn').set(await auth('staff1'));
    expect(withdrawn.body.items.map((i: { status: string }) => i.status)).toEqual(['withdrawn']);
    const cafes = await t.request.get('/api/applications?matterCode=internet-cafe').set(await auth('staff1'));
    expect(cafes.body.items.map((i: { matterCode: string }) => i.matterCode)).toEqual(['internet-cafe']);
    const badStatus = await t.request.get('/api/applications?status=done').set(await auth('staff1'));
    expect([badStatus.status, badStatus.body.error.details[0].field]).toEqual([400, 'query.status']);
    const badCursor = await t.request.get('/api/applications?cursor=abc').set(await auth('staff1'));
    expect([badCursor.status, badCursor.body.error.details[0].field]).toEqual([400, 'query.cursor']);
    const badLimit = await t.request.get('/api/applications?limit=1000').set(await auth('staff1'));
    expect([badLimit.status, badLimit.body.error.details[0].field]).toEqual([400, 'query.limit']);
  });

  it('when applications are inserted while staff page through, then every earlier one is seen exactly once, newest first', async () => {
    const create = async (i: number) => {
      const res = await t.request.post('/api/applications').set(await auth(['applicant-red', 'applicant-blue', 'applicant-black'][i % 3]!))
        .send({ matterCode: 'internet-cafe', siteAddress: `海南省海口市龙华区测试路 ${i} 号` });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    for (let i = 0; i < 18; i++) await create(i);
    const before = await idsOf('staff1', '?limit=100');
    expect(before.length).toBeGreaterThanOrEqual(23);

    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const q: string = cursor ? `?limit=4&cursor=${cursor}` : '?limit=4';
      // a page request and two inserts race each other
      const [page] = await Promise.all([
        t.request.get(`/api/applications${q}`).set(await auth('staff1')),
        create(100 + inserted++), create(100 + inserted++),
      ]);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    const sorted = [...seen].sort().reverse();
    expect(seen).toEqual(sorted);
    expect(inserted).toBeGreaterThan(10);
  });
});

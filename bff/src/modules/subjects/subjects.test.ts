import { Matter, Subject } from '@ycta/shared';
import { startTestApp, type TestApp } from '../../../test/harness';
import { seedDemoData } from '../../seed';
import { SubjectModel } from './subjects.model';
import { maskIdNumber, maskPhone } from './masking';

/** The applicant's subject as they see it: ID and phone numbers masked in the reply and never stored in clear. */
let t: TestApp;
const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenOf(username)}` });

beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('GET /subjects/mine', () => {
  it('when a person applicant asks, then the ID and phone numbers come back masked', async () => {
    const res = await t.request.get('/api/subjects/mine').set(await auth('applicant-orange'));
    expect(res.status).toBe(200);
    expect(Subject.strict().safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({ kind: 'person', idNumberMasked: '4601**********1234', contactPhoneMasked: '139****5678', uscc: null });
    expect(JSON.stringify(res.body)).not.toMatch(/460100199003071234|13976005678/);
  });

  it('when an organisation applicant asks, then it has its USCC, its Haikou site and no ID number', async () => {
    const res = await t.request.get('/api/subjects/mine').set(await auth('applicant-red'));
    expect(res.body).toMatchObject({ kind: 'organisation', name: '海口红梅网咖有限公司', uscc: '91460100MA5T8R2Q3K', idNumberMasked: null });
    expect(res.body.site.lat).toBeCloseTo(20.02, 1);
    expect(res.body.site.lng).toBeCloseTo(110.33, 1);
  });

  it('when the database is read directly, then no full ID or phone number is stored', async () => {
    const raw = JSON.stringify(await SubjectModel.find({}).lean());
    expect(raw).not.toMatch(/460100199003071234|13976005678|13876001234/);
    // four applicants' subjects and four restaurants of the joint-inspection demo
    expect(await SubjectModel.countDocuments({ seedCreditTier: { $in: ['red', 'orange', 'blue', 'black'] } })).toBe(8);
  });

  it('when numbers of any length are masked, then only the ends show', () => {
    expect(maskIdNumber('460100199001011234')).toBe('4601**********1234');
    expect(maskIdNumber('46010019900101123X')).toBe('4601**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('GET /matters', () => {
  it('when anyone signed in asks, then the four matters come with 8–15 checklist points of stable, unique ids', async () => {
    const res = await t.request.get('/api/matters').set(await auth('expert1'));
    expect(res.body.items.map((m: { name: string }) => m.name).sort()).toEqual(['互联网上网服务营业场所设立', '娱乐场所经营许可', '托育机构备案', '校外培训机构设立'].sort());
    for (const m of res.body.items) expect(Matter.strict().safeParse(m).error).toBeUndefined();
    for (const m of res.body.items as Array<{ checklist: Array<{ id: string; title: string }>; timeLimitWorkingDays: number }>) {
      expect(m.checklist.length).toBeGreaterThanOrEqual(8);
      expect(m.checklist.length).toBeLessThanOrEqual(15);
      expect(new Set(m.checklist.map((c) => c.id)).size).toBe(m.checklist.length);
      expect(m.checklist.every((c) => /[\u4e00-\u9fa5]/.test(c.title))).toBe(true);
    }
    const childcare = await t.request.get('/api/matters/childcare-filing').set(await auth('applicant-red'));
    expect(childcare.body).toMatchObject({ timeLimitWorkingDays: 5, creditPolicy: { redTierTimeLimitWorkingDays: 2 } });
    const none = await t.request.get('/api/matters/no-such-matter').set(await auth('applicant-red'));
    expect([none.status, none.body.error.code]).toEqual([404, 'MATTER.NOT_FOUND']);
  });

  it('when the demo data is seeded twice, then nothing is duplicated', async () => {
    const subjects = await SubjectModel.countDocuments({});
    await seedDemoData({ quiet: true });
    const staff = await t.request.get('/api/applications').set(await auth('staff1'));
    expect(staff.body.items).toHaveLength(4);
    expect(await SubjectModel.countDocuments({})).toBe(subjects);
    const matters = await t.request.get('/api/matters').set(await auth('staff1'));
    expect(matters.body.items).toHaveLength(4);
  });
});

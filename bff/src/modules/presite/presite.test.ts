import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { wgs84ToGcj02 } from '@ycta/shared';
import { startTestApp, type TestApp } from '../../../test/harness';
import { verifyInspectionChain, listEvents } from '../ledger/ledger.service';
import { PresiteRequestModel } from './presite.model';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const as = async (username: string) => `Bearer ${await t.tokenOf(username)}`;
/** The seeded red-credit internet café's site at 国贸, WGS-84; the demo layer has a school 356 m north of it. */
const guomao = { lat: 20.0226, lng: 110.3254 };
const cafeSite = {
  matterCode: 'internet-cafe', siteAddress: '海南省海口市龙华区国贸路 20 号 2 层', site: guomao, datum: 'wgs84',
  lowestFloor: 2, highestFloor: 2, aboveGroundFloors: 6, undergroundFloors: 1, buildingUse: 'commercial', landUse: 'commercial',
  floorArea: 320, plannedOpeningOn: '2027-03-01',
};
const submit = async (username: string, body: Record<string, unknown>) =>
  t.request.post('/api/presite/requests').set('Authorization', await as(username)).send(body);

describe('submitting a candidate site', () => {
  it('when a red-credit subject submits a site 356 m from a school, then the preliminary pre-check answers at once with the figures, on its own chain', async () => {
    const res = await submit('applicant-red', cafeSite);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', creditTier: 'red', timeLimitWorkingDays: 1, precheckDecision: 'compliant', layer: { demo: true } });
    const school = res.body.precheck.find((o: { ruleId: string }) => o.ruleId === 'school-distance');
    expect(school).toMatchObject({ result: 'compliant', resultLabel: '符合', figure: '最近的中小学校 356 米：国贸实验小学（演示）（超过 200 米）' });
    expect(school.basis).toMatchObject({ article: '第九条' });
    expect(res.body.nearby.map((p: { name: string }) => p.name)).toContain('国贸实验小学（演示）');
    const events = await listEvents(res.body.id);
    expect(events.map((e) => e.type)).toEqual(['presite.submitted']);
    expect((await verifyInspectionChain(res.body.id)).ok).toBe(true);
  });

  it('when the site was picked on a WeChat map (GCJ-02), then it is converted to WGS-84 before measuring and storing', async () => {
    const res = await submit('applicant-red', { ...cafeSite, site: wgs84ToGcj02(guomao), datum: 'gcj02' });
    expect(res.status).toBe(201);
    expect(res.body.site.lat).toBeCloseTo(guomao.lat, 6);
    expect(res.body.site.lng).toBeCloseTo(guomao.lng, 6);
    expect(res.body.precheck[0].figure).toMatch(/356 米/);
  });

  it.each([
    ['a site in Beijing, outside the office area', { site: { lat: 39.9, lng: 116.4 } }, 'PRESITE.OUTSIDE_AREA', /海口市辖区/],
    ['floor 0', { lowestFloor: 0, highestFloor: 1 }, 'PRESITE.FLOOR_NOT_EXIST', /没有“0 层”/],
    ['floor 7 of a 6-storey building', { lowestFloor: 7, highestFloor: 7 }, 'PRESITE.FLOOR_NOT_EXIST', /地上只有 6 层/],
    ['basement −2 of a building with one basement floor', { lowestFloor: -2, highestFloor: -2 }, 'PRESITE.FLOOR_NOT_EXIST', /地下只有 1 层/],
    ['a matter without 预选址 rules', { matterCode: 'training-school' }, 'PRESITE.NO_RULES', /暂无预选址规则/],
  ])('when the request names %s, then 400 with a stable code and a Chinese message, and nothing is stored', async (_name, change, code, message) => {
    const before = await PresiteRequestModel.countDocuments();
    const res = await submit('applicant-red', { ...cafeSite, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await PresiteRequestModel.countDocuments()).toBe(before);
  });
});

describe('staff review and the advice letter', () => {
  it('when staff confirm and override each rule and issue the advice, then the letter carries the rules, figures, decision and validity; a second issue is refused', async () => {
    const created = (await submit('applicant-red', cafeSite)).body;
    const staff = await as('staff1');
    const queue = await t.request.get('/api/presite/requests').set('Authorization', staff);
    expect(queue.body.items[0].creditTier).toBe('red');

    const early = await t.request.post(`/api/presite/requests/${created.id}/advice`).set('Authorization', staff).send({});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PRESITE.REVIEW_INCOMPLETE');
    const letterTooEarly = await t.request.get(`/api/presite/requests/${created.id}/letter`).set('Authorization', await as('applicant-red'));
    expect(letterTooEarly.body.error.code).toBe('PRESITE.NOT_ADVISED');

    const review = (ruleId: string, body: object) => t.request.put(`/api/presite/requests/${created.id}/reviews/${ruleId}`).set('Authorization', staff).send(body);
    expect((await review('school-distance', { result: 'compliant' })).status).toBe(200);
    const silentOverride = await review('not-residential', { result: 'manual' });
    expect(silentOverride.body.error.code).toBe('PRESITE.NOTE_REQUIRED');
    const reviewed = await review('not-residential', { result: 'compliant', note: '已核对房产证：商业用房' });
    expect(reviewed.body.reviews).toHaveLength(2);

    const issued = await t.request.post(`/api/presite/requests/${created.id}/advice`).set('Authorization', staff).send({ note: '可以租赁' });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'advised', advice: { decision: 'compliant', decisionLabel: '符合', note: '可以租赁' } });
    const again = await t.request.post(`/api/presite/requests/${created.id}/advice`).set('Authorization', staff).send({});
    expect(again.body.error.code).toBe('PRESITE.ALREADY_ADVISED');

    const letter = await t.request.get(`/api/presite/requests/${created.id}/letter`).set('Authorization', await as('applicant-red'))
      .buffer(true).parse((res, cb) => { const c: Buffer[] = []; res.on('data', (d: Buffer) => c.push(d)); res.on('end', () => cb(null, Buffer.concat(c))); });
    expect(letter.status).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'letter-'));
    writeFileSync(join(dir, 'a.pdf'), letter.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const words of ['预选址意见书', '与中小学校的距离：符合', '最近的中小学校356米：国贸实验小学（演示）', '结论：符合', `有效期至：${issued.body.advice.validUntil}`, '第九条']) {
      expect(text).toContain(words);
    }
    const types = (await listEvents(created.id)).map((e) => e.type);
    expect(types).toEqual(['presite.submitted', 'presite.reviewed', 'presite.reviewed', 'presite.advised']);
    expect((await verifyInspectionChain(created.id)).ok).toBe(true);

    const stranger = await t.request.get(`/api/presite/requests/${created.id}`).set('Authorization', await as('applicant-blue'));
    expect(stranger.status).toBe(404);
    const figures = await t.request.get('/api/presite/figures').set('Authorization', staff);
    expect(figures.body).toMatchObject({ advised: 1, compliantShare: 1, averageWorkingDays: 0 });
    expect(figures.body.byTier.find((x: { tier: string }) => x.tier === 'red')).toMatchObject({ advised: 1, compliant: 1 });
  });
});

describe('site photos', () => {
  it('when the applicant adds site photos, then each goes through the media intake with time, place and distance from the candidate point, staff can open it, a stranger cannot, and a file that is not a picture changes nothing', async () => {
    const created = (await submit('applicant-red', cafeSite)).body;
    const applicant = await as('applicant-red');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#468' } }).jpeg().toBuffer();
    const taken = new Date().toISOString();
    const up = await t.request.post(`/api/presite/requests/${created.id}/photos`).set('Authorization', applicant)
      .field('capturedAt', taken).field('lat', String(guomao.lat + 0.0003)).field('lng', String(guomao.lng))
      .attach('file', photo, { filename: 'site.jpg', contentType: 'image/jpeg' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ width: 800, height: 600, captureTimeSource: 'client', gps: { source: 'client' }, marks: { stale: false, far: false, siteUnconfirmed: true } });
    expect(up.body.distanceMeters).toBeGreaterThan(25);
    expect(up.body.distanceMeters).toBeLessThan(45);

    const text = await t.request.post(`/api/presite/requests/${created.id}/photos`).set('Authorization', applicant)
      .attach('file', Buffer.from('not a picture'), { filename: 'site.jpg', contentType: 'image/jpeg' });
    expect(text.body.error.code).toBe('MEDIA.TYPE_NOT_ALLOWED');
    const staff = await as('staff1');
    const seen = await t.request.get(`/api/presite/requests/${created.id}`).set('Authorization', staff);
    expect(seen.body.photos.map((p: { id: string }) => p.id)).toEqual([up.body.id]);
    expect((await t.request.get(`/api/media/${up.body.id}?thumb=1`).set('Authorization', staff)).status).toBe(200);
    expect((await t.request.get(`/api/media/${up.body.id}`).set('Authorization', await as('applicant-blue'))).status).toBe(404);
    const types = (await listEvents(created.id)).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['presite.submitted', 'photo.stored']);
  });
});

describe('into the licence application', () => {
  it('when the subject applies for that matter at the advised site, then the advice is attached and the inspection shows the school distance as settled by it', async () => {
    const created = (await submit('applicant-red', cafeSite)).body;
    const staff = await as('staff1');
    for (const o of created.precheck) await t.request.put(`/api/presite/requests/${created.id}/reviews/${o.ruleId}`).set('Authorization', staff).send({ result: o.result });
    await t.request.post(`/api/presite/requests/${created.id}/advice`).set('Authorization', staff).send({});

    const applicant = await as('applicant-red');
    const app = await t.request.post('/api/applications').set('Authorization', applicant)
      .send({ matterCode: 'internet-cafe', siteAddress: cafeSite.siteAddress, site: { lat: guomao.lat + 0.0001, lng: guomao.lng } });
    expect(app.status).toBe(201);
    expect(app.body.presiteAdvice).toMatchObject({ decision: 'compliant', settled: [{ checklistItemId: 'distance-from-school', ruleTitle: '与中小学校的距离' }] });
    const elsewhere = await t.request.post('/api/applications').set('Authorization', applicant)
      .send({ matterCode: 'internet-cafe', siteAddress: '海南省海口市美兰区别处 1 号', site: { lat: 20.05, lng: 110.35 } });
    expect(elsewhere.body.presiteAdvice).toBeNull();

    const gate = await t.request.post(`/api/applications/${app.body.id}/remote-requests`).set('Authorization', applicant).send({});
    expect(gate.body.inspectionId).toBeTruthy();
    const inspection = await t.request.get(`/api/inspections/${gate.body.inspectionId}`).set('Authorization', staff);
    const point = inspection.body.checklist.find((c: { id: string }) => c.id === 'distance-from-school');
    expect(point.settledBy).toMatchObject({ ruleTitle: '与中小学校的距离', figure: expect.stringMatching(/356 米/) });
    expect(inspection.body.checklist.filter((c: { settledBy?: unknown }) => c.settledBy)).toHaveLength(1);
  });
});

describe('the places layer', () => {
  it('when a CSV has bad rows, then the report names each row and nothing is stored; a good GeoJSON becomes the next version and the next pre-check measures against it', async () => {
    const staff = await as('staff1');
    const before = (await t.request.get('/api/presite/layer').set('Authorization', staff)).body.layer;
    const bad = await t.request.post('/api/presite/layer?format=csv&label=测试图层').set('Authorization', staff).set('Content-Type', 'text/csv')
      .send('类别,名称,纬度,经度\n中小学校,好学校,20.02,110.32\n游乐园,坏类别,20.02,110.32\n医院,坏坐标,200,110\n');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('PRESITE.LAYER_BAD_ROWS');
    expect(bad.body.error.details.errors).toEqual([
      { row: 3, message: expect.stringMatching(/类别“游乐园”无法识别/) },
      { row: 4, message: expect.stringMatching(/经纬度无效/) },
    ]);
    expect((await t.request.get('/api/presite/layer').set('Authorization', staff)).body.layer).toEqual(before);

    const school = { lat: guomao.lat + 0.0015, lng: guomao.lng }; // about 167 m north
    const geojson = { type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [school.lng, school.lat] }, properties: { kind: 'school', name: '新建小学' } },
    ] };
    const good = await t.request.post('/api/presite/layer?format=geojson&label=正式图层').set('Authorization', staff)
      .set('Content-Type', 'application/geo+json').send(JSON.stringify(geojson));
    expect(good.status).toBe(201);
    expect(good.body.layer).toMatchObject({ version: before.version + 1, demo: false, count: 1 });

    const res = await submit('applicant-red', cafeSite);
    expect(res.body.precheck[0]).toMatchObject({ result: 'noncompliant', figure: '最近的中小学校 167 米：新建小学（不超过 200 米）' });
  });

  it('when an admin publishes a new rule version, then new requests use it and say which version they used', async () => {
    const admin = await as('admin');
    const rules = (await t.request.get('/api/presite/rules').set('Authorization', admin)).body.items.find((s: { matterCode: string }) => s.matterCode === 'internet-cafe');
    const stricter = rules.rules.map((r: { id: string }) => (r.id === 'school-distance' ? { ...r, minMeters: 300 } : r));
    const published = await t.request.put('/api/presite/rules/internet-cafe').set('Authorization', admin).send({ rules: stricter, note: '地方规定改为 300 米（测试）' });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(rules.version + 1);
    const staffTry = await t.request.put('/api/presite/rules/internet-cafe').set('Authorization', await as('staff1')).send({ rules: stricter, note: '试试' });
    expect(staffTry.status).toBe(403);
    const res = await submit('applicant-red', cafeSite);
    expect(res.body.ruleSetVersion).toBe(published.body.version);
    expect(res.body.precheck[0].figure).toMatch(/不超过 300 米/);
  });
});

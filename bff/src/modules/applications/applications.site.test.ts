import sharp from 'sharp';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';
import { listEvents } from '../ledger/ledger.service';

/** The red applicant's registered site (applications.demo.ts) and a point the applicant picks 1.1 km north of it. */
const registered = { lat: 20.0226, lng: 110.3254 };
const picked = { lat: 20.0326, lng: 110.3254 };

/** A photo whose EXIF says it was taken just now at the picked point (20°01'57.36" N, 110°19'31.44" E). */
function photoAtPicked(): Promise<Buffer> {
  const local = new Date(Date.now() - 60_000 + 8 * 3600_000).toISOString();
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#39f' } }).jpeg().withExif({
    IFD2: { DateTimeOriginal: `${local.slice(0, 10).replace(/-/g, ':')} ${local.slice(11, 19)}` },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '20/1 1/1 5736/100', GPSLongitudeRef: 'E', GPSLongitude: '110/1 19/1 3144/100' },
  } as never).toBuffer();
}

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

const upload = async (inspectionId: string, name: string) => t.request.post(`/api/inspections/${inspectionId}/photos`)
  .set(auth(await t.tokenOf('applicant-red'))).field('checklistItemId', 'fire-exits')
  .attach('file', await photoAtPicked(), { filename: name, contentType: 'image/jpeg' });

describe('the site point as evidence the applicant cannot steer', () => {
  it('when the applicant files without a map pick, then the register\'s point is used and says so', async () => {
    const token = await t.tokenOf('applicant-red');
    const matterCode = (await t.request.get('/api/matters').set(auth(token))).body.items[0].code as string;
    const res = await t.request.post('/api/applications').set(auth(token)).send({ matterCode, siteAddress: '海南省海口市龙华区滨海大道 1 号' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ site: registered, siteOrigin: 'registered' });
  });

  it('when the applicant picks another point, then it is a proposal: photos judged against it say so until staff confirm it, and both records name who confirmed it and why', async () => {
    const { inspectionId, application } = await remoteInspection(t, 'applicant-red', { site: picked });
    const id = String(application._id);
    const applicantView = await t.request.get(`/api/applications/${id}`).set(auth(await t.tokenOf('applicant-red')));
    expect(applicantView.body).toMatchObject({ site: picked, siteOrigin: 'proposed' });

    const before = await upload(inspectionId, 'before.jpg');
    expect(before.status).toBe(201);
    expect(before.body.distanceMeters).toBeLessThan(10);
    expect(before.body.marks).toMatchObject({ far: false, siteUnconfirmed: true });
    expect(before.body.marks.reasons.join()).toContain('尚未经工作人员确认');

    // the applicant cannot confirm their own pick, and staff must say why
    const own = await t.request.post(`/api/applications/${id}/site-confirmation`).set(auth(await t.tokenOf('applicant-red'))).send({ reason: '我确认' });
    expect(own.status).toBe(403);
    const staff = auth(await t.tokenOf('staff1'));
    const bare = await t.request.post(`/api/applications/${id}/site-confirmation`).set(staff).send({});
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('REQUEST.INVALID');
    expect((await t.request.get(`/api/applications/${id}`).set(staff)).body.siteOrigin).toBe('proposed');

    const confirmed = await t.request.post(`/api/applications/${id}/site-confirmation`).set(staff).send({ reason: '已核对不动产权证坐落' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ site: picked, siteOrigin: 'confirmed' });

    const onInspection = (await listEvents(inspectionId)).filter((e) => e.type === 'site.confirmed');
    expect(onInspection).toHaveLength(1);
    expect(onInspection[0]!.actor.role).toBe('staff');
    expect(onInspection[0]!.payload).toMatchObject({ reason: '已核对不动产权证坐落', lat: picked.lat, previous: { origin: 'proposed' } });
    expect((await listEvents(id)).some((e) => e.type === 'site.confirmed')).toBe(true);

    // the photo judged before keeps its mark (it was judged against a proposal); a new one is judged against the confirmed point
    const after = await upload(inspectionId, 'after.jpg');
    expect(after.body.marks.siteUnconfirmed).toBe(false);
    const photos = (await t.request.get(`/api/inspections/${inspectionId}/photos`).set(staff)).body.items as Array<{ id: string; marks: { siteUnconfirmed: boolean } }>;
    expect(photos.find((p) => p.id === before.body.id)!.marks.siteUnconfirmed).toBe(true);
  });

  it('when staff set the point they found, then the application and its open inspection take it', async () => {
    const { inspectionId, application } = await remoteInspection(t, 'applicant-red', { site: picked });
    const found = { lat: 20.0227, lng: 110.3255 };
    const res = await t.request.post(`/api/applications/${String(application._id)}/site-confirmation`).set(auth(await t.tokenOf('staff1')))
      .send({ site: found, reason: '现场核实，申请人标错楼栋' });
    expect(res.body).toMatchObject({ site: found, siteOrigin: 'confirmed' });
    const photo = await upload(inspectionId, 'moved.jpg');
    expect(photo.body.distanceMeters).toBeGreaterThan(1000);
    expect(photo.body.marks).toMatchObject({ far: true, siteUnconfirmed: false });
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';
import { gridCounts } from '../../infra/gridfs';

/** An ISO base-media `ftyp` box naming mp42: how every phone's MP4 begins. */
const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4), Buffer.from('mp42isom')]);
const video = Buffer.concat([ftyp, randomBytes(1024 * 1024)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let inspectionId: string;
beforeAll(async () => {
  t = await startTestApp();
  inspectionId = (await remoteInspection(t)).inspectionId;
});
afterAll(() => t.close());

describe('walk-through videos (multipart, as Taro.uploadFile sends them)', () => {
  it('when the applicant uploads an MP4 at the site, then it is stored whole with its hash and distance and on the record', async () => {
    const red = await t.tokenOf('applicant-red');
    const res = await t.request.post(`/api/inspections/${inspectionId}/walkthroughs`).set(auth(red))
      .field('capturedAt', new Date().toISOString()).field('lat', '20.0226').field('lng', '110.3254')
      .attach('file', video, { filename: 'tour.mp4', contentType: 'video/mp4' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'video/mp4', size: video.length, sha256: sha256(video), distanceMeters: 0 });
    const record = await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(red));
    const event = record.body.events.find((e: { type: string; payload: { mediaId?: string } }) => e.type === 'recording.chunk.stored' && e.payload.mediaId === res.body.id);
    expect(event.payload).toMatchObject({ recordingKind: 'walkthrough', sha256: sha256(video), size: video.length });
    const range = await t.request.get(res.body.url).set(auth(await t.tokenOf('inspector1'))).set('range', 'bytes=0-11');
    expect(range.status).toBe(206);
    expect(range.headers['content-type']).toBe('video/mp4');
  });

  it('when a photo or text is sent as the video, then MEDIA.TYPE_NOT_ALLOWED names video formats and nothing is stored', async () => {
    const before = await gridCounts();
    const res = await t.request.post(`/api/inspections/${inspectionId}/walkthroughs`).set(auth(await t.tokenOf('applicant-red')))
      .attach('file', Buffer.from('hello '.repeat(2000)), { filename: 'tour.mp4', contentType: 'video/mp4' });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'MEDIA.TYPE_NOT_ALLOWED' });
    expect(res.body.error.message).toMatch(/MP4/);
    expect(await gridCounts()).toEqual(before);
  });

  it('when an inspector or another subject\'s applicant sends one, then 403 and 404', async () => {
    const as = async (who: string) => (await t.request.post(`/api/inspections/${inspectionId}/walkthroughs`).set(auth(await t.tokenOf(who)))
      .attach('file', video, 'tour.mp4')).status;
    expect(await as('inspector1')).toBe(403);
    expect(await as('applicant-blue')).toBe(404);
  });
});

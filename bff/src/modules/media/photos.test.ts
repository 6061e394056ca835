import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';
import { gridCounts } from '../../infra/gridfs';
import { InspectionModel } from '../inspections/inspection.model';
import { MediaModel } from './media.model';

/** The red applicant's site (applications.demo.ts): 20.0226 N, 110.3254 E. */
const siteGps = { lat: '20/1 1/1 2136/100', lng: '110/1 19/1 3144/100' };
/** About 13 km west of it. */
const farGps = { lat: '20/1 2/1 3912/100', lng: '110/1 11/1 5964/100' };

/** EXIF's zone-less local time, as a phone set to China Standard Time writes it. */
function shanghaiExifTime(d: Date): string {
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10).replace(/-/g, ':')} ${local.slice(11, 19)}`;
}

async function jpegWithExif(takenAt: Date, gps: { lat: string; lng: string }, size = { width: 640, height: 480 }): Promise<Buffer> {
  return sharp({ create: { ...size, channels: 3, background: '#3a7' } }).jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone' },
      IFD2: { DateTimeOriginal: shanghaiExifTime(takenAt) },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: gps.lat, GPSLongitudeRef: 'E', GPSLongitude: gps.lng },
    } as never).toBuffer();
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let inspectionId: string;
let applicant: string;
beforeAll(async () => {
  t = await startTestApp();
  inspectionId = (await remoteInspection(t)).inspectionId;
  applicant = await t.tokenOf('applicant-red');
});
afterAll(() => t.close());

function upload(token: string, file: Buffer, filename: string, fields: Record<string, string> = {}) {
  const req = t.request.post(`/api/inspections/${inspectionId}/photos`).set(auth(token));
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  return req.attach('file', file, { filename, contentType: 'image/jpeg' });
}

describe('photo upload', () => {
  it('when the applicant uploads a photo taken at the site just now, then it is stored whole with its EXIF time and place, unmarked, and on the record', async () => {
    const takenAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const photo = await jpegWithExif(takenAt, siteGps);
    const res = await upload(applicant, photo, 'fire-exit.jpg', { checklistItemId: 'fire-exits', capturedAt: '2020-01-01T00:00:00Z', lat: '1', lng: '1' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sha256: sha256(photo), size: photo.length, type: 'image/jpeg', width: 640, height: 480,
      capturedAt: takenAt.toISOString(), captureTimeSource: 'exif', checklistItemId: 'fire-exits',
      marks: { stale: false, far: false, reasons: [] },
    });
    expect(res.body.gps).toMatchObject({ source: 'exif' });
    expect(res.body.gps.lat).toBeCloseTo(20.0226, 4);
    expect(res.body.gps.lng).toBeCloseTo(110.3254, 4);
    expect(res.body.distanceMeters).toBeLessThan(5);

    const back = await t.request.get(res.body.url).set(auth(applicant)).buffer(true).parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(back.status).toBe(200);
    expect(back.headers['content-type']).toBe('image/jpeg');
    expect(back.headers.etag).toBe(`"${sha256(photo)}"`);
    expect(back.headers['cache-control']).toMatch(/private/);
    expect(sha256(back.body as Buffer)).toBe(sha256(photo));

    const thumb = await t.request.get(res.body.thumbnailUrl).set(auth(applicant)).buffer(true).parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => cb(null, Buffer.concat(parts)));
    });
    const thumbMeta = await sharp(thumb.body as Buffer).metadata();
    expect([thumbMeta.format, thumbMeta.width, thumbMeta.height]).toEqual(['jpeg', 320, 240]);

    const record = await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(applicant));
    const event = record.body.events.find((e: { type: string; payload: { mediaId?: string } }) => e.type === 'photo.stored' && e.payload.mediaId === res.body.id);
    expect(event.payload).toMatchObject({
      sha256: sha256(photo), size: photo.length, type: 'image/jpeg', checklistItemId: 'fire-exits', capturedAt: takenAt.toISOString(), stillRequestId: null,
      // the client's own claims stay on the record beside the EXIF values chosen
      client: { capturedAt: '2020-01-01T00:00:00.000Z', gps: { lat: 1, lng: 1, accuracy: null } },
    });
  });

  it('when a photo was taken far away and days ago, then it is stored but marked stale and far with the reasons', async () => {
    const photo = await jpegWithExif(new Date(Date.now() - 3 * 86400_000), farGps);
    const res = await upload(applicant, photo, 'old.jpg');
    expect(res.status).toBe(201);
    expect(res.body.marks.stale).toBe(true);
    expect(res.body.marks.far).toBe(true);
    expect(res.body.distanceMeters).toBeGreaterThan(12_000);
    expect(res.body.marks.reasons.join('\n')).toMatch(/距上传已超过 24 小时[\s\S]*超过允许的 200 米/);
  });

  it('when the session has begun and a photo without EXIF says it was taken before, then it is marked stale with the client time and place', async () => {
    const { inspectionId: other } = await remoteInspection(t, 'applicant-orange');
    await InspectionModel.updateOne({ _id: other }, { $set: { firstJoinAt: new Date(Date.now() - 10 * 60_000) } }); // the call began 10 min ago
    const plain = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } }).png().toBuffer();
    const res = await t.request.post(`/api/inspections/${other}/photos`).set(auth(await t.tokenOf('applicant-orange')))
      .field('capturedAt', new Date(Date.now() - 30 * 60_000).toISOString()).field('lat', '20.0578').field('lng', '110.3331').field('accuracy', '15')
      .attach('file', plain, 'x.png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'image/png', captureTimeSource: 'client', gps: { lat: 20.0578, lng: 110.3331, accuracy: 15, source: 'client' }, distanceMeters: 0 });
    expect(res.body.marks).toMatchObject({ stale: true, far: false });
    expect(res.body.marks.reasons[0]).toMatch(/早于本次踏勘开始时间/);
  });

  it('when a text file is renamed .jpg, then it is refused as MEDIA.TYPE_NOT_ALLOWED and nothing is stored', async () => {
    const before = await gridCounts();
    const res = await upload(applicant, Buffer.from('这不是照片，只是一段文字。'.repeat(50)), 'photo.jpg');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('MEDIA.TYPE_NOT_ALLOWED');
    expect(res.body.error.message).toMatch(/JPEG、PNG、WebP 或 HEIC/);
    expect(await gridCounts()).toEqual(before);
  });

  it('when the photo exceeds the pixel limit, then it is refused and nothing is stored', async () => {
    const before = await gridCounts();
    const big = await sharp({ create: { width: 9000, height: 6000, channels: 3, background: '#000' } }).jpeg({ quality: 10 }).toBuffer();
    const res = await upload(applicant, big, 'huge.jpg');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('MEDIA.TOO_MANY_PIXELS');
    expect(await gridCounts()).toEqual(before);
  });

  it('when the multipart body ends before its closing boundary, then it is refused and GridFS is unchanged', async () => {
    const before = await gridCounts();
    const boundary = 'xTRUNCATEDx';
    const photo = await jpegWithExif(new Date(), siteGps);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      photo.subarray(0, Math.floor(photo.length / 2)),
    ]);
    const res = await t.request.post(`/api/inspections/${inspectionId}/photos`).set(auth(applicant))
      .set('content-type', `multipart/form-data; boundary=${boundary}`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MEDIA.UPLOAD_INCOMPLETE');
    expect(await gridCounts()).toEqual(before);
  });

  it('when the client goes away half-way through a large photo, then GridFS is unchanged and no photo is listed', async () => {
    const before = await gridCounts();
    const listed = (await t.request.get(`/api/inspections/${inspectionId}/photos`).set(auth(applicant))).body.items.length;
    const boundary = 'xABORTEDx';
    const head = await jpegWithExif(new Date(), siteGps);
    const payload = Buffer.concat([head, randomBytes(2 * 1024 * 1024)]);
    const prefix = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n`);
    const url = new URL(`/api/inspections/${inspectionId}/photos`, t.baseUrl);
    await new Promise<void>((done) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: { ...auth(applicant), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(prefix.length + payload.length + 100) },
      });
      req.on('error', () => done());
      req.write(prefix);
      req.write(payload.subarray(0, payload.length / 2), () => setTimeout(() => { req.destroy(); done(); }, 300));
    });
    await sleep(500);
    expect(await gridCounts()).toEqual(before);
    expect((await t.request.get(`/api/inspections/${inspectionId}/photos`).set(auth(applicant))).body.items).toHaveLength(listed);
  });

  it('when the inspection is concluded or cancelled, then no more photos are taken', async () => {
    const { inspectionId: other } = await remoteInspection(t, 'applicant-orange');
    const orange = await t.tokenOf('applicant-orange');
    const photo = await jpegWithExif(new Date(), siteGps);
    for (const [status, word] of [['concluded', '结束'], ['cancelled', '取消']] as const) {
      await InspectionModel.updateOne({ _id: other }, { $set: { status } });
      const res = await t.request.post(`/api/inspections/${other}/photos`).set(auth(orange)).attach('file', photo, 'a.jpg');
      expect([res.status, res.body.error.code]).toEqual([409, 'INSPECTION.INVALID_STATE']);
      expect(res.body.error.message).toContain(word);
    }
  });

  it('when no file part is sent, then MEDIA.NO_FILE', async () => {
    const res = await t.request.post(`/api/inspections/${inspectionId}/photos`).set(auth(applicant)).field('checklistItemId', 'fire-exits');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MEDIA.NO_FILE');
  });
});

describe('who sees photos', () => {
  it('when another subject\'s applicant asks for the list or a photo, then 404', async () => {
    const photo = await jpegWithExif(new Date(), siteGps);
    const mine = await upload(applicant, photo, 'a.jpg');
    const blue = await t.tokenOf('applicant-blue');
    expect((await t.request.get(`/api/inspections/${inspectionId}/photos`).set(auth(blue))).status).toBe(404);
    const fetched = await t.request.get(`/api/media/${mine.body.id}`).set(auth(blue));
    expect(fetched.status).toBe(404);
    expect(fetched.body.error.code).toBe('MEDIA.NOT_FOUND');
    expect((await t.request.get(`/api/media/${new Types.ObjectId().toHexString()}`).set(auth(applicant))).status).toBe(404);
  });

  it('when the inspector opens the list, then every photo is there with its marks; when staff open a photo, then it is on the record as viewed', async () => {
    const list = await t.request.get(`/api/inspections/${inspectionId}/photos`).set(auth(await t.tokenOf('inspector1')));
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(await MediaModel.countDocuments({ inspectionId, kind: 'photo' }));
    expect(list.body.items.some((p: { marks: { far: boolean } }) => p.marks.far)).toBe(true);
    const staff = await t.tokenOf('staff1');
    const id = list.body.items[0].id as string;
    expect((await t.request.get(`/api/media/${id}`).set(auth(staff))).status).toBe(200);
    const record = await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(staff));
    expect(record.body.events.some((e: { type: string; payload: { mediaId?: string } }) => e.type === 'viewed' && e.payload.mediaId === id)).toBe(true);
  });
});

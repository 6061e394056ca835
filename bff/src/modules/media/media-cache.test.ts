import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { Types } from 'mongoose';
import { binary } from '../../../test/binary-body';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';
import { MediaModel } from './media.model';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let inspectionId: string;
let applicant: string;
let cacheDir: string;
let stagingDir: string;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'ycta-cache-test-'));
  cacheDir = join(root, 'cache');
  stagingDir = join(root, 'staging');
  t = await startTestApp({ env: { MEDIA_CACHE_DIR: cacheDir, UPLOAD_STAGING_DIR: stagingDir } });
  inspectionId = (await remoteInspection(t)).inspectionId;
  applicant = await t.tokenOf('applicant-red');
});
afterAll(async () => {
  await t.close();
  rmSync(join(cacheDir, '..'), { recursive: true, force: true });
});

/** A photo with noise in it, so every one differs and a thumbnail is a real decode. */
const photo = () => sharp(randomBytes(200 * 150 * 3), { raw: { width: 200, height: 150, channels: 3 } }).jpeg().toBuffer();

async function upload(file: Buffer) {
  const res = await t.request.post(`/api/inspections/${inspectionId}/photos`).set(auth(applicant)).attach('file', file, 'point.jpg');
  expect(res.status).toBe(201);
  const media = await MediaModel.findById(res.body.id).lean();
  return { body: res.body, fileId: media!.fileId.toHexString(), thumbId: media!.thumbnailFileId!.toHexString() };
}

const get = (url: string, range?: string) => {
  const req = t.request.get(url).set(auth(applicant));
  if (range) req.set('range', range);
  return req.buffer(true).parse((r, cb) => binary(r as unknown as NodeJS.ReadableStream, cb));
};

describe('the local read copy of stored media', () => {
  it('when a photo is stored, then its bytes and its thumbnail are in the cache, the spool is gone, and reads (whole and ranged) give the stored bytes', async () => {
    const file = await photo();
    const { body, fileId, thumbId } = await upload(file);
    expect(sha256(readFileSync(join(cacheDir, fileId)))).toBe(sha256(file));
    const thumb = await get(body.thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(readFileSync(join(cacheDir, thumbId)).equals(thumb.body as Buffer)).toBe(true);
    expect(readdirSync(join(stagingDir, 'spool'))).toEqual([]);

    const whole = await get(body.url);
    expect([whole.status, sha256(whole.body as Buffer)]).toEqual([200, sha256(file)]);
    const middle = await get(body.url, 'bytes=100-299');
    expect(middle.status).toBe(206);
    expect((middle.body as Buffer).equals(file.subarray(100, 300))).toBe(true);
  });

  it('when the copy is missing or cut short, then the reader still gets the stored bytes from the database, and a whole copy comes back', async () => {
    const file = await photo();
    const { body, fileId } = await upload(file);
    const copy = join(cacheDir, fileId);

    rmSync(copy);
    const missing = await get(body.url, `bytes=-50`);
    expect([missing.status, (missing.body as Buffer).equals(file.subarray(file.length - 50))]).toEqual([206, true]);
    for (let i = 0; i < 50 && !existsSync(copy); i++) await sleep(100);
    expect(sha256(readFileSync(copy))).toBe(sha256(file));

    truncateSync(copy, 10);
    const short = await get(body.url);
    expect([short.status, sha256(short.body as Buffer)]).toEqual([200, sha256(file)]);
    for (let i = 0; i < 50 && readFileSync(copy).length !== file.length; i++) await sleep(100);
    expect(sha256(readFileSync(copy))).toBe(sha256(file));
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('when a copy is filled from the database, then it is kept only if it matches the stored hash', async () => {
    const file = await photo();
    const { body, fileId } = await upload(file);
    const copy = join(cacheDir, fileId);
    // the record says another hash than the bytes in GridFS: a fill must not put those bytes in the cache
    await MediaModel.collection.updateOne({ _id: new Types.ObjectId(body.id as string) }, { $set: { sha256: sha256(Buffer.from('something else')) } });
    rmSync(copy);
    const res = await get(body.url);
    expect([res.status, sha256(res.body as Buffer)]).toEqual([200, sha256(file)]);
    await sleep(1000);
    expect(existsSync(copy)).toBe(false);
    expect(readdirSync(cacheDir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('when a walk-through or a recording chunk is stored, then its read copy is there from the start (no first viewer pays the scan)', async () => {
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4), Buffer.from('mp42isom')]);
    const tour = Buffer.concat([ftyp, randomBytes(256 * 1024)]);
    const walked = await t.request.post(`/api/inspections/${inspectionId}/walkthroughs`).set(auth(applicant))
      .attach('file', tour, { filename: 'tour.mp4', contentType: 'video/mp4' });
    expect(walked.status).toBe(201);
    const walkMedia = await MediaModel.findById(walked.body.id).lean();
    expect(sha256(readFileSync(join(cacheDir, walkMedia!.fileId.toHexString())))).toBe(sha256(tour));

    const webm = Buffer.concat([Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701', 'hex'), randomBytes(128 * 1024)]);
    const inspector = await t.tokenOf('inspector1');
    const tus = { 'tus-resumable': '1.0.0' };
    const created = await t.request.post(`/api/inspections/${inspectionId}/recordings`).set({ ...auth(inspector), ...tus })
      .set('upload-length', String(webm.length)).set('upload-metadata', `chunkIndex ${Buffer.from('0').toString('base64')}`);
    expect(created.status).toBe(201);
    const patched = await t.request.patch(created.headers.location as string).set({ ...auth(inspector), ...tus })
      .set('upload-offset', '0').set('content-type', 'application/offset+octet-stream').send(webm);
    expect(patched.status).toBe(204);
    const chunk = await MediaModel.findOne({ inspectionId: walkMedia!.inspectionId, recordingKind: 'recording' }).sort({ _id: -1 }).lean();
    expect(chunk!.sha256).toBe(sha256(webm));
    expect(sha256(readFileSync(join(cacheDir, chunk!.fileId.toHexString())))).toBe(sha256(webm));
    expect(readdirSync(join(stagingDir, 'spool'))).toEqual([]);
  });

  it('when an upload is refused, then nothing of it is left in the cache or the spool', async () => {
    const before = readdirSync(cacheDir).sort();
    const res = await t.request.post(`/api/inspections/${inspectionId}/photos`).set(auth(applicant)).attach('file', Buffer.from('not an image at all'), 'x.jpg');
    expect(res.body.error.code).toBe('MEDIA.TYPE_NOT_ALLOWED');
    expect(readdirSync(join(stagingDir, 'spool'))).toEqual([]);
    expect(readdirSync(cacheDir).sort()).toEqual(before);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';
import { MediaModel } from './media.model';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let root: string;
let cacheDir: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ycta-cache-budget-'));
  cacheDir = join(root, 'cache');
  t = await startTestApp({ env: { MEDIA_CACHE_DIR: cacheDir, MEDIA_CACHE_MAX_MB: '1', UPLOAD_STAGING_DIR: join(root, 'staging') } });
});
afterAll(async () => {
  await t.close();
  rmSync(root, { recursive: true, force: true });
});

/** About 300 KB of JPEG: noise does not compress. */
const photo = () => sharp(randomBytes(640 * 480 * 3), { raw: { width: 640, height: 480, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
const cacheBytes = () => readdirSync(cacheDir).reduce((n, name) => n + statSync(join(cacheDir, name)).size, 0);

describe('the read copy\'s disk budget (MEDIA_CACHE_MAX_MB)', () => {
  it('when more is stored than the budget, then the copies read least recently go, and their media still reads whole from the database', async () => {
    const { inspectionId } = await remoteInspection(t);
    const applicant = await t.tokenOf('applicant-red');
    const stored: { id: string; fileId: string; bytes: Buffer }[] = [];
    for (let i = 0; i < 6; i++) {
      const bytes = await photo();
      const res = await t.request.post(`/api/inspections/${inspectionId}/photos`).set(auth(applicant)).attach('file', bytes, `p${i}.jpg`);
      expect(res.status).toBe(201);
      const media = await MediaModel.findById(res.body.id).lean();
      stored.push({ id: res.body.id, fileId: media!.fileId.toHexString(), bytes });
      if (i >= 1) {
        // the first photo is looked at again and again: it stays among the most recently used
        await new Promise((ok) => setTimeout(ok, 20));
        expect((await t.request.get(`/api/media/${stored[0]!.id}`).set(auth(applicant)).set('range', 'bytes=0-9')).status).toBe(206);
      }
    }
    expect(stored.reduce((n, s) => n + s.bytes.length, 0)).toBeGreaterThan(1024 * 1024);
    expect(cacheBytes()).toBeLessThanOrEqual(1024 * 1024);
    expect(existsSync(join(cacheDir, stored[5]!.fileId))).toBe(true);
    expect(existsSync(join(cacheDir, stored[1]!.fileId))).toBe(false);
    expect(existsSync(join(cacheDir, stored[0]!.fileId))).toBe(true);

    const evicted = await t.request.get(`/api/media/${stored[1]!.id}`).set(auth(applicant)).buffer(true)
      .parse((r, cb) => { const parts: Buffer[] = []; r.on('data', (c: Buffer) => parts.push(c)); r.on('end', () => cb(null, Buffer.concat(parts))); });
    expect([evicted.status, sha256(evicted.body as Buffer)]).toEqual([200, sha256(stored[1]!.bytes)]);
  });
});

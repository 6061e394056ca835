import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Writable } from 'node:stream';
import supertest from 'supertest';
import { binary } from '../../../test/binary-body';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, remoteInspection } from '../../../test/inspections/fixture';
import { createApp } from '../../app';
import { InspectionModel } from '../inspections/inspection.model';
import * as ledger from '../ledger/ledger.service';

const staging = mkdtempSync(join(tmpdir(), 'ycta-tus-test-'));
/** An EBML header saying "webm", then data: what the first MediaRecorder chunk of a recording starts with. */
const webmHeader = Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701', 'hex');
const recording = Buffer.concat([webmHeader, randomBytes(3 * 1024 * 1024)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const tus = { 'tus-resumable': '1.0.0' };

let t: TestApp;
let inspectionId: string;
let inspector: string;
beforeAll(async () => {
  t = await startTestApp({ env: { UPLOAD_STAGING_DIR: staging } });
  inspectionId = (await remoteInspection(t)).inspectionId;
  inspector = await t.tokenOf('inspector1');
});
afterAll(async () => {
  await t.close();
  rmSync(staging, { recursive: true, force: true });
});

async function create(token: string, length: number, metadata: Record<string, string>) {
  return t.request.post(`/api/inspections/${inspectionId}/recordings`).set({ ...auth(token), ...tus })
    .set('upload-length', String(length))
    .set('upload-metadata', Object.entries(metadata).map(([k, v]) => `${k} ${b64(v)}`).join(','));
}

/** Sends `bytes` as a PATCH but cuts the connection after `cutAt` of them, as a phone losing its network does. */
function interruptedPatch(url: string, token: string, bytes: Buffer, cutAt: number): Promise<void> {
  return new Promise((done) => {
    const req = httpRequest(url, {
      method: 'PATCH',
      headers: { ...auth(token), ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.length) },
    });
    req.on('error', () => done());
    req.write(bytes.subarray(0, cutAt), () => setTimeout(() => { req.destroy(); done(); }, 300));
  });
}

async function recordingEvents(token: string) {
  const record = await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(token));
  return (record.body.events as { type: string; payload: Record<string, unknown> }[]).filter((e) => e.type === 'recording.chunk.stored');
}

describe('recording chunks over tus', () => {
  let mediaId: string;

  it('when an upload is cut at half and resumed on a restarted app with the method override, then it ends in GridFS with the right hash and on the record', async () => {
    const created = await create(inspector, recording.length, { chunkIndex: '0', mimeType: 'video/webm;codecs=vp8', startedAt: '2026-11-29T02:00:00.000Z' });
    expect(created.status).toBe(201);
    const location = created.headers.location as string;
    expect(location).toMatch(new RegExp(`^/api/inspections/${inspectionId}/recordings/[0-9a-f]{32}$`));

    await interruptedPatch(`${t.baseUrl}${location}`, inspector, recording, recording.length / 2);
    await sleep(300);

    // a new app object over the same staging directory and database: what a restarted BFF is
    const restarted = createApp(t.config, { logDestination: new Writable({ write: (_c, _e, cb) => cb() }) });
    const server: Server = createServer(restarted.app.callback());
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const again = supertest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const head = await again.head(location).set({ ...auth(inspector), ...tus });
      expect(head.status).toBe(200);
      const offset = Number(head.headers['upload-offset']);
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThanOrEqual(recording.length / 2);
      expect(head.headers['upload-length']).toBe(String(recording.length));

      // wx.request has no PATCH: POST with X-HTTP-Method-Override
      const resumed = await again.post(location).set({ ...auth(inspector), ...tus })
        .set('x-http-method-override', 'PATCH').set('upload-offset', String(offset))
        .set('content-type', 'application/offset+octet-stream').send(recording.subarray(offset));
      expect(resumed.status).toBe(204);
      expect(resumed.headers['upload-offset']).toBe(String(recording.length));
    } finally {
      restarted.signalling.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    }

    const events = await recordingEvents(inspector);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ sha256: sha256(recording), size: recording.length, type: 'video/webm', chunkIndex: 0, startedAt: '2026-11-29T02:00:00.000Z' });
    mediaId = events[0]!.payload.mediaId as string;
    const fetched = await t.request.get(`/api/media/${mediaId}`).set(auth(inspector)).buffer(true).parse(binary);
    expect(fetched.headers['content-type']).toBe('video/webm');
    expect(sha256(fetched.body as Buffer)).toBe(sha256(recording));
    expect(readdirSync(staging).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it.each([
    ['the first byte', 'bytes=0-0', 0, 0],
    ['a middle slice across GridFS chunks', 'bytes=200000-600000', 200000, 600000],
    ['the last bytes', `bytes=${recording.length - 10}-`, recording.length - 10, recording.length - 1],
    ['a suffix', 'bytes=-4096', recording.length - 4096, recording.length - 1],
  ])('when a player asks for %s, then 206 with exactly those bytes', async (_name, range, start, end) => {
    const res = await t.request.get(`/api/media/${mediaId}`).set(auth(inspector)).set('range', range).buffer(true).parse(binary);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${recording.length}`);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers.etag).toBe(`"${sha256(recording)}"`);
    expect((res.body as Buffer).equals(recording.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=999999999-', 'bytes=10-5', 'bytes=0-1,4-5'])('when the range is %s, then 416 with the size', async (range) => {
    const res = await t.request.get(`/api/media/${mediaId}`).set(auth(inspector)).set('range', range);
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${recording.length}`);
    expect(res.body.error.code).toBe('MEDIA.RANGE_NOT_SATISFIABLE');
  });

  it('when a later chunk without a header arrives, then its declared recording type stands', async () => {
    const chunk = randomBytes(64 * 1024);
    const created = await create(inspector, chunk.length, { chunkIndex: '1', mimeType: 'video/webm' });
    const done = await t.request.patch(created.headers.location as string).set({ ...auth(inspector), ...tus })
      .set('upload-offset', '0').set('content-type', 'application/offset+octet-stream').send(chunk);
    expect(done.status).toBe(204);
    const events = await recordingEvents(inspector);
    expect(events.at(-1)!.payload).toMatchObject({ chunkIndex: 1, type: 'video/webm', sha256: sha256(chunk) });
  });

  it('when a later chunk happens to start with another format\'s magic number, then it is still stored as the recording\'s type', async () => {
    // a cut inside a frame can begin with any bytes: here a gzip's and a bitmap's signatures
    for (const [index, magic] of [[2, [0x1f, 0x8b, 0x08]], [3, [0x42, 0x4d]]] as const) {
      const chunk = Buffer.concat([Buffer.from(magic), randomBytes(32 * 1024)]);
      const created = await create(inspector, chunk.length, { chunkIndex: String(index), mimeType: 'video/webm;codecs=vp8,opus' });
      const done = await t.request.patch(created.headers.location as string).set({ ...auth(inspector), ...tus })
        .set('upload-offset', '0').set('content-type', 'application/offset+octet-stream').send(chunk);
      expect(done.status).toBe(204);
      expect((await recordingEvents(inspector)).at(-1)!.payload).toMatchObject({ chunkIndex: index, type: 'video/webm', sha256: sha256(chunk) });
    }
  });

  it('when the first chunk is not audio or video, then 415 and it is neither stored nor staged', async () => {
    const text = Buffer.from('not a recording '.repeat(100));
    const before = (await recordingEvents(inspector)).length;
    const created = await create(inspector, text.length, { chunkIndex: '0', mimeType: 'video/webm' });
    const done = await t.request.patch(created.headers.location as string).set({ ...auth(inspector), ...tus })
      .set('upload-offset', '0').set('content-type', 'application/offset+octet-stream').send(text);
    expect(done.status).toBe(415);
    expect(await recordingEvents(inspector)).toHaveLength(before);
    expect(existsSync(join(staging, (created.headers.location as string).split('/').pop()!))).toBe(false);
  });
});

describe('who may upload recordings', () => {
  it('when no token, an expert, or another subject\'s applicant calls, then 401, 403 and 404', async () => {
    const created = await create(inspector, 10, { chunkIndex: '5', mimeType: 'video/webm' });
    const location = created.headers.location as string;
    expect((await t.request.head(location).set(tus)).status).toBe(401);
    expect((await create(await t.tokenOf('expert1'), 10, {})).status).toBe(403);
    const blue = await t.tokenOf('applicant-blue');
    expect((await create(blue, 10, {})).status).toBe(404);
    expect((await t.request.head(location).set({ ...auth(blue), ...tus })).status).toBe(404);
    // the subject's own applicant did not start this upload either
    expect((await t.request.head(location).set({ ...auth(await t.tokenOf('applicant-red')), ...tus })).status).toBe(404);
  });

  it('when the applicant uploads a walk-through video, then it is stored as a walk-through', async () => {
    const red = await t.tokenOf('applicant-red');
    const created = await create(red, recording.length, { mimeType: 'video/webm' });
    expect(created.status).toBe(201);
    const done = await t.request.patch(created.headers.location as string).set({ ...auth(red), ...tus })
      .set('upload-offset', '0').set('content-type', 'application/offset+octet-stream').send(recording);
    expect(done.status).toBe(204);
    expect((await recordingEvents(red)).at(-1)!.payload).toMatchObject({ recordingKind: 'walkthrough', sha256: sha256(recording) });
  });
});

describe('the client keeps a chunk until the server names it stored', () => {
  const send = (location: string, bytes: Buffer, offset = 0) => t.request.patch(location).set({ ...auth(inspector), ...tus })
    .set('upload-offset', String(offset)).set('content-type', 'application/offset+octet-stream').send(bytes);

  it('when a finished upload is asked for its offset or sent again, then it answers stored with the chunk\'s index and hash, not 404', async () => {
    const chunk = randomBytes(32 * 1024);
    const created = await create(inspector, chunk.length, { chunkIndex: '7', mimeType: 'video/webm', startedAt: '2026-11-29T03:00:00.000Z' });
    const location = created.headers.location as string;
    const done = await send(location, chunk);
    expect(done.status).toBe(204);
    expect(done.headers).toMatchObject({ 'recording-sha256': sha256(chunk), 'recording-chunk-index': '7' });

    const head = await t.request.head(location).set({ ...auth(inspector), ...tus });
    expect(head.status).toBe(200);
    expect(head.headers).toMatchObject({ 'upload-offset': String(chunk.length), 'recording-sha256': sha256(chunk), 'recording-chunk-index': '7' });
    const again = await send(location, chunk);
    expect(again.status).toBe(204);
    expect(again.headers['recording-sha256']).toBe(sha256(chunk));
    // asked twice, stored once
    expect((await recordingEvents(inspector)).filter((e) => e.payload.sha256 === sha256(chunk))).toHaveLength(1);
    // someone else asking learns nothing of it
    expect((await t.request.head(location).set({ ...auth(await t.tokenOf('applicant-red')), ...tus })).status).toBe(404);
  });

  it('when storing fails after the last byte, then the upload is not reported stored, and the next HEAD stores it once', async () => {
    const chunk = randomBytes(16 * 1024);
    const created = await create(inspector, chunk.length, { chunkIndex: '8', mimeType: 'video/webm', startedAt: '2026-11-29T03:00:00.000Z' });
    const location = created.headers.location as string;
    const append = jest.spyOn(ledger, 'appendEvent').mockRejectedValueOnce(new Error('the ledger write timed out'));
    try {
      const failed = await send(location, chunk);
      expect(failed.status).toBe(500);
      expect(failed.headers['recording-sha256']).toBeUndefined();
    } finally {
      append.mockRestore();
    }
    expect((await recordingEvents(inspector)).filter((e) => e.payload.sha256 === sha256(chunk))).toHaveLength(0);

    const head = await t.request.head(location).set({ ...auth(inspector), ...tus });
    expect(head.status).toBe(200);
    expect(head.headers['recording-sha256']).toBe(sha256(chunk));
    expect((await recordingEvents(inspector)).filter((e) => e.payload.sha256 === sha256(chunk))).toHaveLength(1);
  });

  it('when every chunk of a recording up to the one marked last is stored, in any order, then the record says the recording is complete, once', async () => {
    const startedAt = '2026-11-29T04:00:00.000Z';
    const at = (s: number) => new Date(Date.parse(startedAt) + s * 1000).toISOString();
    const chunks = [Buffer.concat([webmHeader, randomBytes(1024)]), randomBytes(1024), randomBytes(1024)];
    const completed = async () => ((await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(inspector))).body.events as { type: string; payload: Record<string, unknown> }[])
      .filter((e) => e.type === 'recording.completed' && e.payload.startedAt === startedAt);
    for (const i of [2, 0, 1]) {
      const meta = { chunkIndex: String(i), mimeType: 'video/webm', startedAt, recordedFrom: at(i * 5), recordedTo: at(i * 5 + 5), ...(i === 2 ? { lastChunk: '1' } : {}) };
      const created = await create(inspector, chunks[i]!.length, meta);
      expect((await send(created.headers.location as string, chunks[i]!)).status).toBe(204);
      expect(await completed()).toHaveLength(i === 1 ? 1 : 0);
    }
    expect((await completed())[0]!.payload).toMatchObject({ chunks: 3, recordedFrom: at(0), recordedTo: at(15) });
  });
});

describe('chunks after the conclusion', () => {
  let concluded: string;
  beforeAll(async () => {
    concluded = (await remoteInspection(t)).inspectionId;
  });
  const concludeAt = (at: Date) => InspectionModel.updateOne({ _id: concluded }, { $set: { status: 'concluded', concludedAt: at } });
  const createFor = (metadata: Record<string, string>) => t.request.post(`/api/inspections/${concluded}/recordings`).set({ ...auth(inspector), ...tus })
    .set('upload-length', '10').set('upload-metadata', Object.entries(metadata).map(([k, v]) => `${k} ${b64(v)}`).join(','));

  it('when a chunk recorded before the conclusion arrives after it, then it is accepted; one recorded after it is refused', async () => {
    const conclusion = new Date(Date.now() - 10 * 60_000);
    await concludeAt(conclusion);
    const before = new Date(conclusion.getTime() - 3000).toISOString();
    expect((await createFor({ chunkIndex: '4', mimeType: 'video/webm', startedAt: before, recordedFrom: before })).status).toBe(201);
    const after = new Date(conclusion.getTime() + 5 * 60_000).toISOString();
    const refused = await createFor({ chunkIndex: '5', mimeType: 'video/webm', startedAt: before, recordedFrom: after });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('作出结论之后');
  });

  it('when the window after the conclusion has passed, then even an earlier chunk is refused', async () => {
    const conclusion = new Date(Date.now() - 73 * 3_600_000);
    await concludeAt(conclusion);
    const before = new Date(conclusion.getTime() - 3000).toISOString();
    const refused = await createFor({ chunkIndex: '4', mimeType: 'video/webm', startedAt: before, recordedFrom: before });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('超过补传期限');
  });
});

import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot } from '../../scripts/embedded-db';
import { connectDatabase, disconnectDatabase, syncIndexes } from '../src/infra/db';
import { seedDemoData } from '../src/seed';
import { testDbUri, testEnv } from './harness';

/**
 * The BFF as its own process, killed with SIGKILL in the middle of a resumable upload and of a burst of record
 * appends, then started again on the same database and staging directory.
 */
const staging = mkdtempSync(join(tmpdir(), 'ycta-crash-staging-'));
const dbUri = `${testDbUri()}/crash_${randomBytes(4).toString('hex')}`;
let port: number;
let bff: ChildProcess | undefined;
let env: Record<string, string>;

async function startBffProcess(): Promise<void> {
  bff = fork(join(repoRoot, 'bff/src/main.ts'), [], {
    execArgv: ['--import', 'tsx', '--conditions=@ycta/source'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the BFF did not come up');
}

async function killBff(): Promise<void> {
  const child = bff!;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGKILL');
  await exited;
}

const api = async (method: string, path: string, token?: string, body?: unknown) => {
  const res = await fetch(`http://127.0.0.1:${port}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { [k: string]: never } };
};
const signIn = async (username: string) => (await api('POST', '/auth/dev', undefined, { username })).body.accessToken as unknown as string;

beforeAll(async () => {
  await connectDatabase(dbUri);
  await syncIndexes();
  await seedDemoData({ quiet: true });
  await disconnectDatabase();
  port = await freePort();
  env = testEnv({ MONGODB_URI: dbUri, PORT: String(port), UPLOAD_STAGING_DIR: staging, LOG_LEVEL: 'silent' });
  await startBffProcess();
});
afterAll(async () => {
  if (bff && bff.exitCode === null) await killBff();
  rmSync(staging, { recursive: true, force: true });
});

/** A remote inspection of applicant-red's new application, assigned to inspector1, as the real flow makes it. */
async function openInspection(): Promise<string> {
  const applicant = await signIn('applicant-red');
  const staff = await signIn('staff1');
  const matters = await api('GET', '/matters', applicant);
  const matterCode = (matters.body.items as unknown as { code: string }[])[0]!.code;
  const created = await api('POST', '/applications', applicant, { matterCode, siteAddress: '海南省海口市龙华区测试路 9 号' });
  const me = await api('GET', '/me', await signIn('inspector1'));
  await api('POST', `/applications/${created.body.id}/assignment`, staff, { inspectorIds: [me.body.id], reason: '测试指定' });
  const gate = await api('POST', `/applications/${created.body.id}/remote-requests`, applicant);
  expect(gate.status).toBe(200);
  return gate.body.inspectionId as unknown as string;
}

function patch(url: string, token: string, offset: number, bytes: Buffer): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.length) },
    }, (res) => { res.resume(); res.on('end', () => done(res.statusCode ?? 0)); });
    req.on('error', fail);
    req.end(bytes);
  });
}

it('when the BFF is SIGKILLed halfway through a resumable recording upload, then after restart the upload resumes and ends with the right hash on the record', async () => {
  const inspectionId = await openInspection();
  const inspector = await signIn('inspector1');
  const webmHeader = Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701', 'hex');
  const recording = Buffer.concat([webmHeader, randomBytes(2 * 1024 * 1024)]);
  const b64 = (v: string) => Buffer.from(v).toString('base64');
  const meta = `chunkIndex ${b64('0')},mimeType ${b64('video/webm')}`;
  const created = await fetch(`http://127.0.0.1:${port}/api/inspections/${inspectionId}/recordings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${inspector}`, 'tus-resumable': '1.0.0', 'upload-length': String(recording.length), 'upload-metadata': meta },
  });
  expect(created.status).toBe(201);
  const url = `http://127.0.0.1:${port}${created.headers.get('location')}`;
  const half = Math.floor(recording.length / 2);
  expect(await patch(url, inspector, 0, recording.subarray(0, half))).toBe(204);

  await killBff();
  await startBffProcess();

  const head = await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${inspector}`, 'tus-resumable': '1.0.0' } });
  const offset = Number(head.headers.get('upload-offset'));
  expect(offset).toBe(half);
  expect(await patch(url, inspector, offset, recording.subarray(offset))).toBe(204);

  const record = await api('GET', `/inspections/${inspectionId}/record`, inspector);
  const stored = (record.body.events as unknown as { type: string; payload: { sha256: string; size: number } }[]).filter((e) => e.type === 'recording.chunk.stored');
  expect(stored.map((e) => [e.payload.sha256, e.payload.size])).toEqual([[createHash('sha256').update(recording).digest('hex'), recording.length]]);
});

it('when the BFF is SIGKILLed during a burst of record appends, then after restart every acknowledged event is there and the chain verifies', async () => {
  const inspectionId = await openInspection();
  const staff = await signIn('staff1');
  // each staff read of the record appends a `viewed` event: fire a burst and kill the process in the middle of it
  const burst = Array.from({ length: 40 }, () => api('GET', `/inspections/${inspectionId}/record`, staff).catch(() => ({ status: 0, body: {} })));
  await new Promise((r) => setTimeout(r, 150));
  await killBff();
  const answered = (await Promise.all(burst)).filter((r) => r.status === 200).length;
  console.info(`${answered} of 40 record reads were answered before the kill`);
  await startBffProcess();

  // the review desk opens the record (one more `viewed` event) and asks for the verification, as a person would
  const record = await api('GET', `/inspections/${inspectionId}/record`, staff);
  const viewed = (record.body.events as unknown as { type: string }[]).filter((e) => e.type === 'viewed').length;
  expect(viewed).toBeGreaterThanOrEqual(answered + 1);
  const verify = await api('GET', `/inspections/${inspectionId}/verify`, staff);
  expect(verify.body).toMatchObject({ ok: true });
});

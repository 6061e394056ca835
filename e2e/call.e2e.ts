/**
 * A whole local-mode video inspection in real Chromium (fake camera and microphone, WebRTC on loopback only):
 * three pages — inspector, applicant, invited expert — run `miniapp/src/rtc` against the real BFF and the
 * embedded database. Each page decodes the others' video; the inspector asks for a still, the applicant's page takes
 * it and uploads it with the request's id; the inspector's recording chunks are stored; the call ends and the
 * conclusion is on the record.
 *
 * Run: `npx jest --selectProjects e2e e2e/call.e2e.ts` (needs /usr/bin/chromium: `apt-get install -y chromium`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, startEmbeddedDb, type EmbeddedDb } from '../scripts/embedded-db';
import { startBff } from '../bff/src/main';
import { seedDemoData } from '../bff/src/seed';

jest.setTimeout(300_000);

/** What the bundle of miniapp/src/rtc puts on `window.yctaRtc` (typed loosely: the page is another program). */
interface LiveCall {
  localStream: MediaStream | null;
  on(event: string, listener: (arg: never) => void): void;
  admit(userId: string): void;
  captureStill(): Promise<Blob>;
  leave(): Promise<void>;
}
interface RtcGlobal {
  openInspectionCall(answer: unknown, opts: { inspectionId: string; join(): Promise<unknown>; candidateFilter(c: RTCIceCandidate): boolean }): Promise<LiveCall>;
  mixCall(streams: MediaStream[]): { stream: MediaStream; setStreams(streams: MediaStream[]): void };
  recordCall(stream: MediaStream, uploader: Uploader, opts: { chunkMs: number; onError(e: Error): void }): Recording;
  tusRecordingUploader(opts: { apiBase: string; inspectionId: string; accessToken(): string }): Uploader;
}
interface Uploader { settled(): Promise<void>; status(): { pending: number; refused: number; problem: string | null; refusal: string | null } }
interface Recording { stop(): Promise<void>; chunks: number; kept: number }
/** What the inspector's page holds while it records. */
type Recorder = { yctaRtc: RtcGlobal; uploader: Uploader; recording: Recording; mixed: { stream: MediaStream } };

let db: EmbeddedDb;
let bff: Awaited<ReturnType<typeof startBff>>;
let browser: Browser;
let dataDir: string;
let api: string;
let rtcBundle: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ycta-call-'));
  db = await startEmbeddedDb({ dataDir: join(dataDir, 'db') });
  bff = await startBff({
    ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', MONGODB_URI: `${db.uri}/ycta_call`, DEV_LOGIN: 'true',
    JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', STATIC_DIR: '', UPLOAD_STAGING_DIR: join(dataDir, 'uploads'),
  });
  await seedDemoData({ quiet: true });
  api = `http://127.0.0.1:${bff.port}/api`;
  const bundled = await build({
    entryPoints: [join(repoRoot, 'miniapp/src/rtc/index.ts')], bundle: true, write: false, format: 'iife', globalName: 'yctaRtc',
    platform: 'browser', target: 'chrome120', external: ['agora-rtc-sdk-ng/esm'], logLevel: 'silent', conditions: ['@ycta/source'],
  });
  rtcBundle = bundled.outputFiles[0]!.text;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
    ],
  });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await bff?.stop().catch(() => undefined);
  await db?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = Record<string, unknown>>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

async function signIn(username: string): Promise<string> {
  const res = await call<{ accessToken: string }>('POST', '/auth/dev', undefined, { username });
  return res.body.accessToken;
}

/** A page on the BFF's origin with the RTC module loaded and `window.rejoin()` fetching fresh credentials. */
async function participant(name: string, token: string, inspectionId: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${name}] ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') console.error(`[${name}] ${msg.text()}`); });
  await page.goto(`${api}/health`);
  await page.addScriptTag({ content: rtcBundle });
  await page.exposeFunction('rejoin', async () => (await call('POST', `/inspections/${inspectionId}/join`, token)).body);
  const answer = (await call('POST', `/inspections/${inspectionId}/join`, token)).body;
  await page.evaluate(async ({ answer, inspectionId, isInspector }) => {
    const w = window as unknown as Record<string, unknown> & { yctaRtc: RtcGlobal; rejoin(): Promise<never> };
    const state = { participants: [] as { userId: string; role: string; stream: MediaStream | null }[], stills: [] as string[], states: [] as string[] };
    w.callState = state;
    const live = await w.yctaRtc.openInspectionCall(answer, {
      inspectionId,
      join: () => w.rejoin(),
      // loopback only: test traffic never leaves the machine
      candidateFilter: (c) => c.address === '127.0.0.1',
    });
    w.live = live;
    live.on('participants', (list: typeof state.participants) => { state.participants = list; });
    live.on('state', (s: string) => state.states.push(s));
    if (isInspector) live.on('waiting', (list: { userId: string }[]) => { for (const p of list) live.admit(p.userId); });
    live.on('still-request', (request: { stillRequestId: string }) => { state.stills.push(request.stillRequestId); });
  }, { answer, inspectionId, isInspector: name === 'inspector' });
  return page;
}

/** Waits until this page has a decoded video frame from each of `count` other participants; returns their sizes. */
function decodedFrames(page: Page, count: number) {
  return page.evaluate(async (count) => {
    const state = (window as unknown as { callState: { participants: { userId: string; stream: MediaStream | null }[] } }).callState;
    const deadline = Date.now() + 60_000;
    while (state.participants.filter((p) => p.stream?.getVideoTracks().length).length < count) {
      if (Date.now() > deadline) throw new Error(`only ${state.participants.length} participants`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    return Promise.all(state.participants.map(async (p) => {
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = p.stream;
      document.body.append(video);
      await video.play();
      await new Promise<void>((ok) => video.requestVideoFrameCallback(() => ok()));
      return { userId: p.userId, width: video.videoWidth, height: video.videoHeight };
    }));
  }, count);
}

it('when three people join one local-mode inspection, then each decodes the others, a still arrives chained, every recording chunk is stored through 20 s offline and a reload, and the conclusion is on the record', async () => {
  const applicant = await signIn('applicant-red');
  const inspector = await signIn('inspector1');
  const expert = await signIn('expert1');

  const apps = await call<{ items: { id: string }[] }>('GET', '/applications', applicant);
  const gate = await call<{ inspectionId: string }>('POST', `/applications/${apps.body.items[0]!.id}/remote-requests`, applicant);
  expect(gate.status).toBe(200);
  const inspectionId = gate.body.inspectionId;
  const start = new Date(Date.now() + 60_000);
  await call('POST', `/inspections/${inspectionId}/slots`, inspector, { slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() }], rtcPreference: 'local' });
  const view = await call<{ offeredSlots: { id: string }[] }>('GET', `/inspections/${inspectionId}`, applicant);
  expect((await call('POST', `/inspections/${inspectionId}/booking`, applicant, { slotId: view.body.offeredSlots[0]!.id })).status).toBe(200);
  const invitation = await call<{ token: string }>('POST', `/inspections/${inspectionId}/invitations`, inspector, { validMinutes: 30 });
  expect((await call('POST', '/invitations/accept', expert, { token: invitation.body.token })).status).toBe(200);

  const started = Date.now();
  const pages = {
    inspector: await participant('inspector', inspector, inspectionId),
    applicant: await participant('applicant', applicant, inspectionId),
    expert: await participant('expert', expert, inspectionId),
  };
  const frames = await Promise.all(Object.values(pages).map((p) => decodedFrames(p, 2)));
  const firstFramesMs = Date.now() - started;
  for (const seen of frames) {
    expect(seen).toHaveLength(2);
    // a decoded frame has a size; its resolution is the sender's bandwidth estimate at that moment
    for (const f of seen) expect(f.width * f.height).toBeGreaterThan(0);
  }
  console.log(`[call] three pages joined, admitted and decoded each other's video in ${firstFramesMs} ms`);

  // the inspector records the call: chunks every 2 s through the resumable route. The recording starts with the
  // inspector alone (as when nobody is admitted yet) and takes in the others when they are in: a 2 × 2 grid whose
  // fourth tile stays black
  const quadrants = await pages.inspector.evaluate(async ({ inspectionId, token }) => {
    const w = window as unknown as Record<string, unknown> & { yctaRtc: RtcGlobal; live: LiveCall; callState: { participants: { stream: MediaStream | null }[] } };
    const mixed = w.yctaRtc.mixCall([w.live.localStream!]);
    mixed.setStreams([w.live.localStream!, ...w.callState.participants.map((p) => p.stream!)]);
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = mixed.stream;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = 128;
    canvas.height = 72;
    const g = canvas.getContext('2d')!;
    const mean = (x: number, y: number) => {
      const { data } = g.getImageData(x, y, 64, 36);
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
      return Math.round(sum / (data.length / 4));
    };
    // sampled frame by frame until the three people are drawn (the mix draws a tile once its video has a frame)
    const deadline = Date.now() + 30_000;
    let seen = { topLeft: 0, topRight: 0, bottomLeft: 0, bottomRight: 0 };
    while (Date.now() < deadline && !(seen.topLeft > 10 && seen.topRight > 10 && seen.bottomLeft > 10)) {
      await new Promise<void>((ok) => video.requestVideoFrameCallback(() => ok()));
      g.drawImage(video, 0, 0, 128, 72);
      seen = { topLeft: mean(0, 0), topRight: mean(64, 0), bottomLeft: mean(0, 36), bottomRight: mean(64, 36) };
    }
    video.srcObject = null;
    w.mixed = mixed;
    w.uploader = w.yctaRtc.tusRecordingUploader({ apiBase: '/api', inspectionId, accessToken: () => token });
    w.recording = w.yctaRtc.recordCall(mixed.stream, w.uploader as Uploader, { chunkMs: 2000, onError: (e) => console.error(e.message) });
    return seen;
  }, { inspectionId, token: inspector });
  expect(quadrants.topLeft).toBeGreaterThan(10);
  expect(quadrants.topRight).toBeGreaterThan(10);
  expect(quadrants.bottomLeft).toBeGreaterThan(10);
  expect(quadrants.bottomRight).toBeLessThan(3);

  // the still: requested by the inspector, delivered to the applicant's page, taken there and uploaded with its id
  const requested = await call<{ stillRequestId: string; delivered: boolean }>('POST', `/inspections/${inspectionId}/stills`, inspector, { checklistItemId: 'fire-exits' });
  expect(requested.body.delivered).toBe(true);
  const photo = await pages.applicant.evaluate(async ({ inspectionId, token }) => {
    const w = window as unknown as { live: LiveCall; callState: { stills: string[] } };
    while (w.callState.stills.length === 0) await new Promise((ok) => setTimeout(ok, 50));
    const stillRequestId = w.callState.stills[0]!;
    const blob = await w.live.captureStill();
    const form = new FormData();
    form.append('stillRequestId', stillRequestId);
    form.append('capturedAt', new Date().toISOString());
    form.append('file', blob, 'still.jpg');
    const res = await fetch(`/api/inspections/${inspectionId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json(), size: blob.size };
  }, { inspectionId, token: applicant });
  expect(photo.status).toBe(201);
  expect(photo.body.stillRequestId).toBe(requested.body.stillRequestId);

  // where the browser has no ImageCapture (Safari, WeChat's web view) the still is a frame at the track's full size
  const grabbed = await pages.applicant.evaluate(async () => {
    const w = window as unknown as { live: LiveCall; ImageCapture?: unknown };
    delete w.ImageCapture;
    const blob = await w.live.captureStill();
    const bitmap = await createImageBitmap(blob);
    const settings = w.live.localStream!.getVideoTracks()[0]!.getSettings();
    return { width: bitmap.width, height: bitmap.height, trackWidth: settings.width, trackHeight: settings.height, type: blob.type };
  });
  expect(grabbed).toMatchObject({ type: 'image/jpeg' });
  expect([grabbed.width, grabbed.height]).toEqual([grabbed.trackWidth, grabbed.trackHeight]);

  // the inspector's network dies for 20 s mid-call, and the page is reloaded as soon as it is back, in the middle of
  // sending what piled up; the reloaded page sends the rest
  const inspectorPage = pages.inspector;
  await inspectorPage.waitForFunction(() => (window as unknown as Recorder).recording.kept >= 2, null, { timeout: 60_000 });
  const network = await inspectorPage.context().newCDPSession(inspectorPage);
  await network.send('Network.enable');
  await network.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const offlineFrom = Date.now();
  await inspectorPage.waitForFunction((until) => Date.now() >= until, offlineFrom + 20_000, { timeout: 60_000, polling: 500 });
  const heldOffline = await inspectorPage.evaluate(() => (window as unknown as Recorder).uploader.status());
  await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const atReload = await inspectorPage.evaluate(() => {
    const w = window as unknown as Recorder;
    return { kept: w.recording.kept, ...w.uploader.status() };
  });
  await inspectorPage.reload();
  await inspectorPage.addScriptTag({ content: rtcBundle });
  // the reloaded page sends what is left, then records a short piece of its own and stops it, as the room does
  const afterReload = await inspectorPage.evaluate(async ({ inspectionId, token }) => {
    const w = window as unknown as Recorder;
    const uploader = w.yctaRtc.tusRecordingUploader({ apiBase: '/api', inspectionId, accessToken: () => token });
    await uploader.settled();
    const camera = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const recording = w.yctaRtc.recordCall(camera, uploader, { chunkMs: 1000, onError: (e) => console.error(e.message) });
    while (recording.kept < 2) await new Promise((ok) => setTimeout(ok, 100));
    await recording.stop();
    await uploader.settled();
    return { chunks: recording.chunks, ...uploader.status() };
  }, { inspectionId, token: inspector });
  console.log(`[call] offline 20 s: ${heldOffline.pending} chunks held on the page (${heldOffline.problem}); reloaded with ${atReload.pending} of ${atReload.kept} unconfirmed`);
  expect(heldOffline.pending).toBeGreaterThanOrEqual(3);
  expect(atReload.pending).toBeGreaterThan(0);
  expect(afterReload).toMatchObject({ pending: 0, refused: 0, refusal: null });

  for (const page of [pages.applicant, pages.expert]) await page.evaluate(() => (window as unknown as { live: { leave(): Promise<void> } }).live.leave());
  const detail = await call<{ checklist: { id: string }[] }>('GET', `/inspections/${inspectionId}`, inspector);
  for (const point of detail.body.checklist) await call('PUT', `/inspections/${inspectionId}/checklist/${point.id}`, inspector, { result: 'pass' });
  const concluded = await call<{ status: string; durationSeconds: number }>('POST', `/inspections/${inspectionId}/conclusion`, inspector, { result: 'pass', summary: '各要点符合要求' });
  expect(concluded.body.status).toBe('concluded');

  const record = await call<{ events: { type: string; actor: { role: string }; payload: Record<string, unknown> }[] }>('GET', `/inspections/${inspectionId}/record`, inspector);
  const types = record.body.events.map((e) => e.type);
  // everyone who joined left (the reloaded inspector by dropping out, as often as it came back)
  const presence = (type: string) => record.body.events.filter((e) => e.type === type).map((e) => (e as unknown as { actor: { id: string } }).actor.id).sort();
  expect(new Set(presence('joined')).size).toBe(3);
  expect(presence('left')).toEqual(presence('joined'));
  const stillEvent = record.body.events.find((e) => e.type === 'still.requested');
  const photoEvent = record.body.events.find((e) => e.type === 'photo.stored' && e.payload.stillRequestId === requested.body.stillRequestId);
  expect(stillEvent?.payload.stillRequestId).toBe(requested.body.stillRequestId);
  expect(photoEvent).toBeDefined();
  // every chunk index of each recording, from 0 to its last, once; the stopped one is on the record as complete
  const recordings = new Map<string, number[]>();
  for (const e of record.body.events.filter((x) => x.type === 'recording.chunk.stored')) {
    recordings.set(String(e.payload.startedAt), [...(recordings.get(String(e.payload.startedAt)) ?? []), Number(e.payload.chunkIndex)]);
  }
  const [cut, stopped] = [...recordings.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, indexes]) => indexes.sort((a, b) => a - b));
  expect(cut!.length).toBeGreaterThanOrEqual(atReload.kept);
  expect(cut).toEqual(Array.from({ length: cut!.length }, (_, i) => i));
  expect(stopped).toEqual(Array.from({ length: afterReload.chunks }, (_, i) => i));
  const completed = record.body.events.filter((e) => e.type === 'recording.completed');
  expect(completed.map((e) => e.payload.chunks)).toEqual([afterReload.chunks]);
  expect(types.at(-1)).toBe('concluded');
  const verified = await call<{ ok: boolean }>('GET', `/inspections/${inspectionId}/verify`, inspector);
  expect(verified.body.ok).toBe(true);
  console.log(`[call] still ${photo.body.width}×${photo.body.height} (${photo.size} bytes), recordings of ${cut!.length} and ${stopped!.length} chunks, duration ${concluded.body.durationSeconds} s`);
});

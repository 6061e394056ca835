/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../embedded-db';
import { connectDatabase, disconnectDatabase } from '../../bff/src/infra/db';
import { seedDemoData } from '../../bff/src/seed';
import { fmt, median, repoRoot, startChild, type Section } from './lib';

/**
 * The call, as `e2e/call.e2e.ts` runs it: three pages (inspector, applicant, invited expert) in headless Chromium with
 * fake camera and microphone run `miniapp/src/rtc` in local mode against the real BFF (a child on CPU 0; Chromium
 * inherits the runner's CPU 1), WebRTC on loopback only. Each run times, in each page, from asking the BFF to join to
 * the first decoded frame of each other participant (requestVideoFrameCallback). Then one recorded call whose
 * inspector page is closed mid-call: seconds recorded vs seconds stored.
 */
export async function callSection(dbRoot: string, runs = Number(process.env.CALL_RUNS ?? 10), chunkMs = 5000): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'ycta-bench-call-'));
  const dbUri = `${dbRoot}/bench_call`;
  await connectDatabase(dbUri);
  await seedDemoData({ quiet: true });
  await disconnectDatabase();
  const port = await freePort();
  const bff = await startChild(join(__dirname, 'bff-server.ts'), [], {
    MONGODB_URI: dbUri, PORT: String(port), JWT_SECRET: randomBytes(32).toString('hex'), DEV_LOGIN: 'true', LOG_LEVEL: 'warn',
    STATIC_DIR: '', UPLOAD_STAGING_DIR: join(dir, 'uploads'), RATE_LIMIT_AUTH_PER_MINUTE: '1000', RATE_LIMIT_UPLOAD_PER_MINUTE: '10000',
  });
  let browser: Browser | undefined;
  try {
    const api = `http://127.0.0.1:${port}/api`;
    const call = async <T = Record<string, unknown>>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
    };
    const signIn = async (username: string) => (await call<{ accessToken: string }>('POST', '/auth/dev', undefined, { username })).body.accessToken;
    const tokens = { inspector: await signIn('inspector1'), applicant: await signIn('applicant-red'), expert: await signIn('expert1') };
    const apps = await call<{ items: { id: string }[] }>('GET', '/applications', tokens.applicant);
    const gate = await call<{ inspectionId: string }>('POST', `/applications/${apps.body.items[0]!.id}/remote-requests`, tokens.applicant);
    const inspectionId = gate.body.inspectionId;
    if (!inspectionId) throw new Error(`remote request: ${gate.status} ${JSON.stringify(gate.body)}`);
    const start = new Date(Date.now() + 60_000);
    await call('POST', `/inspections/${inspectionId}/slots`, tokens.inspector, { slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() }], rtcPreference: 'local' });
    const view = await call<{ offeredSlots: { id: string }[] }>('GET', `/inspections/${inspectionId}`, tokens.applicant);
    await call('POST', `/inspections/${inspectionId}/booking`, tokens.applicant, { slotId: view.body.offeredSlots[0]!.id });
    const invitation = await call<{ token: string }>('POST', `/inspections/${inspectionId}/invitations`, tokens.inspector, { validMinutes: 30 });
    await call('POST', '/invitations/accept', tokens.expert, { token: invitation.body.token });

    const bundled = await build({
      entryPoints: [join(repoRoot, 'miniapp/src/rtc/index.ts')], bundle: true, write: false, format: 'iife', globalName: 'yctaRtc',
      platform: 'browser', target: 'chrome120', external: ['agora-rtc-sdk-ng/esm'], logLevel: 'silent', conditions: ['@ycta/source'],
    });
    const rtcBundle = bundled.outputFiles[0]!.text;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection'],
    });

    /** A page on the BFF's origin with the RTC module loaded, ready to join (not joined yet). */
    const prepare = async (name: keyof typeof tokens): Promise<{ page: Page; context: BrowserContext }> => {
      const context = await browser!.newContext({ permissions: ['camera', 'microphone'] });
      // tsx (esbuild keepNames) wraps functions in __name(); the code handed to page.evaluate needs it in the page too
      await context.addInitScript('window.__name = (f) => f;');
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`[bench call ${name}] ${err.message}`));
      await page.goto(`${api}/health`);
      await page.addScriptTag({ content: rtcBundle });
      await page.exposeFunction('rejoin', async () => (await call('POST', `/inspections/${inspectionId}/join`, tokens[name])).body);
      return { page, context };
    };
    /** Joins and resolves with ms from the join request to the first decoded frame of each of the other two. */
    /** As the product opens it: the applicant's camera shows the premises in HD, the inspector's and expert's their face (use-inspector-call, use-inspection-call). */
    const joinAndTime = (page: Page, role: 'inspector' | 'applicant' | 'expert') => page.evaluate(async ({ inspectionId, isInspector, camera }) => {
      type Participant = { userId: string; stream: MediaStream | null };
      const w = window as unknown as Record<string, unknown> & {
        yctaRtc: { openInspectionCall(answer: unknown, opts: unknown): Promise<{ on(e: string, l: (a: never) => void): void; admit(id: string): void }> };
        rejoin(): Promise<unknown>;
      };
      const t0 = performance.now();
      const frames = new Map<string, number>();
      const watched = new Set<string>();
      const done = new Promise<void>((resolve, reject) => {
        setTimeout(() => reject(new Error(`only ${frames.size} remote frames after 30 s`)), 30_000);
        w.watch = (list: Participant[]) => {
          for (const p of list) {
            if (!p.stream?.getVideoTracks().length || watched.has(p.userId)) continue;
            watched.add(p.userId);
            const video = document.createElement('video');
            video.muted = true;
            video.srcObject = p.stream;
            document.body.append(video);
            void video.play();
            video.requestVideoFrameCallback(() => {
              frames.set(p.userId, performance.now() - t0);
              if (frames.size >= 2) resolve();
            });
          }
        };
      });
      const answer = await w.rejoin();
      const answered = performance.now() - t0;
      const live = await w.yctaRtc.openInspectionCall(answer, { inspectionId, camera, join: () => w.rejoin(), candidateFilter: (c: RTCIceCandidate) => c.address === '127.0.0.1' });
      w.live = live;
      live.on('participants', (list: Participant[]) => { w.participants = list; (w.watch as (l: Participant[]) => void)(list); });
      if (isInspector) live.on('waiting', (list: { userId: string }[]) => { for (const p of list) live.admit(p.userId); });
      const opened = performance.now() - t0;
      await done;
      return { frames: [...frames.values()], answered, opened };
    }, { inspectionId, isInspector: role === 'inspector', camera: role === 'applicant' ? 'scene' : 'face' });
    const leaveAll = async (pages: { page: Page; context: BrowserContext }[]) => {
      for (const p of pages) {
        await p.page.evaluate(() => (window as unknown as { live?: { leave(): Promise<void> } }).live?.leave()).catch(() => undefined);
        await p.context.close().catch(() => undefined);
      }
    };

    const roles = ['inspector', 'applicant', 'expert'] as const;
    const firstFrames: number[] = [];
    const allFrames: number[] = [];
    // where the time to the first frame goes: the join request, then camera and socket (openInspectionCall)
    const joinAnswers: number[] = [];
    const callsOpened: number[] = [];
    const failures: string[] = [];
    for (let run = 0; run <= runs; run++) { // run 0 warms Chromium and the BFF up and is not counted
      const pages = [await prepare('inspector'), await prepare('applicant'), await prepare('expert')];
      try {
        const times = await Promise.all(pages.map((p, i) => joinAndTime(p.page, roles[i]!)));
        if (run > 0) {
          for (const t of times) {
            firstFrames.push(Math.min(...t.frames));
            joinAnswers.push(t.answered);
            callsOpened.push(t.opened);
          }
          allFrames.push(Math.max(...times.flatMap((t) => t.frames)));
        }
      } catch (err) {
        if (run > 0) failures.push((err as Error).message);
      } finally {
        await leaveAll(pages);
      }
    }

    // recording: the inspector's page records chunks of `chunkMs` (kept in IndexedDB, sent over tus) and is closed
    // abruptly mid-chunk; the inspector opens the page again, which sends what the closed one left. Then a page that
    // records and is reloaded: every chunk it had handed over must be stored.
    type StoredChunk = { type: string; payload: { recordedFrom?: string; recordedTo?: string } };
    const storedChunks = async () => (await call<{ events: StoredChunk[] }>('GET', `/inspections/${inspectionId}/record`, tokens.inspector)).body.events
      .filter((e) => e.type === 'recording.chunk.stored');
    const countChunks = async () => (await storedChunks()).length;
    /** Seconds on the record after the first `before` chunks, from the times the chunks say they cover (a first chunk can hold more than one slice). */
    const storedSeconds = async (before: number) => (await storedChunks()).slice(before)
      .filter((e) => e.payload.recordedFrom && e.payload.recordedTo)
      .reduce((sum, e) => sum + (Date.parse(e.payload.recordedTo!) - Date.parse(e.payload.recordedFrom!)) / 1000, 0);
    type Recorder = {
      yctaRtc: { mixCall(s: MediaStream[]): { stream: MediaStream }; recordCall(s: MediaStream, u: unknown, o: unknown): { chunks: number; kept: number }; tusRecordingUploader(o: unknown): { settled(): Promise<void> } };
      live: { localStream: MediaStream }; participants: { stream: MediaStream | null }[]; recording: { chunks: number; kept: number };
    };
    /** Opens the page again in the same browser profile and waits until it has sent every chunk left on the device. */
    const resumeUploads = async (context: BrowserContext) => {
      const page = await context.newPage();
      await page.goto(`${api}/health`);
      await page.addScriptTag({ content: rtcBundle });
      await page.evaluate(async ({ inspectionId, token }) => {
        const w = window as unknown as Recorder;
        await Promise.race([
          w.yctaRtc.tusRecordingUploader({ apiBase: '/api', inspectionId, accessToken: () => token }).settled(),
          new Promise((ok) => setTimeout(ok, 60_000)),
        ]);
      }, { inspectionId, token: tokens.inspector });
      return page;
    };
    const pages = [await prepare('inspector'), await prepare('applicant'), await prepare('expert')];
    let recorded = 0;
    let stored = 0;
    let handedOver = 0;
    let storedAfterReload = 0;
    let atClose = { chunks: 0, kept: 0 };
    try {
      await Promise.all(pages.map((p, i) => joinAndTime(p.page, roles[i]!)));
      const chunksBefore = await countChunks();
      const recordFor = 2.5 * chunkMs;
      await pages[0]!.page.evaluate(({ inspectionId, token, chunkMs }) => {
        const w = window as unknown as Record<string, unknown> & Recorder;
        const mixed = w.yctaRtc.mixCall([w.live.localStream, ...w.participants.map((p) => p.stream!)]);
        w.recording = w.yctaRtc.recordCall(mixed.stream, w.yctaRtc.tusRecordingUploader({ apiBase: '/api', inspectionId, accessToken: () => token }), { chunkMs });
      }, { inspectionId, token: tokens.inspector, chunkMs });
      const started = Date.now();
      await new Promise((ok) => setTimeout(ok, recordFor));
      atClose = await pages[0]!.page.evaluate(() => ({ chunks: (window as unknown as Recorder).recording.chunks, kept: (window as unknown as Recorder).recording.kept }));
      await pages[0]!.page.close({ runBeforeUnload: false });
      recorded = (Date.now() - started) / 1000;
      await resumeUploads(pages[0]!.context);
      stored = await storedSeconds(chunksBefore);

      // reloaded mid-recording: what the page had handed over is on the device and sent by the reloaded page
      const reloaded = await resumeUploads(pages[0]!.context);
      const beforeReload = await countChunks();
      await reloaded.evaluate(async ({ inspectionId, token, chunkMs }) => {
        const w = window as unknown as Record<string, unknown> & Recorder;
        const camera = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
        w.recording = w.yctaRtc.recordCall(camera, w.yctaRtc.tusRecordingUploader({ apiBase: '/api', inspectionId, accessToken: () => token }), { chunkMs });
      }, { inspectionId, token: tokens.inspector, chunkMs });
      await reloaded.waitForFunction(() => (window as unknown as Recorder).recording.kept >= 2, null, { timeout: 4 * chunkMs + 30_000 });
      handedOver = await reloaded.evaluate(() => (window as unknown as Recorder).recording.kept);
      await reloaded.reload();
      await reloaded.close();
      await resumeUploads(pages[0]!.context);
      storedAfterReload = (await countChunks()) - beforeReload;
    } finally {
      await leaveAll(pages);
    }

    const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? NaN;
    const lost = recorded - stored;
    return {
      title: 'Call (local mode, 3 peers, headless Chromium on loopback)',
      intro: `${runs} runs after one warm-up; in every run the three pages join at once (inspector admits the others), each camera opened as the product opens it (the applicant's in HD, the inspector's and the expert's face at 640×360). Timed in each page from its join request to the first decoded frame of another participant (${runs * 3} samples), and to the decoded frames of both others (the slowest page of each run, ${runs} samples). ` +
        `The baseline for the recording is the recording itself: seconds recorded before the inspector's page was closed vs seconds stored (the spans the stored chunks say they cover; a chunk is cut every ${chunkMs / 1000} s, as in production) once the page is opened again; and chunks a reloaded page had kept on the device vs chunks stored. Target: p95 ≤ 1.5 s; loss ≤ one chunk on close, none on reload.`,
      rows: [
        { what: 'join → first decoded remote frame (each page)', p50: `${fmt(median(firstFrames) / 1000, 2)} s`, p95: `${fmt(p(firstFrames, 0.95) / 1000, 2)} s`, 'vs target': `${fmt(p(firstFrames, 0.95) / 1500, 2)} × 1.5 s`, target: 'p95 ≤ 1.5 s', met: p(firstFrames, 0.95) <= 1500 ? 'yes' : 'no' },
        { what: '… of which: join request answered', p50: `${fmt(median(joinAnswers) / 1000, 2)} s`, p95: `${fmt(p(joinAnswers, 0.95) / 1000, 2)} s`, 'vs target': '', target: '', met: '' },
        { what: '… of which: camera open and call set up (from join)', p50: `${fmt(median(callsOpened) / 1000, 2)} s`, p95: `${fmt(p(callsOpened, 0.95) / 1000, 2)} s`, 'vs target': '', target: '', met: '' },
        { what: 'join → decoded frames of both others (slowest page)', p50: `${fmt(median(allFrames) / 1000, 2)} s`, p95: `${fmt(p(allFrames, 0.95) / 1000, 2)} s`, 'vs target': `${fmt(p(allFrames, 0.95) / 1500, 2)} × 1.5 s`, target: '(p95 ≤ 1.5 s)', met: p(allFrames, 0.95) <= 1500 ? 'yes' : 'no' },
        { what: `recording lost when the inspector's page is closed mid-call`, p50: `${fmt(recorded)} s recorded (${atClose.chunks} chunks handed over, ${atClose.kept} kept on the page at close), ${fmt(stored)} s stored`, p95: '', 'vs target': `${fmt(lost)} s lost = ${fmt(lost / (chunkMs / 1000), 2)} chunk`, target: `≤ 1 chunk (${chunkMs / 1000} s)`, met: lost <= chunkMs / 1000 ? 'yes' : 'no' },
        { what: `recording lost when the inspector's page is reloaded mid-recording`, p50: `${handedOver} chunks kept on the page, ${storedAfterReload} stored`, p95: '', 'vs target': `${Math.max(0, handedOver - storedAfterReload)} chunks lost`, target: '0 chunks', met: storedAfterReload >= handedOver ? 'yes' : 'no' },
      ],
      notes: failures.length ? [`Runs that did not complete: ${failures.join('; ')}`] : [],
    };
  } finally {
    await browser?.close().catch(() => undefined);
    bff.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

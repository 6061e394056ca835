import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import { ApplicationModel } from '../bff/src/modules/applications/applications.model';
import { UserModel } from '../bff/src/modules/auth/auth.model';
import { InspectionModel } from '../bff/src/modules/inspections/inspection.model';
import { appendEvent } from '../bff/src/modules/ledger/ledger.service';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => { e = await startE2E(); }, 600_000);
afterAll(async () => { await e?.close(); });

const api = (path: string) => new URL(`api${path}`, e.stack.url).toString();
const b64 = (s: string) => Buffer.from(s).toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function devSession(username: string) {
  const res = await fetch(api('/auth/dev'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ accessToken: string; user: { id: string; role: 'inspector' | 'staff' } }>;
}

/**
 * Four seconds of a moving picture, recorded by Chromium's own MediaRecorder in one-second chunks, as the inspector's
 * browser hands them over (concatenated, they are the whole recording).
 */
async function recordWebm(page: Page): Promise<Buffer[]> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d')!;
    let frame = 0;
    const timer = setInterval(() => { g.fillStyle = `hsl(${(frame += 9) % 360} 80% 50%)`; g.fillRect(0, 0, 320, 240); }, 40);
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
    const parts: Blob[] = [];
    recorder.ondataavailable = (ev) => parts.push(ev.data);
    recorder.start(1000);
    await new Promise((r) => setTimeout(r, 4000));
    await new Promise((r) => { recorder.onstop = r; recorder.stop(); });
    clearInterval(timer);
    return Promise.all(parts.map(async (part) => {
      let text = '';
      for (const b of new Uint8Array(await part.arrayBuffer())) text += String.fromCharCode(b);
      return btoa(text);
    }));
  });
  return base64.map((part) => Buffer.from(part, 'base64'));
}

/** The resumable recording route (tus 1.0.0), as the inspector's uploader uses it. */
async function uploadRecording(inspectionId: string, token: string, bytes: Buffer, startedAt: Date, chunk: { index: number; from: Date; to: Date; last: boolean } = { index: 0, from: startedAt, to: new Date(), last: true }) {
  const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const metadata = {
    chunkIndex: String(chunk.index), mimeType: 'video/webm', startedAt: startedAt.toISOString(), recordedFrom: chunk.from.toISOString(), recordedTo: chunk.to.toISOString(),
    ...(chunk.last ? { lastChunk: '1' } : {}),
  };
  const created = await fetch(api(`/inspections/${inspectionId}/recordings`), {
    method: 'POST',
    headers: { ...auth, 'upload-length': String(bytes.length), 'upload-metadata': Object.entries(metadata).map(([k, v]) => `${k} ${b64(v)}`).join(',') },
  });
  expect(created.status).toBe(201);
  const patched = await fetch(new URL(created.headers.get('location')!, e.stack.url), {
    method: 'PATCH', headers: { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes),
  });
  expect(patched.status).toBe(204);
}

/** One page view of the review page: the session stored, then a single full load of the page. */
async function openReview(page: Page, session: unknown, inspectionId: string) {
  await page.evaluate((s) => localStorage.setItem('ycta.session', JSON.stringify({ data: s })), session);
  await page.goto('about:blank');
  await page.goto(`${e.stack.url}#/packages/staff/review/index?id=${inspectionId}`);
}

it('when staff open a finished inspection, then the recording plays whole, the page view and the playback are one viewed event each, clicking an event seeks to it and the badge is green; after one event is altered in the database the badge is red and names it', async () => {
  const application = await ApplicationModel.findOne().lean();
  const inspector = await UserModel.findOne({ username: 'inspector1' }).lean();
  const inspection = await InspectionModel.create({
    applicationId: application!._id, subjectId: application!.subjectId, matterCode: application!.matterCode, mode: 'remote',
    status: 'in_progress', inspectorIds: [inspector!._id], firstJoinAt: new Date(), site: { address: '海口市龙华区滨海大道 88 号' },
  });
  const id = inspection._id.toHexString();
  const inspectorSession = await devSession('inspector1');
  const actor = { id: inspectorSession.user.id, role: 'inspector' as const };

  const page = await e.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  const video = await recordWebm(page);
  const startedAt = new Date();
  await appendEvent({ inspectionId: id, type: 'joined', actor, payload: { displayName: '张踏勘' } });
  await uploadRecording(id, inspectorSession.accessToken, Buffer.concat(video), startedAt);
  await sleep(Math.max(0, 2500 - (Date.now() - startedAt.getTime())));
  await appendEvent({ inspectionId: id, type: 'checklist.judged', actor, payload: { itemId: 'fire-exits', result: 'pass', note: '两个出口畅通' } });
  const judgedOffset = (Date.now() - startedAt.getTime()) / 1000;

  const staff = await devSession('staff1');
  // staff review at their desks: the recording and the timeline side by side at 1366 px
  await page.setViewportSize({ width: 1366, height: 900 });
  await openReview(page, staff, id);
  await page.getByText('记录完整：', { exact: false }).waitFor({ timeout: 60_000 })
    .catch(async (err: Error) => { await e.screenshot(page, 'staff-review-failed'); throw new Error(`${err.message}\n${await page.locator('body').innerText()}\n${problems.join('\n')}`); });
  await e.screenshot(page, 'staff-review-green');

  const player = page.getByTestId('recording');
  await player.waitFor({ timeout: 30_000 });
  // the recorder's WebM carries no duration: the page finds it (about four seconds) before anyone plays
  await page.getByText(/^录像时长 00:0[3-5]/).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => ((document.querySelector('video') as HTMLVideoElement | null)?.readyState ?? 0) >= 2, null, { timeout: 30_000 });
  // the whole recording, start to end
  const played = await page.evaluate(async () => {
    const v = document.querySelector('video') as HTMLVideoElement;
    v.muted = true;
    const ended = new Promise((r) => { v.onended = r; });
    await v.play();
    await ended;
    return v.currentTime;
  });
  expect(played).toBeGreaterThan(3);
  // that page view and that playback are on the record once each, not once per request or chunk
  const views = await mongoose.connection.collection('record_events')
    .find({ inspectionId: inspection._id, type: 'viewed' }).sort({ seq: 1 }).toArray();
  expect(views.map((v) => [v.actor.id, v.payload.what])).toEqual([[staff.user.id, 'record'], [staff.user.id, 'recording']]);

  // the recording keeps to its column: the timeline beside it is not covered, and a plain click lands on the event
  const [videoBox, timelineBox] = await Promise.all([player.boundingBox(), page.getByLabel('事件时间线').boundingBox()]);
  expect(videoBox!.x + videoBox!.width).toBeLessThanOrEqual(timelineBox!.x);
  const event = page.locator('.timeline-event').filter({ hasText: '判定要点' });
  const hit = await event.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  });
  expect(hit).toBe(true);
  await page.getByText('判定要点').click();
  await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).seeking, null, { timeout: 10_000 });
  const seekedTo = await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
  expect(Math.abs(seekedTo - judgedOffset)).toBeLessThan(0.6);
  expect(await page.locator('[aria-current="true"]').innerText()).toContain('判定要点');

  // someone edits the judgment behind the application's back, straight in the database
  const judged = await mongoose.connection.collection('record_events').findOne({ type: 'checklist.judged', inspectionId: inspection._id });
  expect(judged).not.toBeNull();
  await mongoose.connection.collection('record_events').updateOne({ _id: judged!._id }, { $set: { 'payload.note': '一个出口被堵' } });

  await page.reload();
  await page.getByText('记录校验未通过').waitFor({ timeout: 60_000 });
  expect(await page.getByText(`第一处断链：第 ${judged!.seq as number} 号事件`, { exact: false }).count()).toBe(1);
  await e.screenshot(page, 'staff-review-red');
}, 300_000);

it('when a chunk in the middle of a recording never arrived, then the review page shows the gap with its time range and does not call the recording complete', async () => {
  const application = await ApplicationModel.findOne().lean();
  const inspector = await UserModel.findOne({ username: 'inspector1' }).lean();
  const inspection = await InspectionModel.create({
    applicationId: application!._id, subjectId: application!.subjectId, matterCode: application!.matterCode, mode: 'remote',
    status: 'in_progress', inspectorIds: [inspector!._id], firstJoinAt: new Date(), site: { address: '海口市龙华区滨海大道 90 号' },
  });
  const id = inspection._id.toHexString();
  const inspectorSession = await devSession('inspector1');
  const page = await e.newPage();
  const parts = await recordWebm(page);
  expect(parts.length).toBeGreaterThanOrEqual(3);
  // one-second chunks from 10:00:00 Beijing time; the second (10:00:01–10:00:02) is lost
  const startedAt = new Date('2026-11-30T02:00:00.000Z');
  const second = (n: number) => new Date(startedAt.getTime() + n * 1000);
  for (const index of [0, 2]) {
    await uploadRecording(id, inspectorSession.accessToken, index === 2 ? Buffer.concat(parts.slice(2)) : parts[0]!, startedAt, { index, from: second(index), to: second(index + 1), last: index === 2 });
  }

  await openReview(page, await devSession('staff1'), id);
  await page.getByText('录像缺失：第 2 段，10:00:01–10:00:02，约 1 秒').waitFor({ timeout: 60_000 });
  expect(await page.getByText('录像完整：').count()).toBe(0);
  await page.setViewportSize({ width: 1366, height: 900 });
  await e.screenshot(page, 'staff-review-gap');
}, 120_000);

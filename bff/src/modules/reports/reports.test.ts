import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import * as tar from 'tar-stream';
import { startTestApp, type TestApp } from '../../../test/harness';
import { binary } from '../../../test/binary-body';
import { auth, bookedInspection } from '../../../test/inspections/fixture';
import { listEvents } from '../ledger/ledger.service';
import { verifyBundle } from '../ledger/ledger.bundle-verify';

/**
 * The archival report of a finished inspection, read as its readers read it: the text pdftotext extracts, the images
 * pdfimages lists, the hash on the record, and the exported bundle verified with no database.
 * Needs poppler-utils (pdftotext, pdfimages), which .ci/run installs.
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const as = async (username: string) => auth(await t.tokenOf(username));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'ycta-report-'));

const pdfText = (file: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** A photo that differs from every other one (its colour), so each is its own image in the PDF. */
const jpeg = (n: number) => sharp({ create: { width: 320, height: 240, channels: 3, background: { r: (n * 53) % 256, g: 90, b: (n * 97) % 256 } } }).jpeg().toBuffer();

/** A concluded fix-and-recheck inspection with an expert, a photo per point, a still and a failed point. */
async function finishedInspection() {
  const { inspectionId } = await bookedInspection(t);
  const base = `/api/inspections/${inspectionId}`;
  const invited = await t.request.post(`${base}/invitations`).set(await as('inspector1')).send({ validMinutes: 30 });
  expect((await t.request.post('/api/invitations/accept').set(await as('expert1')).send({ token: invited.body.token })).status).toBe(200);
  expect((await t.request.post(`${base}/join`).set(await as('inspector1'))).status).toBe(200);
  const detail = (await t.request.get(base).set(await as('inspector1'))).body as { checklist: { id: string; title: string }[] };
  const photoIds: string[] = [];
  for (const [n, point] of detail.checklist.entries()) {
    const up = await t.request.post(`${base}/photos`).set(await as('applicant-red')).field('checklistItemId', point.id).attach('file', await jpeg(n), 'site.jpg');
    expect(up.status).toBe(201);
    photoIds.push(up.body.id);
  }
  const still = await t.request.post(`${base}/stills`).set(await as('inspector1')).send({ checklistItemId: detail.checklist[0]!.id });
  const stillUp = await t.request.post(`${base}/photos`).set(await as('applicant-red')).field('stillRequestId', still.body.stillRequestId).attach('file', await jpeg(99), 'still.jpg');
  expect(stillUp.status).toBe(201);
  for (const [n, point] of detail.checklist.entries()) {
    const judged = await t.request.put(`${base}/checklist/${point.id}`).set(await as('inspector1'))
      .send(n === 0 ? { result: 'fail', note: '安全出口被货物堵塞', photoIds: [photoIds[0]] } : { result: 'pass' });
    expect(judged.status).toBe(200);
  }
  expect((await t.request.post(`${base}/opinions`).set(await as('expert1')).send({ text: '建议复查时核对疏散指示标志' })).status).toBe(201);
  const concluded = await t.request.post(`${base}/conclusion`).set(await as('inspector1')).send({
    result: 'fix_and_recheck', summary: '安全出口须清理后复查',
    rectificationItems: [{ checklistItemId: detail.checklist[0]!.id, description: '清除安全出口处堆放的货物' }], rectificationDueOn: '2026-12-31',
  });
  expect(concluded.status).toBe(200);
  return { inspectionId, checklist: detail.checklist, photos: detail.checklist.length + 1 };
}

describe('the archival report of an inspection', () => {
  it('when the inspection has no conclusion yet, then no report is made and the reason is given; an applicant may not have it', async () => {
    const { inspectionId } = await bookedInspection(t);
    const early = await t.request.get(`/api/inspections/${inspectionId}/report`).set(await as('staff1'));
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'INSPECTION.INVALID_STATE', message: '踏勘尚未作出结论，还不能生成归档报告' });
    expect((await t.request.get(`/api/inspections/${inspectionId}/report`).set(await as('applicant-red'))).status).toBe(403);
    expect((await listEvents(inspectionId)).some((e) => e.type === 'report.generated')).toBe(false);
  });

  it('when staff download the report of a finished inspection, then every section, every point with its photos and the page numbers are in it, its hash is on the record and the exported bundle verifies with it', async () => {
    const { inspectionId, checklist, photos } = await finishedInspection();
    const res = await t.request.get(`/api/inspections/${inspectionId}/report`).set(await as('staff1')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const file = join(dir, `${inspectionId}.pdf`);
    writeFileSync(file, pdf);

    const text = squeeze(pdfText(file));
    for (const expected of [
      '远程踏勘归档报告', `编号：${inspectionId}`,
      '一、申请人与办理事项', '申请主体：', '统一社会信用代码：91460100MA5T8R2Q3K', '办理事项：', '经营场所：海南省海口市龙华区测试路1号', '踏勘方式：远程视频踏勘',
      '二、踏勘时间与参与人员', '预约时段：', '开始：', '结束（作出结论）：', '踏勘人员：', '专家：',
      '三、踏勘要点与判定', '说明：安全出口被货物堵塞', '应要求截图',
      '四、专家意见', '建议复查时核对疏散指示标志',
      '五、踏勘结论', '结论：整改后复查', '结论说明：安全出口须清理后复查',
      '六、整改事项', '清除安全出口处堆放的货物', '整改期限：2026-12-31前完成',
      '七、记录核验', '记录校验：完整', '链头哈希：', `${t.baseUrl}/#/packages/staff/review/index?id=${inspectionId}`,
      '八、签字', '踏勘人员（签字）',
    ]) expect({ expected, found: text.includes(squeeze(expected)) }).toEqual({ expected, found: true });
    checklist.forEach((point, n) => expect(text).toContain(squeeze(`${n + 1}.${point.title}：${n === 0 ? '不符合' : '符合'}`)));
    // people read times and names: no ISO instants, no internal point codes
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    for (const point of checklist) expect(text).not.toContain(point.id);

    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) expect(squeeze(pdfText(file, page))).toContain(`第${page}页共${pages}页`);
    // every photo and still of the points is embedded as an image (the QR code is drawn, not an image)
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').filter((l) => /^\s*\d+\s+\d+\s+image/.test(l));
    expect(images).toHaveLength(photos);

    const events = await listEvents(inspectionId);
    const generated = events.filter((e) => e.type === 'report.generated');
    expect(generated).toHaveLength(1);
    expect(generated[0]!.payload).toMatchObject({ sha256: sha256(pdf), size: pdf.length, contentType: 'application/pdf' });

    // asked again with nothing new on the record: the same kept file, no second event
    const again = await t.request.get(`/api/inspections/${inspectionId}/report`).set(await as('inspector1')).buffer(true).parse(binary);
    expect(sha256(again.body as Buffer)).toBe(sha256(pdf));
    expect((await listEvents(inspectionId)).filter((e) => e.type === 'report.generated')).toHaveLength(1);

    const bundle = await t.request.get(`/api/inspections/${inspectionId}/export`).set(await as('staff1')).buffer(true).parse(binary);
    expect(bundle.status).toBe(200);
    const verified = await verifyBundle(Readable.from([bundle.body as Buffer]));
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);

    // the report inside the bundle is the one whose hash the record holds: a changed copy does not verify
    const tampered = await rewriteEntry(bundle.body as Buffer, `media/${String(generated[0]!.payload.mediaId)}`);
    const broken = await verifyBundle(Readable.from([tampered]));
    expect(broken.ok).toBe(false);
    expect(broken.problems.join('\n')).toContain(`与第 ${generated[0]!.seq} 号事件记录的不符`);
  }, 120_000);
});

/** The bundle with one entry's last byte flipped (same size), everything else as exported. */
async function rewriteEntry(bundle: Buffer, name: string): Promise<Buffer> {
  const extract = tar.extract();
  const pack = tar.pack();
  const out: Buffer[] = [];
  pack.on('data', (c: unknown) => { out.push(c as Buffer); });
  const finished = new Promise<void>((ok) => pack.on('end', ok));
  Readable.from([bundle]).pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry as AsyncIterable<Buffer>) chunks.push(c);
    const body = Buffer.concat(chunks);
    if (entry.header.name === name) body[body.length - 1] = body.at(-1)! ^ 0xff;
    await new Promise<void>((ok, fail) => pack.entry({ ...entry.header }, body, (err) => (err ? fail(err) : ok())));
  }
  pack.finalize();
  await finished;
  return Buffer.concat(out);
}

import {
  checklistResultLabels, conclusionResultLabels, inspectionModeLabels, roleLabels, shanghaiDateTime,
} from '@ycta/shared';
import { drawQrCode, finishWithPageNumbers, newPdf, type Pdf } from '../../lib/pdf';
import type { ReportContent, ReportPhoto } from './reports.content';

/**
 * The archival report of a concluded inspection (踏勘归档报告) on A4: who and what, when, every point with its
 * judgment and its photos, the experts' opinions, the conclusion and what must be fixed by when, the record's check
 * with a QR code to verify it, signature lines, "第 x 页 共 y 页" on every page. Times are Beijing time.
 */

const at = (iso: string | null) => (iso ? `${shanghaiDateTime(new Date(iso))}` : '—');
const thumbWidth = 150;
const thumbHeight = 112;

/** A section heading, on a new page when what must follow it (`keep` points) would not fit under it. */
function heading(doc: Pdf, text: string, keep = 60): void {
  if (doc.y + 40 + keep > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.6).font('cjk-bold').fontSize(13).fillColor('#000').text(text);
  const y = doc.y + 2;
  doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(0.5).strokeColor('#999').stroke();
  doc.moveDown(0.4).font('cjk').fontSize(10.5);
}

function line(doc: Pdf, label: string, value: string): void {
  doc.font('cjk').fontSize(10.5).fillColor('#000').text(`${label}：${value}`);
}

function photoCaption(p: ReportPhoto['photo']): string {
  const kind = p.stillRequestId ? '应要求截图' : '现场照片';
  const taken = p.capturedAt ? `拍摄 ${at(p.capturedAt)}` : '拍摄时间未知';
  const where = p.distanceMeters !== null ? `距场所 ${Math.round(p.distanceMeters)} 米` : '位置未知';
  return `${kind} · ${taken} · ${where}\nSHA-256 ${p.sha256.slice(0, 16)}…`;
}

/** Thumbnails three to a row, each with its capture time, distance and the start of its hash. */
function photoGrid(doc: Pdf, photos: readonly ReportPhoto[]): void {
  const left = doc.page.margins.left + 14;
  const gap = 12;
  for (let i = 0; i < photos.length; i += 3) {
    if (doc.y + thumbHeight + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y + 4;
    let captionBottom = top;
    photos.slice(i, i + 3).forEach(({ photo, thumbnail }, n) => {
      const x = left + n * (thumbWidth + gap);
      if (thumbnail) doc.image(thumbnail, x, top, { fit: [thumbWidth, thumbHeight], align: 'center', valign: 'center' });
      else doc.rect(x, top, thumbWidth, thumbHeight).lineWidth(0.5).strokeColor('#bbb').stroke();
      if (!thumbnail) doc.fontSize(8).fillColor('#666').text('无缩略图（原件见记录包）', x + 8, top + thumbHeight / 2 - 5, { width: thumbWidth - 16, align: 'center' });
      doc.fontSize(7.5).fillColor('#444').text(photoCaption(photo), x, top + thumbHeight + 3, { width: thumbWidth });
      captionBottom = Math.max(captionBottom, doc.y);
    });
    doc.x = doc.page.margins.left;
    doc.y = captionBottom + 6;
  }
  doc.fillColor('#000').fontSize(10.5);
}

function subjectLines(doc: Pdf, c: ReportContent): void {
  const s = c.subject;
  line(doc, '申请主体', s?.name ?? '（主体信息缺失）');
  if (s?.uscc) line(doc, '统一社会信用代码', s.uscc);
  if (s?.idNumberMasked) line(doc, '身份证号（已脱敏）', s.idNumberMasked);
  if (s?.contactName) line(doc, '联系人', `${s.contactName}${s.contactPhoneMasked ? `（${s.contactPhoneMasked}）` : ''}`);
  line(doc, '办理事项', c.detail.matterName);
  line(doc, '经营场所', c.detail.siteAddress ?? '—');
  line(doc, '踏勘方式', inspectionModeLabels[c.detail.mode]);
}

function timesAndPeople(doc: Pdf, c: ReportContent): void {
  const d = c.detail;
  if (d.slot) line(doc, '预约时段', `${at(d.slot.start)} 至 ${at(d.slot.end).slice(11)}`);
  line(doc, '开始', at(d.firstJoinAt));
  line(doc, '结束（作出结论）', at(d.concludedAt));
  if (d.durationSeconds !== null) line(doc, '用时', `${Math.max(1, Math.round(d.durationSeconds / 60))} 分钟`);
  const named = (role: string) => d.participants.filter((p) => p.role === role).map((p) => p.displayName).join('、') || '无';
  line(doc, '踏勘人员', named('inspector'));
  line(doc, '专家', named('expert'));
}

function points(doc: Pdf, c: ReportContent): void {
  const names = new Map(c.detail.participants.map((p) => [p.userId, p.displayName]));
  c.detail.checklist.forEach((point, n) => {
    const photos = c.photosByPoint.get(point.id) ?? [];
    // a point's lines and its first row of photos stay on one page
    if (doc.y + 70 + (photos.length ? thumbHeight + 36 : 0) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const result = point.result ? checklistResultLabels[point.result] : '未判定';
    doc.font('cjk-bold').fontSize(11).fillColor(point.result === 'fail' ? '#c62828' : '#000').text(`${n + 1}. ${point.title}：${result}`);
    doc.font('cjk').fontSize(10).fillColor('#000');
    if (point.note) doc.text(`说明：${point.note}`, { indent: 14 });
    if (point.settledBy) doc.text(`已由预选址意见书核实：${point.settledBy.ruleTitle}（${point.settledBy.figure}）`, { indent: 14 });
    const by = point.judgedBy ? names.get(point.judgedBy) ?? roleLabels.inspector : '—';
    doc.fillColor('#555').text(`判定：${by} ${at(point.judgedAt)}${point.judgments > 1 ? `（共判定 ${point.judgments} 次，以最后一次为准）` : ''}`, { indent: 14 });
    doc.text(photos.length ? `照片与截图（${photos.length}）：` : '照片与截图：无', { indent: 14 });
    photoGrid(doc, photos);
    doc.moveDown(0.3);
  });
  if (c.otherPhotos.length) {
    doc.font('cjk-bold').fontSize(11).text(`未关联要点的照片（${c.otherPhotos.length}）`).font('cjk');
    photoGrid(doc, c.otherPhotos);
  }
}

function opinions(doc: Pdf, c: ReportContent): void {
  const names = new Map(c.detail.participants.map((p) => [p.userId, p.displayName]));
  if (!c.detail.opinions.length) doc.text('本次踏勘没有专家意见。');
  for (const o of c.detail.opinions) doc.text(`${names.get(o.expertId) ?? '专家'}（${at(o.at)}）：${o.text}`);
}

function conclusion(doc: Pdf, c: ReportContent): void {
  const k = c.detail.conclusion;
  if (!k) return void doc.text('尚未作出结论。');
  const names = new Map(c.detail.participants.map((p) => [p.userId, p.displayName]));
  doc.font('cjk-bold').fontSize(12).text(`结论：${conclusionResultLabels[k.result]}`).font('cjk').fontSize(10.5);
  if (k.summary) line(doc, '结论说明', k.summary);
  line(doc, '作出人', `${names.get(k.concludedBy) ?? roleLabels.inspector}，${at(k.concludedAt)}`);
}

function rectification(doc: Pdf, c: ReportContent): void {
  const k = c.detail.conclusion;
  const titles = new Map(c.detail.checklist.map((p) => [p.id, p.title]));
  if (!k || k.rectificationItems.length === 0) return void doc.text('无需整改。');
  k.rectificationItems.forEach((item, n) => {
    const point = item.checklistItemId ? titles.get(item.checklistItemId) : undefined;
    doc.text(`${n + 1}. ${item.description}${point ? `（要点：${point}）` : ''}`);
  });
  line(doc, '整改期限', k.rectificationDueOn ? `${k.rectificationDueOn} 前完成，届时复查` : '—');
}

function recordCheck(doc: Pdf, c: ReportContent): void {
  const v = c.verification;
  const size = 96;
  const top = doc.y;
  const textWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right - size - 16;
  doc.text(v.ok ? `记录校验：完整，${v.length} 个事件的哈希链全部校验通过（生成本报告时）。` : `记录校验：未通过，第 ${v.firstBroken?.seq ?? '?'} 号事件：${v.firstBroken?.reason ?? ''}`, { width: textWidth });
  doc.fontSize(8.5).text(`链头哈希：${v.headHash}`, { width: textWidth });
  doc.fontSize(9).text(`在线核验：扫描右侧二维码，或打开 ${c.verifyUrl}`, { width: textWidth });
  doc.text('离线核验：导出记录包后运行 npm run verify-bundle -- <记录包.tar>；本报告的 SHA-256 记在报告生成之后的记录事件中。', { width: textWidth });
  drawQrCode(doc, c.verifyUrl, doc.page.width - doc.page.margins.right - size, top, size);
  doc.x = doc.page.margins.left;
  doc.y = Math.max(doc.y, top + size) + 6;
  doc.fontSize(10.5);
}

function signatures(doc: Pdf): void {
  doc.moveDown(0.5);
  for (const who of ['踏勘人员（签字）', '申请人（签字）', '审核人员（签字）']) {
    doc.text(`${who}：________________________    日期：____________`).moveDown(0.8);
  }
}

export function renderInspectionReport(c: ReportContent): Promise<Buffer> {
  const { doc, bytes } = newPdf({ Title: '远程踏勘归档报告', Subject: `${c.detail.matterName} ${c.detail.siteAddress ?? ''}` });
  doc.font('cjk-bold').fontSize(20).text('远程踏勘归档报告', { align: 'center' }).moveDown(0.3);
  doc.font('cjk').fontSize(9).fillColor('#666')
    .text(`编号：${c.detail.id}    申请编号：${c.detail.applicationId}    生成时间：${shanghaiDateTime(c.generatedAt)}（北京时间，下同）`, { align: 'center' });
  heading(doc, '一、申请人与办理事项');
  subjectLines(doc, c);
  heading(doc, '二、踏勘时间与参与人员');
  timesAndPeople(doc, c);
  heading(doc, '三、踏勘要点与判定', 220);
  points(doc, c);
  heading(doc, '四、专家意见');
  opinions(doc, c);
  heading(doc, '五、踏勘结论');
  conclusion(doc, c);
  heading(doc, '六、整改事项');
  rectification(doc, c);
  heading(doc, '七、记录核验', 110);
  recordCheck(doc, c);
  heading(doc, '八、签字', 110);
  signatures(doc);
  finishWithPageNumbers(doc);
  return bytes;
}

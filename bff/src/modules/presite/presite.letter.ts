import { buildingUseLabels, creditTierLabels, landUseLabels, roleLabels, ruleResultLabels, shanghaiDateTime } from '@ycta/shared';
import { finishWithPageNumbers, newPdf, type Pdf } from '../../lib/pdf';
import type { PresiteAdviceDoc, PresiteRequestDoc, StoredLook } from './presite.model';

const floorName = (f: number) => (f < 0 ? `地下${-f}层` : `${f}层`);
const duration = (seconds: number) => (seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`);

/** Each remote look: when, who, how long, and the call's own record (its head hash verifies it, with the recording). */
function looksSection(doc: Pdf, looks: readonly StoredLook[]): void {
  doc.fontSize(14).text('远程查看现场').moveDown(0.3);
  looks.forEach((l, i) => {
    doc.fontSize(11).text(`${i + 1}. ${shanghaiDateTime(l.startedAt)} 至 ${shanghaiDateTime(l.endedAt)}，时长 ${duration(l.durationSeconds)}`);
    doc.fontSize(10).text(`参加人员：${l.participants.map((p) => `${p.name}（${roleLabels[p.role]}）`).join('、') || '—'}`, { indent: 14 });
    doc.text(`视频记录：录像 ${l.recordingChunks} 段、截图 ${l.stills} 张，记录链共 ${l.chainEvents} 条，链头哈希：`, { indent: 14 });
    doc.font('Courier').fontSize(8).text(l.headHash, { indent: 14 }).font('cjk').moveDown(0.4);
  });
  doc.moveDown();
}

/** The 预选址意见书 as a PDF: the site, every rule with its figure, answer and legal basis, the decision and how long it is valid. */
export function renderAdviceLetter(request: PresiteRequestDoc, advice: PresiteAdviceDoc): Promise<Buffer> {
  const { doc, bytes } = newPdf({ Title: '预选址意见书' });

  doc.fontSize(20).text('预选址意见书', { align: 'center' }).moveDown(0.5);
  doc.fontSize(10).fillColor('#666').text(`编号 ${String(request._id)}    出具时间 ${shanghaiDateTime(advice.issuedAt)}`, { align: 'center' }).moveDown();
  doc.fillColor('#000').fontSize(11);
  const floors = request.lowestFloor === request.highestFloor ? floorName(request.lowestFloor) : `${floorName(request.lowestFloor)}至${floorName(request.highestFloor)}`;
  [
    `申请主体：${request.subjectName}（信用等级：${request.creditTier ? creditTierLabels[request.creditTier] : '未取得'}）`,
    `事项：${request.matterName}`,
    `拟选场所：${request.siteAddress}（WGS-84 ${request.site.lat.toFixed(5)}, ${request.site.lng.toFixed(5)}）`,
    `楼层：${floors}；建筑地上 ${request.aboveGroundFloors} 层、地下 ${request.undergroundFloors} 层；面积 ${request.floorArea} 平方米`,
    `房屋用途：${buildingUseLabels[request.buildingUse]}；土地用途：${landUseLabels[request.landUse]}；计划开业：${request.plannedOpeningOn}`,
    `规则版本：第 ${request.ruleSetVersion} 版；周边场所图层：${request.layer ? `第 ${request.layer.version} 版 ${request.layer.label}` : '无'}`,
  ].forEach((line) => doc.text(line));
  doc.moveDown();

  doc.fontSize(14).text('逐条核实结果').moveDown(0.3);
  advice.outcomes.forEach((o, i) => {
    doc.fontSize(11).fillColor(o.result === 'compliant' ? '#067d3a' : o.result === 'noncompliant' ? '#c62828' : '#b26a00')
      .text(`${i + 1}. ${o.title}：${ruleResultLabels[o.result]}`);
    doc.fillColor('#000').fontSize(10).text(`测量与核实：${o.figure}`, { indent: 14 });
    doc.fillColor('#555').text(`依据：${o.basis.source}${o.basis.article} ${o.basis.text}`, { indent: 14 });
    if (o.basis.localPolicy) doc.text(`地方执行标准：${o.basis.localPolicy}`, { indent: 14 });
    doc.fillColor('#000').moveDown(0.4);
  });
  doc.moveDown();
  if (advice.looks?.length) looksSection(doc, advice.looks);
  doc.fontSize(14).text(`结论：${ruleResultLabels[advice.decision]}`);
  doc.fontSize(11).text(advice.decision === 'compliant'
    ? '经核实，该场所符合上述选址要求，可据此租赁和装修，并在有效期内申请许可。'
    : advice.decision === 'noncompliant'
      ? '经核实，该场所不符合上述选址要求，申请许可将不予通过，建议另选场所。'
      : '部分规则须现场或补充材料核实，请按上述说明补充后再申请。');
  if (advice.note) doc.text(`审核意见：${advice.note}`);
  doc.text(`有效期至：${advice.validUntil}（在此之前就同一事项、同一场所申请许可的，本意见书随申请附送，已核实的踏勘要点不再重复核查）`);
  doc.text(`办理用时：${advice.workingDaysTaken} 个工作日    审核人：${advice.issuedByName}`);
  doc.moveDown().fontSize(9).fillColor('#666').text('本意见书为预选址咨询意见，不代替行政许可决定；以许可时的法律法规和现场情况为准。');
  finishWithPageNumbers(doc);
  return bytes;
}

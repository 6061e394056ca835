import type { RecordEvent, RecordEventType } from '@ycta/shared/contracts/ledger.contract';

export const eventLabels: Record<RecordEventType, string> = {
  created: '创建踏勘', booked: '预约时段', joined: '加入通话', left: '离开通话',
  'photo.stored': '照片入库', 'still.requested': '请求截图', 'point.focused': '查看要点', 'still.taken': '截图入库',
  'recording.chunk.stored': '录像分段入库', 'checklist.judged': '判定要点', concluded: '作出结论',
  flagged: '标记虚假材料', reviewed: '审核', 'opinion.added': '专家意见', 'credit.checked': '信用核验',
  viewed: '审核人员查看', exported: '导出记录包', correction: '更正', assigned: '调整踏勘人员', 'report.generated': '生成归档报告',
  invited: '邀请专家', 'invitation.accepted': '专家接受邀请', cancelled: '取消踏勘', 'recording.completed': '录像完整',
  'site.confirmed': '确认场所位置',
  'joint.planned': '列入综合检查计划', 'joint.booked': '预约综合检查时间', 'joint.judged': '部门判定检查项',
  'joint.concluded': '汇总检查结果', 'joint.rechecked': '整改复查',
  'call.ended': '结束视频', 'joint.call': '远程视频检查', 'presite.call': '远程查看选址',
  'material.uploaded': '材料上传', 'material.gap': '声明容缺后补', 'commitment.signed': '签署告知承诺',
  'materials.submitted': '提交材料', 'acceptance.decided': '受理决定', 'supplement.overdue': '后补逾期',
  'commitment.checked': '承诺核查',
  'presite.submitted': '提交预选址申请', 'presite.reviewed': '核实预选址规则', 'presite.advised': '出具预选址意见书',
  'repair.submitted': '提交信用修复申请', 'repair.proof': '修复证明材料入库', 'repair.committed': '签署信用承诺',
  'repair.decided': '部门作出决定', 'repair.closed': '修复申请办结', 'repair.forwarded': '修复结果报送信用平台',
};

const resultLabels: Record<string, string> = { pass: '符合', fail: '不符合', na: '不适用', fix_and_recheck: '整改后复查' };

/** A short line of what the event says, from the payload fields people care about; points named by their titles. */
export function eventDetail(event: RecordEvent, pointTitles: ReadonlyMap<string, string> = new Map()): string {
  const p = event.payload as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof p.itemId === 'string') parts.push(`要点：${pointTitles.get(p.itemId) ?? '（已不在清单中的要点）'}`);
  if (typeof p.result === 'string') parts.push(resultLabels[p.result] ?? p.result);
  if (typeof p.note === 'string' && p.note) parts.push(p.note);
  if (typeof p.displayName === 'string') parts.push(p.displayName);
  if ((event.type === 'assigned' || event.type === 'cancelled' || event.type === 'site.confirmed') && typeof p.reason === 'string') parts.push(p.reason);
  return parts.join(' · ');
}

/** Events the recording timeline shows (the recording's own chunks and staff views are bookkeeping). */
export const timelineEvent = (e: RecordEvent) => e.type !== 'recording.chunk.stored' && e.type !== 'recording.completed' && e.type !== 'viewed';

/** Where the recording starts: the first chunk's own start if the recorder said it, else the first chunk's arrival. */
export function recordingStart(events: RecordEvent[]): number | null {
  const first = events.find((e) => e.type === 'recording.chunk.stored');
  if (!first) return null;
  const startedAt = (first.payload as { startedAt?: unknown }).startedAt;
  return typeof startedAt === 'string' ? Date.parse(startedAt) : Date.parse(first.at);
}

/** The recording's chunks in recording order (chunkIndex), as media ids. */
export const recordingMediaIds = (events: RecordEvent[]) => events
  .filter((e) => e.type === 'recording.chunk.stored' && typeof e.payload.mediaId === 'string')
  // recording by recording (a reloaded page starts a new one), then chunk by chunk
  .sort((a, b) => String(a.payload.startedAt ?? '').localeCompare(String(b.payload.startedAt ?? ''))
    || Number(a.payload.chunkIndex ?? a.seq) - Number(b.payload.chunkIndex ?? b.seq))
  .map((e) => e.payload.mediaId as string);

export const offsetLabel = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

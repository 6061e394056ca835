import { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { ChainVerification, RecordEvent, type RecordEventType } from '@ycta/shared/contracts/ledger.contract';
import { Photo } from '@ycta/shared/contracts/media.contract';
import { checked } from '../../../../test/fixtures';

/** A finished inspection as the BFF answers for it: detail, its record, the verification and its photos. */
export const inspectionId = '65b000000000000000000001';
const hash = (c: string) => c.repeat(64);

export const finishedInspection = checked(InspectionDetail, {
  id: inspectionId, applicationId: '65a000000000000000000001', subjectId: '65c000000000000000000001',
  matterCode: 'internet-cafe', matterName: '互联网上网服务营业场所设立', mode: 'remote', status: 'concluded', statusLabel: '已办结',
  slot: { start: '2026-11-28T02:00:00.000Z', end: '2026-11-28T03:00:00.000Z' }, siteAddress: '海口市龙华区滨海大道 88 号',
  createdAt: '2026-11-25T02:00:00.000Z', rtcPreference: 'local', offeredSlots: [],
  participants: [
    { userId: 'u-insp', role: 'inspector', displayName: '张踏勘' },
    { userId: 'u-app', role: 'applicant', displayName: '红梅网咖 负责人' },
  ],
  checklist: [
    { id: 'fire-exits', title: '安全出口', guidance: '展示安全出口', requiresPhoto: true, result: 'pass', note: '两个出口畅通', photoIds: ['65d000000000000000000001'], judgedAt: '2026-11-28T02:05:00.000Z', judgedBy: 'u-insp', judgments: 1 },
    { id: 'floor-area', title: '营业面积', guidance: '测量面积', requiresPhoto: true, result: 'fail', note: '不足 200 平方米', photoIds: [], judgedAt: '2026-11-28T02:10:00.000Z', judgedBy: 'u-insp', judgments: 2 },
  ],
  conclusion: {
    result: 'fix_and_recheck', summary: '面积不足，整改后复查', rectificationItems: [{ checklistItemId: 'floor-area', description: '扩大营业面积至 200 平方米' }],
    rectificationDueOn: '2026-12-10', concludedBy: 'u-insp', concludedAt: '2026-11-28T02:30:00.000Z', recheckInspectionId: null,
  },
  opinions: [{ expertId: 'u-exp', text: '建议复查时测量实际面积', at: '2026-11-28T02:20:00.000Z' }],
  firstJoinAt: '2026-11-28T02:00:00.000Z', concludedAt: '2026-11-28T02:30:00.000Z', durationSeconds: 1800, recheckOf: null,
});

const event = (seq: number, type: RecordEventType, at: string, payload: Record<string, unknown> = {}) => checked(RecordEvent, {
  id: `e${seq}`, inspectionId, seq, type, actor: { id: 'u-insp', role: 'inspector' }, at, payload,
  prevHash: hash(String(seq % 10)), hash: hash(String((seq + 1) % 10)),
});

export const recordEvents = [
  event(0, 'created', '2026-11-25T02:00:00.000Z'),
  event(1, 'joined', '2026-11-28T02:00:00.000Z', { displayName: '张踏勘' }),
  event(2, 'recording.chunk.stored', '2026-11-28T02:00:05.000Z', { mediaId: '65e000000000000000000001', chunkIndex: 0, startedAt: '2026-11-28T02:00:00.000Z' }),
  event(3, 'checklist.judged', '2026-11-28T02:05:00.000Z', { itemId: 'fire-exits', result: 'pass', note: '两个出口畅通' }),
  event(4, 'recording.chunk.stored', '2026-11-28T02:00:10.000Z', { mediaId: '65e000000000000000000002', chunkIndex: 1, startedAt: '2026-11-28T02:00:00.000Z' }),
  event(5, 'checklist.judged', '2026-11-28T02:10:00.000Z', { itemId: 'floor-area', result: 'fail', note: '不足 200 平方米' }),
  event(6, 'concluded', '2026-11-28T02:30:00.000Z', { result: 'fix_and_recheck' }),
];

export const intactChain = checked(ChainVerification, { ok: true, length: 7, headHash: hash('a') });
export const brokenChain = checked(ChainVerification, {
  ok: false, length: 7, headHash: hash('a'), firstBroken: { seq: 3, eventId: 'e3', reason: '事件内容与哈希不符（记录被改动）' },
});

export const sitePhoto = checked(Photo, {
  id: '65d000000000000000000001', inspectionId, checklistItemId: 'fire-exits', stillRequestId: null, type: 'image/jpeg', size: 120_000,
  sha256: hash('b'), width: 4000, height: 3000, capturedAt: '2026-11-27T09:00:00.000Z', captureTimeSource: 'exif',
  receivedAt: '2026-11-27T09:01:00.000Z', gps: { lat: 20.02345, lng: 110.31234, accuracy: 12, source: 'client' },
  distanceMeters: 1830.4, marks: { stale: false, far: true, reasons: ['拍摄地点距经营场所 1830 米'] },
  uploadedBy: { id: 'u-app', role: 'applicant' }, url: '/api/media/65d000000000000000000001', thumbnailUrl: '/api/media/65d000000000000000000001?thumb=1',
});

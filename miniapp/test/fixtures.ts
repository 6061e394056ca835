import { ApplicationDetail, ApplicationSummary } from '@ycta/shared/contracts/applications.contract';
import { RemoteRequestResult } from '@ycta/shared/contracts/credit.contract';
import { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { Photo, Walkthrough } from '@ycta/shared/contracts/media.contract';
import { Matter } from '@ycta/shared/contracts/matters.contract';
import type { Session } from '@ycta/shared/contracts/auth.contract';
import type { z } from 'zod';

/**
 * Answers shaped like the BFF's, for the local server of the tests. Each one is parsed with the shared
 * contract's schema, so a contract change breaks the fixture here rather than passing silently.
 */
export const checked = <S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> => schema.parse(value);

export const applicantSession: Session = {
  accessToken: 'access-1',
  expiresIn: 900,
  refreshToken: 'refresh-token-1',
  user: { id: 'u1', username: 'applicant-red', displayName: '红码商户', role: 'applicant', subjectId: 's1' },
};

const policy = { remote: {}, refuseDishonest: false };
const materials = {
  version: '2026-11.1', basis: ['国办发〔2020〕42号'], commitmentCheckWorkingDays: 20,
  items: [{ id: 'business-licence', name: '营业执照', whatCounts: '营业执照照片', acceptedKinds: ['image', 'pdf'] as ('image' | 'pdf')[], essential: true, gapAllowed: false, commitment: null }],
};

export const matters = [
  checked(Matter, {
    code: 'internet-cafe', name: '互联网上网服务营业场所设立', description: '网吧、电竞馆开业前的现场核查', timeLimitWorkingDays: 20,
    creditPolicy: policy, policyVersion: '2026-11.1', materials,
    checklist: [
      { id: 'fire-exit', title: '安全出口', guidance: '拍摄安全出口及疏散指示标志，标志应清晰可见', requiresPhoto: true },
      { id: 'floor-area', title: '营业面积', guidance: '拍摄营业场所全景，能看出面积不少于 200 平方米', requiresPhoto: true },
    ],
  }),
  checked(Matter, {
    code: 'childcare', name: '托育机构备案', description: '托育机构备案前的场所核查', timeLimitWorkingDays: 10,
    creditPolicy: policy, policyVersion: '2026-11.1', materials, checklist: [],
  }),
];

export const applicationSummary = checked(ApplicationSummary, {
  id: '65a000000000000000000001',
  subjectId: '640000000000000000000001',
  subjectName: '海口红码网络科技有限公司',
  matterCode: 'internet-cafe',
  matterName: '互联网上网服务营业场所设立',
  siteAddress: '海口市美兰区海甸五西路 28 号',
  status: 'inspection_booked',
  statusLabel: '已预约踏勘',
  assignedInspectorIds: ['630000000000000000000001'],
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-21T03:00:00.000Z',
});

export const applicationDetail = checked(ApplicationDetail, {
  ...applicationSummary,
  site: { lat: 20.05, lng: 110.32 },
  siteOrigin: 'registered',
  nextStep: '请在预约时间进入视频踏勘，提前检查摄像头、麦克风和网络。',
  timeline: [
    { from: null, to: 'submitted', actorId: 'u1', actorRole: 'applicant', reason: '提交申请', at: '2026-11-20T02:00:00.000Z' },
    { from: 'submitted', to: 'remote_approved', actorId: 'system', actorRole: 'system', reason: '信用红色等级，可远程踏勘', at: '2026-11-20T02:01:00.000Z' },
    { from: 'remote_approved', to: 'inspection_booked', actorId: 'i1', actorRole: 'inspector', reason: '预约 12 月 1 日 10:00', at: '2026-11-21T03:00:00.000Z' },
  ],
  deadline: { startedOn: '2026-11-20', timeLimitWorkingDays: 14, dueOn: '2026-12-09', remainingWorkingDays: 14, overdue: false, covered: true },
  creditSnapshot: { tier: 'red', source: 'local', checkedAt: '2026-11-20T02:01:00.000Z', policyVersion: '2026-11.1' },
  inspectionId: '66c000000000000000000001',
  nextActions: [{ action: 'withdraw', label: '撤回申请' }],
});

export function remoteRequestResult(outcome: RemoteRequestResult['outcome'], tier: 'red' | 'orange' | 'blue' | 'black', message: string) {
  const privileges = { acceptWithGaps: tier === 'red', commitment: tier === 'red', priorityBooking: tier === 'red' || tier === 'orange' };
  return checked(RemoteRequestResult, {
    applicationId: applicationSummary.id, status: outcome === 'refused' ? 'submitted' : outcome, outcome, message,
    creditSnapshot: { tier, source: 'local', checkedAt: '2026-11-29T02:00:00.000Z', policyVersion: '2026-11.1' },
    privileges, timeLimitWorkingDays: tier === 'red' ? 14 : 20,
    inspectionId: outcome === 'remote_approved' ? '66c000000000000000000001' : null,
  });
}

export const photo = (id: string, checklistItemId: string, marks = { stale: false, far: false }, distanceMeters: number | null = 12) => checked(Photo, {
  id: `${id.replace(/[^0-9a-f]/g, '').padStart(24, 'f')}`, inspectionId: '66c000000000000000000001', checklistItemId, stillRequestId: null,
  type: 'image/jpeg', size: 262144, sha256: 'ab'.repeat(32), width: 640, height: 480,
  capturedAt: '2026-11-29T01:00:00.000Z', captureTimeSource: 'client', receivedAt: '2026-11-29T01:00:05.000Z',
  gps: distanceMeters === null ? null : { lat: 20.05, lng: 110.32, accuracy: 10, source: 'client' },
  distanceMeters,
  marks: {
    ...marks,
    reasons: [
      ...(marks.stale ? ['拍摄时间早于本次踏勘开始'] : []),
      ...(marks.far ? [`距经营场所 ${Math.round(distanceMeters ?? 0)} 米，超过 500 米`] : []),
    ],
  },
  uploadedBy: { id: 'u1', role: 'applicant' },
  url: `/api/media/${id}`, thumbnailUrl: `/api/media/${id}?thumb=1`,
});

export const walkthrough = checked(Walkthrough, {
  id: '67d000000000000000000001', type: 'video/mp4', size: 131072, sha256: 'cd'.repeat(32),
  receivedAt: '2026-12-01T02:00:00.000Z', distanceMeters: 15, url: '/api/media/67d000000000000000000001',
});

export const inspection = checked(InspectionDetail, {
  id: '66c000000000000000000001',
  applicationId: applicationSummary.id,
  subjectId: applicationSummary.subjectId,
  matterCode: 'internet-cafe',
  matterName: '互联网上网服务营业场所设立',
  mode: 'remote',
  status: 'booked',
  statusLabel: '已预约',
  slot: { start: '2026-12-01T02:00:00.000Z', end: '2026-12-01T02:30:00.000Z' },
  siteAddress: applicationSummary.siteAddress,
  createdAt: '2026-11-20T02:01:00.000Z',
  rtcPreference: 'auto',
  offeredSlots: [
    { id: 's1', start: '2026-12-01T02:00:00.000Z', end: '2026-12-01T02:30:00.000Z' },
    { id: 's2', start: '2026-12-01T06:00:00.000Z', end: '2026-12-01T06:30:00.000Z' },
    { id: 's3', start: '2026-12-02T01:30:00.000Z', end: '2026-12-02T02:00:00.000Z' },
  ],
  participants: [],
  checklist: matters[0]!.checklist.map((c) => ({ ...c, result: null, note: null, photoIds: [], judgedAt: null, judgedBy: null, judgments: 0 })),
  conclusion: null,
  opinions: [],
  firstJoinAt: null,
  concludedAt: null,
  durationSeconds: null,
  recheckOf: null,
});

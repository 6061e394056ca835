import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime, ObjectId } from './common';
import { CreditTier } from '../domain/credit-tier';

/**
 * 统一社会信用代码: 18 digits or capitals. (GB 32100 leaves out I, O, S, V, Z; not enforced here, so records keyed by
 * codes already stored elsewhere, such as the demo subjects', can always be maintained.)
 */
export const Uscc = z.string().regex(/^[0-9A-Z]{18}$/, '统一社会信用代码应为 18 位数字或大写字母');

/** Where a tier came from: the provincial platform, the staff-maintained records, or a subject's seed tier. */
export const CreditSource = z.enum(['http', 'local', 'seed']);
export type CreditSource = z.infer<typeof CreditSource>;

/** The gate's evidence kept on the application: what was known, from where, when, under which rules. */
export const CreditSnapshot = z.object({
  tier: CreditTier,
  score: z.number().optional(),
  source: CreditSource,
  checkedAt: IsoDateTime,
  policyVersion: z.string(),
});
export type CreditSnapshot = z.infer<typeof CreditSnapshot>;

export const CreditPrivilegesBody = z.object({
  acceptWithGaps: z.boolean(),
  commitment: z.boolean(),
  priorityBooking: z.boolean(),
});

export const RemoteRequestResult = z.object({
  applicationId: ObjectId,
  /** The application's status after the gate (unchanged when refused outright). */
  status: z.string(),
  outcome: z.enum(['remote_approved', 'awaiting_credit_approval', 'onsite_required', 'refused']),
  /** The explanation shown to the applicant, in Chinese. */
  message: z.string(),
  creditSnapshot: CreditSnapshot,
  privileges: CreditPrivilegesBody,
  timeLimitWorkingDays: z.number().int().min(1),
  inspectionId: ObjectId.nullable(),
});
export type RemoteRequestResult = z.infer<typeof RemoteRequestResult>;

export const RemoteDecisionBody = z.object({
  approve: z.boolean(),
  reason: z.string().trim().min(2, '请填写理由').max(500),
});

export const CreditRecordBody = z.object({
  uscc: Uscc,
  tier: CreditTier,
  score: z.number().min(0).max(1000).nullable().optional(),
  reason: z.string().trim().min(2, '请填写调整理由').max(500),
});

export const CreditRecord = z.object({
  id: ObjectId,
  uscc: Uscc,
  tier: CreditTier,
  score: z.number().nullable(),
  reason: z.string(),
  /** `staff` (set by hand), `import` (CSV), `penalty` (false material found). */
  origin: z.enum(['staff', 'import', 'penalty', 'repair']),
  recordedBy: z.string(),
  recordedAt: IsoDateTime,
});
export type CreditRecord = z.infer<typeof CreditRecord>;

export const CreditHistoryQuery = z.object({ uscc: Uscc });

export const CreditImportBody = z.object({
  /** The CSV text: `USCC,tier,score,reason` per line; a header line with those names is allowed. */
  csv: z.string().min(1).max(200_000),
});

export const CreditImportRow = z.object({
  /** 1-based line number in the CSV. */
  row: z.number().int().min(1),
  uscc: z.string(),
  accepted: z.boolean(),
  /** Why the row was rejected, in Chinese (absent when accepted). */
  reason: z.string().optional(),
});
export const CreditImportReport = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  rows: z.array(CreditImportRow),
});
export type CreditImportReport = z.infer<typeof CreditImportReport>;

export const FlagBody = z.object({
  reason: z.string().trim().min(2, '请填写虚假材料的情况').max(1000),
  checklistItemIds: z.array(z.string().min(1).max(64)).max(100).default([]),
  evidenceMediaIds: z.array(ObjectId).max(100).default([]),
});

export const CreditPenalty = z.object({
  id: ObjectId,
  inspectionId: ObjectId,
  idempotencyKey: z.string(),
  reason: z.string(),
  checklistItemIds: z.array(z.string()),
  evidenceMediaIds: z.array(z.string()),
  flaggedAt: IsoDateTime,
  delivery: z.object({
    attempts: z.number().int(),
    deliveredAt: IsoDateTime.nullable(),
    /** The platform refused it for good: no more attempts; `lastError` holds its reason. */
    refusedAt: IsoDateTime.nullable(),
    lastError: z.string().nullable(),
  }),
});
export type CreditPenalty = z.infer<typeof CreditPenalty>;

const staffSide = ['staff', 'admin'] as const;

export const creditContract = defineContract({
  requestRemote: {
    method: 'POST', path: '/applications/:id/remote-requests', summary: '申请远程踏勘（信用核验）', auth: ['applicant'],
    params: IdParams, responses: { 200: RemoteRequestResult },
    errors: ['CREDIT.UNAVAILABLE', 'CREDIT.NO_RECORD', 'CREDIT.DISHONEST_REFUSED', 'APPLICATION.NOT_FOUND', 'APPLICATION.INVALID_TRANSITION'],
  },
  decideRemote: {
    method: 'POST', path: '/applications/:id/remote-requests/decision', summary: '审核蓝色等级的远程踏勘申请', auth: staffSide,
    params: IdParams, body: RemoteDecisionBody, responses: { 200: RemoteRequestResult },
    errors: ['APPLICATION.NOT_FOUND', 'APPLICATION.INVALID_TRANSITION'],
  },
  setTier: {
    method: 'POST', path: '/credit/records', summary: '设置主体信用等级（本地信用记录，保留历史）', auth: staffSide,
    body: CreditRecordBody, responses: { 201: CreditRecord },
  },
  history: {
    method: 'GET', path: '/credit/records', summary: '主体信用等级历史（最新在前）', auth: staffSide,
    query: CreditHistoryQuery, responses: { 200: z.object({ items: z.array(CreditRecord) }) },
  },
  subjectHistory: {
    method: 'GET', path: '/subjects/:id/credit-records', summary: '经营主体的信用等级历史（审批远程踏勘时查看）', auth: staffSide,
    params: IdParams, responses: { 200: z.object({ items: z.array(CreditRecord) }) }, errors: ['SUBJECT.NOT_FOUND'],
  },
  importCsv: {
    method: 'POST', path: '/credit/records/import', summary: '导入信用等级 CSV（逐行报告）', auth: staffSide,
    body: CreditImportBody, responses: { 200: CreditImportReport },
  },
  flag: {
    method: 'POST', path: '/inspections/:id/flags', summary: '标记虚假材料（信用惩戒）', auth: ['inspector'],
    params: IdParams, body: FlagBody, responses: { 201: CreditPenalty }, errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.CHECKLIST_ITEM_NOT_FOUND'],
  },
  flags: {
    method: 'GET', path: '/inspections/:id/flags', summary: '虚假材料标记及信用惩戒报送状态', auth: ['inspector', 'staff', 'admin'],
    params: IdParams, responses: { 200: z.object({ items: z.array(CreditPenalty) }) }, errors: ['INSPECTION.NOT_FOUND'],
  },
});

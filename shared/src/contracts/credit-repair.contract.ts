import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime, ObjectId } from './common';
import { DepartmentCode } from './departments.contract';
import { CalendarDate } from '../domain/working-days';
import { CreditTier } from '../domain/credit-tier';
import { RecordKind, RepairPolicy, Severity } from '../domain/credit-repair-policy';
import { ChainVerification } from './ledger.contract';

export const RecordState = z.enum(['active', 'under_repair', 'repaired']);
export type RecordState = z.infer<typeof RecordState>;

/** A dishonesty record (失信记录) of a subject with what the repair rules say about it today. */
export const DishonestyRecord = z.object({
  id: ObjectId,
  kind: RecordKind,
  departmentCode: z.string(),
  departmentName: z.string(),
  decisionNo: z.string(),
  decidedOn: CalendarDate,
  purpose: z.string(),
  severity: Severity,
  fulfilled: z.boolean(),
  state: RecordState,
  origin: z.enum(['staff', 'import', 'penalty', 'platform']),
  eligibility: z.object({
    status: z.enum(['now', 'from', 'fulfil_first', 'never', 'under_repair', 'repaired']),
    from: CalendarDate.nullable(),
    proofs: z.array(z.string()),
    reason: z.string(),
  }),
  /** The open case it is in, if any. */
  openCaseId: ObjectId.nullable(),
});
export type DishonestyRecord = z.infer<typeof DishonestyRecord>;

export const MyCreditView = z.object({
  subjectName: z.string(),
  tier: CreditTier.nullable(),
  /** Why the tier is unknown (the credit source is down), in Chinese. */
  tierNote: z.string().nullable(),
  records: z.array(DishonestyRecord),
  policyVersion: z.string(),
  commitment: z.object({ version: z.string(), text: z.string() }),
});
export type MyCreditView = z.infer<typeof MyCreditView>;

export const NewDishonestyRecordBody = z.object({
  uscc: z.string().regex(/^[0-9A-Z]{18}$/, '统一社会信用代码应为 18 位数字或大写字母'),
  kind: RecordKind,
  departmentCode: DepartmentCode,
  decisionNo: z.string().trim().min(2).max(80),
  decidedOn: CalendarDate,
  purpose: z.string().trim().min(2).max(300),
  severity: Severity,
  fulfilled: z.boolean(),
  legallyUnrepairable: z.boolean().default(false),
});
export const RecordImportBody = z.object({ csv: z.string().min(1).max(2_000_000) });
export const RecordImportReport = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  rows: z.array(z.object({ row: z.number().int(), accepted: z.boolean(), reason: z.string().optional() })),
});

export const RepairProof = z.object({ id: ObjectId, type: z.string(), size: z.number().int(), sha256: z.string(), receivedAt: IsoDateTime });
export type RepairProof = z.infer<typeof RepairProof>;

export const NewRepairCaseBody = z.object({
  items: z.array(z.object({ recordId: ObjectId, proofIds: z.array(ObjectId).max(10) })).min(1, '请至少选择一条记录').max(20),
  commitment: z.object({ version: z.string().min(1).max(40), accepted: z.literal(true, '请阅读并签署信用承诺书') }),
});
export type NewRepairCaseBody = z.infer<typeof NewRepairCaseBody>;

export const RepairDecision = z.object({
  accept: z.boolean(),
  reason: z.string().min(2).max(500),
  by: z.string(),
  at: IsoDateTime,
});

export const RepairCaseItem = z.object({
  recordId: ObjectId,
  kind: RecordKind,
  severity: Severity,
  departmentCode: z.string(),
  departmentName: z.string(),
  decisionNo: z.string(),
  purpose: z.string(),
  proofs: z.array(RepairProof),
  decision: RepairDecision.nullable(),
});

export const CaseClock = z.object({
  deadline: CalendarDate,
  /** Working days from today to the deadline (negative when overdue). */
  workingDaysLeft: z.number().int(),
  /** False when the calendar does not cover the deadline's year (Monday–Friday assumed). */
  covered: z.boolean(),
});

export const RepairCase = z.object({
  id: ObjectId,
  subjectName: z.string(),
  uscc: z.string().nullable(),
  state: z.enum(['open', 'decided']),
  submittedAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  clock: CaseClock,
  decidedInTime: z.boolean().nullable(),
  policyVersion: z.string(),
  commitment: z.object({ version: z.string(), text: z.string(), sha256: z.string(), signedAt: IsoDateTime }),
  items: z.array(RepairCaseItem),
  /** What the applicant was told, oldest first. */
  notices: z.array(z.object({ at: IsoDateTime, text: z.string() })),
  /** The tier after the repair, once the credit provider answered. */
  tierAfter: CreditTier.nullable(),
});
export type RepairCase = z.infer<typeof RepairCase>;

export const DecideItemParams = z.object({ id: ObjectId, recordId: ObjectId });
export const DecideItemBody = z.object({ accept: z.boolean(), reason: z.string().trim().min(2, '请填写理由（至少 2 个字）').max(500) });
export const RepairCaseQuery = z.object({ state: z.enum(['open', 'decided']).optional() });

export const RepairStats = z.object({
  cases: z.number().int(),
  decidedCases: z.number().int(),
  businessesRepaired: z.number().int(),
  recordsRepairedByKind: z.record(z.string(), z.number().int()),
  averageDays: z.number().nullable(),
  shareDecidedInTime: z.number().nullable(),
});
export type RepairStats = z.infer<typeof RepairStats>;

const everyone = ['applicant', 'inspector', 'expert', 'staff', 'admin', 'dept_reviewer'] as const;
const staffSide = ['staff', 'admin'] as const;
const caseViewers = ['applicant', 'dept_reviewer', 'staff', 'admin'] as const;

export const creditRepairContract = defineContract({
  myCredit: {
    method: 'GET', path: '/credit-repair/records', summary: '我的信用：失信记录及可否修复、所需材料', auth: ['applicant'],
    responses: { 200: MyCreditView }, errors: ['SUBJECT.NOT_FOUND'],
  },
  addRecord: {
    method: 'POST', path: '/credit-repair/records', summary: '登记失信记录（本地信用记录）', auth: staffSide,
    body: NewDishonestyRecordBody, responses: { 201: z.object({ id: ObjectId }) },
  },
  importRecords: {
    method: 'POST', path: '/credit-repair/records/import', summary: '导入失信记录 CSV（逐行报告）', auth: staffSide,
    body: RecordImportBody, responses: { 200: RecordImportReport },
  },
  uploadProof: {
    method: 'POST', path: '/credit-repair/proofs', summary: '上传修复证明材料（照片或 PDF，计算 SHA-256）', auth: ['applicant'],
    rawBody: { contentType: 'multipart/form-data', description: 'file 字段：JPEG/PNG/WebP/PDF' },
    responses: { 201: RepairProof }, errors: ['MEDIA.TYPE_NOT_ALLOWED', 'MEDIA.TOO_LARGE', 'MEDIA.NO_FILE'],
  },
  proof: {
    method: 'GET', path: '/credit-repair/proofs/:id', summary: '查看修复证明材料', auth: caseViewers,
    params: IdParams, responses: { 200: z.string().meta({ description: '文件数据流' }) }, errors: ['MEDIA.NOT_FOUND'],
  },
  submit: {
    method: 'POST', path: '/credit-repair/cases', summary: '提交信用修复申请（一次多条记录）', auth: ['applicant'],
    body: NewRepairCaseBody, responses: { 201: RepairCase },
    errors: ['REPAIR.RECORD_NOT_FOUND', 'REPAIR.NOT_REPAIRABLE', 'REPAIR.RECORD_IN_OPEN_CASE', 'REPAIR.PROOF_MISSING', 'REPAIR.COMMITMENT_OUTDATED'],
  },
  cases: {
    method: 'GET', path: '/credit-repair/cases', summary: '信用修复申请列表（申请人：本主体；部门审核人员：本部门；工作人员：全部）', auth: caseViewers,
    query: RepairCaseQuery, responses: { 200: z.object({ items: z.array(RepairCase) }) },
  },
  case: {
    method: 'GET', path: '/credit-repair/cases/:id', summary: '信用修复申请详情（含办理时限）', auth: caseViewers,
    params: IdParams, responses: { 200: RepairCase }, errors: ['REPAIR.CASE_NOT_FOUND'],
  },
  decide: {
    method: 'POST', path: '/credit-repair/cases/:id/items/:recordId/decision', summary: '部门审核人员逐条决定（同意/不同意并说明理由）', auth: ['dept_reviewer'],
    params: DecideItemParams, body: DecideItemBody, responses: { 200: RepairCase },
    errors: ['REPAIR.CASE_NOT_FOUND', 'REPAIR.NOT_YOUR_DEPARTMENT', 'REPAIR.ALREADY_DECIDED'],
  },
  verify: {
    method: 'GET', path: '/credit-repair/cases/:id/verify', summary: '校验信用修复记录的哈希链', auth: caseViewers,
    params: IdParams, responses: { 200: ChainVerification }, errors: ['REPAIR.CASE_NOT_FOUND'],
  },
  exportBundle: {
    method: 'GET', path: '/credit-repair/cases/:id/export', summary: '导出信用修复记录包（tar，与踏勘记录包同一格式）', auth: ['dept_reviewer', 'staff', 'admin'],
    params: IdParams, responses: { 200: z.string().meta({ description: 'application/x-tar 数据流' }) }, errors: ['REPAIR.CASE_NOT_FOUND'],
  },
  policy: {
    method: 'GET', path: '/credit-repair/policy', summary: '信用修复规则（当前版本，含依据）', auth: everyone, responses: { 200: RepairPolicy },
  },
  putPolicy: {
    method: 'PUT', path: '/credit-repair/policy', summary: '发布新版信用修复规则（旧版本保留）', auth: staffSide,
    body: RepairPolicy, responses: { 200: RepairPolicy }, errors: ['REPAIR.POLICY_VERSION_EXISTS'],
  },
  stats: {
    method: 'GET', path: '/credit-repair/stats', summary: '信用修复统计', auth: staffSide, responses: { 200: RepairStats },
  },
});

import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime, ObjectId } from './common';
import { CreditTier } from '../domain/credit-tier';
import { CalendarDate } from '../domain/working-days';
import { MatterMaterials } from '../domain/materials';

/**
 * Materials of one application (申请材料), the acceptance desk (受理) and the post-check of commitments (核查).
 * Everything here is appended: a supplement adds a file, a verdict adds a check result; nothing is removed.
 */

const MaterialIdParams = IdParams.extend({ materialId: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, '材料编号格式不正确') });

export const MaterialFile = z.object({
  fileId: ObjectId,
  sha256: z.string(),
  size: z.number().int(),
  type: z.string(),
  uploadedAt: IsoDateTime,
  /** Handed in after acceptance to close a gap (后补). */
  supplement: z.boolean(),
});

export const CommitmentCheck = z.object({
  dueOn: CalendarDate,
  status: z.enum(['open', 'kept', 'false']),
  method: z.enum(['inspection', 'document']).nullable(),
  note: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  decidedBy: z.string().nullable(),
  penaltyId: z.string().nullable(),
});
export type CommitmentCheck = z.infer<typeof CommitmentCheck>;

export const SignedCommitment = z.object({
  signerName: z.string(),
  textVersion: z.string(),
  text: z.string(),
  consequences: z.string(),
  signedAt: IsoDateTime,
  /** Created at acceptance. */
  check: CommitmentCheck.nullable(),
});

export const ApplicationMaterial = z.object({
  materialId: z.string(),
  name: z.string(),
  /** missing: nothing yet; file: uploaded; gap: 后补 declared (open until a supplement arrives); commitment: signed. */
  state: z.enum(['missing', 'file', 'gap', 'commitment']),
  files: z.array(MaterialFile),
  gap: z.object({ declaredAt: IsoDateTime, dueOn: CalendarDate.nullable(), closedAt: IsoDateTime.nullable() }).nullable(),
  commitment: SignedCommitment.nullable(),
  /** Why the desk returned it, when it did. */
  returnReason: z.string().nullable(),
});
export type ApplicationMaterial = z.infer<typeof ApplicationMaterial>;

/** The privileges decided for this application, with the tier read for them (evidence, like the credit snapshot). */
export const PrivilegeDecision = z.object({
  tier: CreditTier,
  source: z.string(),
  checkedAt: IsoDateTime,
  policyVersion: z.string(),
  acceptWithGaps: z.boolean(),
  commitment: z.boolean(),
  /** Plain Chinese: which privileges the tier gives and why. */
  explanation: z.string(),
});
export type PrivilegeDecision = z.infer<typeof PrivilegeDecision>;

export const AcceptanceStatus = z.enum(['preparing', 'awaiting', 'returned', 'accepted', 'refused']);
export type AcceptanceStatus = z.infer<typeof AcceptanceStatus>;

export const acceptanceStatusLabels: Record<AcceptanceStatus, string> = {
  preparing: '准备材料', awaiting: '待受理', returned: '已退回补正', accepted: '已受理', refused: '不予受理',
};

export const Acceptance = z.object({
  status: AcceptanceStatus,
  materialsVersion: z.string(),
  privileges: PrivilegeDecision.nullable(),
  submittedAt: IsoDateTime.nullable(),
  decidedAt: IsoDateTime.nullable(),
  decidedBy: z.string().nullable(),
  acceptedOn: CalendarDate.nullable(),
  /** The earliest open gap's supplement deadline. */
  supplementDueOn: CalendarDate.nullable(),
  /** Set when a gap missed its deadline: the time limit stops counting until staff decide. */
  clockStoppedOn: CalendarDate.nullable(),
  /** Working days the clock stood still before a late supplement restarted it. */
  pausedWorkingDays: z.number().int(),
  reason: z.string().nullable(),
});
export type Acceptance = z.infer<typeof Acceptance>;

export const MaterialsView = z.object({
  applicationId: z.string(),
  applicationStatus: z.string(),
  matterName: z.string(),
  subjectName: z.string(),
  siteAddress: z.string(),
  acceptance: Acceptance,
  requirements: MatterMaterials,
  materials: z.array(ApplicationMaterial),
});
export type MaterialsView = z.infer<typeof MaterialsView>;

export const MaterialChoiceBody = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('gap') }),
  z.object({
    choice: z.literal('commitment'),
    signerName: z.string().trim().min(2, '请填写签署人姓名').max(40),
    agreed: z.literal(true, { error: '请勾选“我已阅读并同意承诺内容及不实承诺的后果”' }),
    textVersion: z.string().min(1),
  }),
]);
export type MaterialChoiceBody = z.infer<typeof MaterialChoiceBody>;

export const AcceptanceDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept') }),
  z.object({
    decision: z.literal('return'),
    reasons: z.array(z.object({ materialId: z.string(), reason: z.string().trim().min(2, '请写明退回原因').max(300) })).min(1, '退回须逐项写明原因'),
  }),
]);
export type AcceptanceDecisionBody = z.infer<typeof AcceptanceDecisionBody>;

export const RefusalBody = z.object({ reason: z.string().trim().min(2, '请填写不予受理的原因').max(500) });

export const CommitmentVerdictBody = z.object({
  verdict: z.enum(['kept', 'false']),
  method: z.enum(['inspection', 'document']),
  note: z.string().trim().min(2, '请写明核查情况与证据').max(1000),
});
export type CommitmentVerdictBody = z.infer<typeof CommitmentVerdictBody>;

export const AcceptanceQueueItem = z.object({
  applicationId: z.string(),
  subjectName: z.string(),
  matterName: z.string(),
  siteAddress: z.string(),
  acceptance: Acceptance,
  openGaps: z.number().int(),
  openChecks: z.number().int(),
});
export type AcceptanceQueueItem = z.infer<typeof AcceptanceQueueItem>;

const staff = ['staff', 'admin'] as const;
const materialErrors = ['APPLICATION.NOT_FOUND', 'MATERIAL.NOT_FOUND', 'MATERIAL.NOT_EDITABLE'] as const;

export const materialsContract = defineContract({
  getMaterials: {
    method: 'GET', path: '/applications/:id/materials', summary: '申请材料：清单、已交材料、容缺与承诺、受理状态', auth: ['applicant', 'staff', 'admin', 'inspector'],
    params: IdParams, responses: { 200: MaterialsView }, errors: ['APPLICATION.NOT_FOUND', 'CREDIT.UNAVAILABLE'],
  },
  uploadMaterial: {
    method: 'POST', path: '/applications/:id/materials/:materialId/files', summary: '上传材料文件（照片或 PDF，按内容识别类型）；受理后上传即后补', auth: ['applicant'],
    params: MaterialIdParams, rawBody: { contentType: 'multipart/form-data', description: '字段 file：材料文件（照片或 PDF）' },
    responses: { 201: MaterialsView },
    errors: [...materialErrors, 'MATERIAL.TYPE_NOT_ACCEPTED', 'MATERIAL.SUPPLEMENT_AFTER_DECISION', 'MEDIA.TOO_LARGE', 'MEDIA.NO_FILE', 'MEDIA.UPLOAD_INCOMPLETE'],
  },
  chooseMaterial: {
    method: 'PUT', path: '/applications/:id/materials/:materialId/choice', summary: '声明容缺后补，或签署告知承诺', auth: ['applicant'],
    params: MaterialIdParams, body: MaterialChoiceBody, responses: { 200: MaterialsView },
    errors: [...materialErrors, 'MATERIAL.GAP_NOT_ALLOWED', 'MATERIAL.COMMITMENT_NOT_ALLOWED', 'MATERIAL.COMMITMENT_TEXT_CHANGED', 'CREDIT.UNAVAILABLE'],
  },
  submitMaterials: {
    method: 'POST', path: '/applications/:id/materials/submission', summary: '提交材料，等待窗口受理', auth: ['applicant'],
    params: IdParams, responses: { 200: MaterialsView }, errors: ['APPLICATION.NOT_FOUND', 'MATERIAL.INCOMPLETE', 'MATERIAL.NOT_EDITABLE'],
  },
  decideAcceptance: {
    method: 'POST', path: '/applications/:id/acceptance', summary: '受理（列明容缺材料与后补期限）或退回（逐项写明原因）', auth: staff,
    params: IdParams, body: AcceptanceDecisionBody, responses: { 200: MaterialsView },
    errors: ['APPLICATION.NOT_FOUND', 'MATERIAL.NOT_FOUND', 'ACCEPTANCE.INVALID_STATE'],
  },
  refuseAcceptance: {
    method: 'POST', path: '/applications/:id/acceptance/refusal', summary: '不予受理 / 撤销（后补逾期或承诺不实）', auth: staff,
    params: IdParams, body: RefusalBody, responses: { 200: MaterialsView }, errors: ['APPLICATION.NOT_FOUND', 'ACCEPTANCE.INVALID_STATE'],
  },
  acceptanceQueue: {
    method: 'GET', path: '/acceptance/queue', summary: '受理台：待受理、容缺后补中、停止计时、待核查承诺的申请', auth: staff,
    responses: { 200: z.object({ items: z.array(AcceptanceQueueItem) }) },
  },
  judgeCommitment: {
    method: 'POST', path: '/applications/:id/materials/:materialId/check', summary: '承诺核查结论：属实，或不实（撤销/不予受理并信用扣减）', auth: ['staff', 'admin', 'inspector'],
    params: MaterialIdParams, body: CommitmentVerdictBody, responses: { 200: MaterialsView },
    errors: [...materialErrors, 'ACCEPTANCE.INVALID_STATE'],
  },
});

import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime, ObjectId, PageQuery, page } from './common';
import { MatterCode } from './matters.contract';
import { Role } from '../roles';
import { CreditTier } from '../domain/credit-tier';
import { ApplicationAction, ApplicationStatus } from '../domain/application-state';

const everyone = ['applicant', 'inspector', 'expert', 'staff', 'admin'] as const;

export const SitePoint = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

/**
 * Where the site's coordinates come from, as the record says: `registered` from the subject's register, `proposed` a
 * map pick by the applicant that no staff member has confirmed yet (photos judged against it say so), `confirmed` by
 * staff (the proposal as it was, or a point they set).
 */
export const SiteOrigin = z.enum(['registered', 'proposed', 'confirmed']);
export type SiteOrigin = z.infer<typeof SiteOrigin>;
export const siteOriginLabels: Record<SiteOrigin, string> = {
  registered: '登记地址位置',
  proposed: '申请人在地图上选定，待工作人员确认',
  confirmed: '工作人员已确认',
};

/** One transition, appended and never changed. `from` is null for the creation entry. */
export const TimelineEntry = z.object({
  from: ApplicationStatus.nullable(),
  to: ApplicationStatus,
  actorId: z.string(),
  actorRole: z.union([Role, z.literal('system')]),
  reason: z.string(),
  at: IsoDateTime,
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** The credit answer the gate relied on, kept as evidence (written by the credit module). */
export const ApplicationCreditSnapshot = z.object({
  tier: CreditTier,
  score: z.number().optional(),
  source: z.string(),
  checkedAt: IsoDateTime,
  policyVersion: z.string(),
});
export type ApplicationCreditSnapshot = z.infer<typeof ApplicationCreditSnapshot>;

/** The time limit in working days (Asia/Shanghai), counted from acceptance (受理), before it from submission. */
export const ApplicationDeadline = z.object({
  startedOn: z.string(),
  timeLimitWorkingDays: z.number().int(),
  dueOn: z.string(),
  /** Working days left after today until `dueOn`; negative once overdue. */
  remainingWorkingDays: z.number().int(),
  overdue: z.boolean(),
  /** False when the count passed the last year the calendar covers (Monday–Friday fallback): ask staff to load it. */
  covered: z.boolean(),
  /** The day the clock stopped (a 容缺 supplement overdue); null while it runs. */
  clockStoppedOn: z.string().nullable().optional(),
});
export type ApplicationDeadline = z.infer<typeof ApplicationDeadline>;

export const ApplicationSummary = z.object({
  id: z.string(),
  subjectId: z.string(),
  subjectName: z.string(),
  matterCode: MatterCode,
  matterName: z.string(),
  siteAddress: z.string(),
  status: ApplicationStatus,
  statusLabel: z.string(),
  assignedInspectorIds: z.array(z.string()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

/** The 预选址 advice attached to an application at that site: the checklist points it settled are not inspected again. */
export const PresiteLink = z.object({
  adviceId: z.string(),
  decision: z.enum(['compliant', 'noncompliant', 'manual']),
  issuedOn: z.string(),
  validUntil: z.string(),
  settled: z.array(z.object({ checklistItemId: z.string(), ruleTitle: z.string(), figure: z.string() })),
});
export type PresiteLink = z.infer<typeof PresiteLink>;

export const ApplicationDetail = ApplicationSummary.extend({
  site: SitePoint.nullable(),
  /** Null when the application has no coordinates. */
  siteOrigin: SiteOrigin.nullable(),
  /** What the applicant should do next, in Chinese. */
  nextStep: z.string(),
  timeline: z.array(TimelineEntry),
  deadline: ApplicationDeadline,
  creditSnapshot: ApplicationCreditSnapshot.nullable(),
  inspectionId: z.string().nullable(),
  presiteAdvice: PresiteLink.nullable().optional(),
  /** What this user may do now. */
  nextActions: z.array(z.object({ action: ApplicationAction, label: z.string() })),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ApplicationListQuery = PageQuery.extend({
  status: ApplicationStatus.optional(),
  matterCode: MatterCode.optional(),
});

export const CreateApplicationBody = z.object({
  matterCode: MatterCode,
  siteAddress: z.string().trim().min(5, '经营场所地址至少 5 个字').max(200),
  site: SitePoint.optional(),
});
export type CreateApplicationBody = z.infer<typeof CreateApplicationBody>;

/** Staff confirm the applicant's proposed point as it is (no `site`), or set the point they found (`site`). */
export const SiteConfirmationBody = z.object({
  site: SitePoint.optional(),
  reason: z.string().trim().min(2, '请说明确认依据（如：核对不动产权证、现场核实）').max(500),
});
export type SiteConfirmationBody = z.infer<typeof SiteConfirmationBody>;

export const WithdrawalBody = z.object({ reason: z.string().trim().min(2, '请填写撤回原因').max(500) });
export const AssignmentBody = z.object({
  inspectorIds: z.array(ObjectId).min(1).max(5).refine((ids) => new Set(ids).size === ids.length, '踏勘人员不能重复'),
  reason: z.string().trim().min(2, '请填写调整原因').max(500),
});

/** An inspector as the assignment desk sees them: who, and how many open applications they carry now. */
export const InspectorLoad = z.object({
  id: z.string(),
  displayName: z.string(),
  openApplications: z.number().int().min(0),
});
export type InspectorLoad = z.infer<typeof InspectorLoad>;

export const applicationsContract = defineContract({
  listApplications: {
    method: 'GET', path: '/applications', summary: '申请列表（按角色限定范围，游标分页）', auth: everyone,
    query: ApplicationListQuery, responses: { 200: page(ApplicationSummary) },
  },
  createApplication: {
    method: 'POST', path: '/applications', summary: '提交申请（本人经营主体）', auth: ['applicant'],
    body: CreateApplicationBody, responses: { 201: ApplicationDetail },
    errors: ['MATTER.NOT_FOUND', 'SUBJECT.NOT_FOUND'],
  },
  getApplication: {
    method: 'GET', path: '/applications/:id', summary: '申请详情：状态、时间线、办理时限、信用快照、可执行操作', auth: everyone,
    params: IdParams, responses: { 200: ApplicationDetail }, errors: ['APPLICATION.NOT_FOUND'],
  },
  withdrawApplication: {
    method: 'POST', path: '/applications/:id/withdrawal', summary: '撤回申请', auth: ['applicant'],
    params: IdParams, body: WithdrawalBody, responses: { 200: ApplicationDetail },
    errors: ['APPLICATION.NOT_FOUND', 'APPLICATION.INVALID_TRANSITION'],
  },
  confirmSite: {
    method: 'POST', path: '/applications/:id/site-confirmation', summary: '确认（或改定）经营场所位置：申请人在地图上选定的位置须经工作人员确认',
    auth: ['inspector', 'staff', 'admin'], params: IdParams, body: SiteConfirmationBody, responses: { 200: ApplicationDetail },
    errors: ['APPLICATION.NOT_FOUND', 'APPLICATION.INVALID_TRANSITION', 'APPLICATION.SITE_MISSING'],
  },
  inspectorLoads: {
    method: 'GET', path: '/inspectors', summary: '踏勘人员及其在办申请数（分派时参考）', auth: ['inspector', 'staff', 'admin'],
    responses: { 200: z.object({ items: z.array(InspectorLoad) }) },
  },
  assignApplication: {
    method: 'POST', path: '/applications/:id/assignment', summary: '调整踏勘人员', auth: ['staff', 'admin'],
    params: IdParams, body: AssignmentBody, responses: { 200: ApplicationDetail },
    errors: ['APPLICATION.NOT_FOUND', 'APPLICATION.INVALID_TRANSITION', 'APPLICATION.INSPECTOR_NOT_FOUND'],
  },
});

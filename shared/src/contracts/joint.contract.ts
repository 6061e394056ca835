import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime, ObjectId } from './common';
import { CreditTier } from '../domain/credit-tier';
import { CalendarDate } from '../domain/working-days';
import { DepartmentCode } from './departments.contract';
import { FrequencyTable, JointItemResult, JointOutcome } from '../domain/joint-supervision';

/**
 * 综合查一次: scenes (which departments check what), plans (a coordinator's 双随机 draw over subjects), visits (one
 * joint visit of one subject, each department judging its own items) and their rectifications.
 */

const coordinators = ['staff', 'admin'] as const;
const participants = ['applicant', 'inspector', 'staff', 'admin'] as const;

export const SceneCode = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, '场景编码格式不正确');
const ItemId = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, '检查项编码格式不正确');

export const SceneItem = z.object({
  id: ItemId,
  title: z.string().min(1).max(60),
  guidance: z.string().max(300),
  /** A failed serious item makes the visit's result serious and sends a credit penalty. */
  serious: z.boolean(),
  /** The rule this item checks, for people (e.g. 《食品安全法》第三十三条). */
  basis: z.string().max(200),
});
export type SceneItem = z.infer<typeof SceneItem>;

export const SceneDepartment = z.object({ departmentCode: DepartmentCode, items: z.array(SceneItem).min(1).max(30) });

export const SceneBody = z.object({
  name: z.string().min(1).max(40),
  description: z.string().max(300),
  departments: z.array(SceneDepartment).min(2, '综合查一次至少需要两个部门').max(8)
    .refine((ds) => new Set(ds.map((d) => d.departmentCode)).size === ds.length, '同一部门只能出现一次'),
  /** Working days a business has to rectify a finding. */
  rectificationWorkingDays: z.number().int().min(1).max(90),
});
export const Scene = SceneBody.extend({ code: SceneCode, version: z.number().int().min(1), updatedAt: IsoDateTime });
export type Scene = z.infer<typeof Scene>;

export const FrequencyPolicy = FrequencyTable.extend({ updatedAt: IsoDateTime });

export const JointMode = z.enum(['onsite', 'remote']);
export type JointMode = z.infer<typeof JointMode>;

export const CreatePlanBody = z.object({
  sceneCode: SceneCode,
  title: z.string().min(1).max(60),
  /** The subjects the draw considers (the scene's population, e.g. every restaurant of the district). */
  subjectIds: z.array(ObjectId).min(1).max(2000),
  /** Subjects with a complaint: the tier's interval does not hold them back. */
  complaintSubjectIds: z.array(ObjectId).max(2000).default([]),
  count: z.number().int().min(1).max(200),
  mode: JointMode,
  /** First day of visits (Asia/Shanghai); visits are spread one working day apart from it. */
  startDate: CalendarDate,
  /** The scene's departments taking part (at least two); absent: all of the scene's departments. */
  departmentCodes: z.array(DepartmentCode).min(2).max(10).optional(),
  /** Optional: a seed to redo a draw; otherwise the server draws one and stores it. */
  seed: z.string().min(8).max(64).optional(),
});

/** A subject the scene covers, with what the frequency table says of it now (shown before the draw). */
export const JointCandidate = z.object({
  subjectId: ObjectId,
  subjectName: z.string(),
  siteAddress: z.string(),
  tier: CreditTier,
  eligible: z.boolean(),
  tracked: z.boolean(),
  reason: z.string(),
  nextEligibleAt: IsoDateTime.nullable(),
});
export type JointCandidate = z.infer<typeof JointCandidate>;

export const JointVisitStatus = z.enum(['planned', 'booked', 'judging', 'rectifying', 'closed']);
export type JointVisitStatus = z.infer<typeof JointVisitStatus>;

export const jointVisitStatusLabels: Record<JointVisitStatus, string> = {
  planned: '已安排', booked: '已预约', judging: '检查中', rectifying: '整改中', closed: '已办结',
};

export const SkippedSubject = z.object({ subjectId: ObjectId, subjectName: z.string(), tier: CreditTier, reason: z.string(), nextEligibleAt: IsoDateTime });

export const JointPlan = z.object({
  id: ObjectId,
  title: z.string(),
  sceneCode: SceneCode,
  sceneName: z.string(),
  sceneVersion: z.number().int(),
  mode: JointMode,
  seed: z.string(),
  policyVersion: z.string(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  considered: z.number().int(),
  skipped: z.array(SkippedSubject),
  visitIds: z.array(ObjectId),
});
export type JointPlan = z.infer<typeof JointPlan>;

export const JointItemState = SceneItem.extend({
  result: JointItemResult.nullable(),
  note: z.string().nullable(),
  judgedAt: IsoDateTime.nullable(),
  photoIds: z.array(ObjectId),
});

export const JointVisitDepartment = z.object({
  departmentCode: DepartmentCode,
  departmentName: z.string(),
  inspectorId: ObjectId,
  inspectorName: z.string(),
  items: z.array(JointItemState),
});

export const Rectification = z.object({
  id: z.string(),
  departmentCode: DepartmentCode,
  itemId: ItemId,
  title: z.string(),
  requirement: z.string(),
  dueDate: CalendarDate,
  status: z.enum(['open', 'passed', 'failed_recheck']),
  recheckedAt: IsoDateTime.nullable(),
  recheckNote: z.string().nullable(),
});
export type Rectification = z.infer<typeof Rectification>;

/** A remote call held for the visit in the shared room: when it started and ended, how long it ran. */
export const JointVisitCall = z.object({ id: ObjectId, startedAt: IsoDateTime, endedAt: IsoDateTime.nullable(), durationSeconds: z.number().int().nullable() });
export type JointVisitCall = z.infer<typeof JointVisitCall>;

export const JointVisit = z.object({
  id: ObjectId,
  planId: ObjectId,
  sceneCode: SceneCode,
  sceneName: z.string(),
  mode: JointMode,
  subjectId: ObjectId,
  subjectName: z.string(),
  siteAddress: z.string(),
  tier: CreditTier,
  tracked: z.boolean(),
  scheduledDate: CalendarDate,
  bookedSlot: z.object({ start: IsoDateTime, end: IsoDateTime }).nullable(),
  /** Remote visits: the calls held (the last one open while `endedAt` is null). */
  calls: z.array(JointVisitCall).default([]),
  status: JointVisitStatus,
  departments: z.array(JointVisitDepartment),
  outcome: JointOutcome.nullable(),
  concludedAt: IsoDateTime.nullable(),
  rectifications: z.array(Rectification),
  penaltyId: ObjectId.nullable(),
  /** Visits this one spared the business: departments − 1. */
  visitsSpared: z.number().int(),
});
export type JointVisit = z.infer<typeof JointVisit>;

export const JudgeItemBody = z.object({
  result: JointItemResult,
  note: z.string().max(500).default(''),
  photoIds: z.array(ObjectId).max(20).default([]),
});
export const JudgeItemParams = z.object({ id: ObjectId, departmentCode: DepartmentCode, itemId: ItemId });

export const ConcludeBody = z.object({
  /** What the business must fix, per failed item (`<departmentCode>:<itemId>` → requirement). */
  requirements: z.record(z.string(), z.string().min(1).max(300)).default({}),
});

export const RecheckBody = z.object({ passed: z.boolean(), note: z.string().min(1).max(500) });
export const RecheckParams = z.object({ id: ObjectId, rectificationId: z.string().min(1).max(80) });

export const BookJointBody = z.object({ start: IsoDateTime });

export const JointVisitsQuery = z.object({ planId: ObjectId.optional() });

const ByCount = z.object({ visits: z.number().int(), spared: z.number().int(), tracked: z.number().int(), closed: z.number().int() });
export const JointStats = z.object({
  visits: z.number().int(),
  visitsSpared: z.number().int(),
  subjectsTracked: z.number().int(),
  subjectsClosed: z.number().int(),
  byScene: z.array(ByCount.extend({ sceneCode: SceneCode, sceneName: z.string() })),
  byTier: z.array(ByCount.extend({ tier: CreditTier })),
});
export type JointStats = z.infer<typeof JointStats>;

export const jointContract = defineContract({
  listScenes: {
    method: 'GET', path: '/joint/scenes', summary: '综合查一次场景（参与部门与检查项）', auth: ['inspector', 'staff', 'admin'],
    responses: { 200: z.object({ items: z.array(Scene) }) },
  },
  putScene: {
    method: 'PUT', path: '/joint/scenes/:code', summary: '新增或修改场景（保存为新版本）', auth: ['admin'],
    params: z.object({ code: SceneCode }), body: SceneBody, responses: { 200: Scene }, errors: ['JOINT.DEPARTMENT_UNKNOWN'],
  },
  listCandidates: {
    method: 'GET', path: '/joint/scenes/:code/candidates', summary: '场景覆盖的本辖区经营主体及其可否抽取（频次表）', auth: coordinators,
    params: z.object({ code: SceneCode }), responses: { 200: z.object({ items: z.array(JointCandidate) }) }, errors: ['JOINT.SCENE_NOT_FOUND'],
  },
  getFrequencyPolicy: {
    method: 'GET', path: '/joint/frequency-policy', summary: '按信用等级的检查频次表', auth: coordinators,
    responses: { 200: FrequencyPolicy },
  },
  putFrequencyPolicy: {
    method: 'PUT', path: '/joint/frequency-policy', summary: '修改检查频次表（保存为新版本）', auth: ['admin'],
    body: FrequencyTable, responses: { 200: FrequencyPolicy }, errors: ['JOINT.POLICY_VERSION_EXISTS'],
  },
  createPlan: {
    method: 'POST', path: '/joint/plans', summary: '制定综合查一次计划（双随机抽取主体与各部门检查人员）', auth: coordinators,
    body: CreatePlanBody, responses: { 201: JointPlan },
    errors: ['JOINT.SCENE_NOT_FOUND', 'JOINT.SUBJECT_OTHER_OFFICE', 'JOINT.EMPTY_POOL', 'JOINT.POOL_TOO_SMALL', 'SUBJECT.NOT_FOUND', 'JOINT.DEPARTMENT_UNKNOWN'],
  },
  listPlans: {
    method: 'GET', path: '/joint/plans', summary: '综合查一次计划', auth: coordinators,
    responses: { 200: z.object({ items: z.array(JointPlan) }) },
  },
  getPlan: {
    method: 'GET', path: '/joint/plans/:id', summary: '一个计划', auth: coordinators,
    params: IdParams, responses: { 200: JointPlan }, errors: ['JOINT.PLAN_NOT_FOUND'],
  },
  redoDraw: {
    method: 'POST', path: '/joint/plans/:id/redo-draw', summary: '按计划保存的随机种子重做抽取，核对结果一致（审计）', auth: coordinators,
    params: IdParams, responses: { 200: z.object({ identical: z.boolean(), seed: z.string() }) }, errors: ['JOINT.PLAN_NOT_FOUND'],
  },
  listVisits: {
    method: 'GET', path: '/joint/visits', summary: '综合查一次检查（按角色：本主体的、本人参与的、全部）', auth: participants,
    query: JointVisitsQuery, responses: { 200: z.object({ items: z.array(JointVisit) }) },
  },
  getVisit: {
    method: 'GET', path: '/joint/visits/:id', summary: '一次综合检查', auth: participants,
    params: IdParams, responses: { 200: JointVisit }, errors: ['JOINT.VISIT_NOT_FOUND'],
  },
  bookVisit: {
    method: 'POST', path: '/joint/visits/:id/booking', summary: '经营主体预约远程综合检查时间', auth: ['applicant'],
    params: IdParams, body: BookJointBody, responses: { 200: JointVisit },
    errors: ['JOINT.VISIT_NOT_FOUND', 'JOINT.NOT_REMOTE', 'JOINT.INVALID_STATE', 'JOINT.SLOT_INVALID'],
  },
  judgeItem: {
    method: 'PUT', path: '/joint/visits/:id/departments/:departmentCode/items/:itemId', summary: '部门检查人员判定本部门检查项', auth: ['inspector'],
    params: JudgeItemParams, body: JudgeItemBody, responses: { 200: JointVisit },
    errors: ['JOINT.VISIT_NOT_FOUND', 'JOINT.OTHER_DEPARTMENT', 'JOINT.ITEM_NOT_FOUND', 'JOINT.INVALID_STATE'],
  },
  conclude: {
    method: 'POST', path: '/joint/visits/:id/conclusion', summary: '汇总各部门结果；不合格项生成整改事项', auth: ['inspector', 'staff'],
    params: IdParams, body: ConcludeBody, responses: { 200: JointVisit },
    errors: ['JOINT.VISIT_NOT_FOUND', 'JOINT.INCOMPLETE', 'JOINT.INVALID_STATE', 'JOINT.REQUIREMENT_MISSING'],
  },
  recheck: {
    method: 'POST', path: '/joint/visits/:id/rectifications/:rectificationId/recheck', summary: '部门检查人员复查整改事项', auth: ['inspector'],
    params: RecheckParams, body: RecheckBody, responses: { 200: JointVisit },
    errors: ['JOINT.VISIT_NOT_FOUND', 'JOINT.RECTIFICATION_NOT_FOUND', 'JOINT.OTHER_DEPARTMENT', 'JOINT.INVALID_STATE'],
  },
  startCall: {
    method: 'POST', path: '/joint/visits/:id/call', summary: '发起远程综合检查视频（经营主体与各部门检查人员同一视频）', auth: ['inspector', 'staff'],
    params: IdParams, responses: { 200: JointVisit },
    errors: ['JOINT.VISIT_NOT_FOUND', 'JOINT.NOT_REMOTE', 'JOINT.INVALID_STATE'],
  },
  verifyVisit: {
    method: 'GET', path: '/joint/visits/:id/verify', summary: '校验综合检查记录链', auth: ['inspector', 'staff', 'admin'],
    params: IdParams, responses: { 200: z.object({ ok: z.boolean(), length: z.number().int(), headHash: z.string(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional() }) },
    errors: ['JOINT.VISIT_NOT_FOUND'],
  },
  stats: {
    method: 'GET', path: '/joint/stats', summary: '综合查一次数据：检查次数、减少入企次数、跟踪与办结主体', auth: coordinators,
    responses: { 200: JointStats },
  },
});

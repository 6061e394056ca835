import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime } from './common';
import { MatterCode } from './matters.contract';
import { CalendarDate } from '../domain/working-days';
import { CreditTier } from '../domain/credit-tier';
import { BuildingUse, LandUse, PlaceKind, PresiteRule, RuleBasis, RuleResult } from '../domain/presite-rules';
import { SitePoint } from './applications.contract';
import { Photo } from './media.contract';

const everyone = ['applicant', 'inspector', 'expert', 'staff', 'admin'] as const;
const staffSide = ['staff', 'admin'] as const;

export const PresiteRuleSet = z.object({
  matterCode: MatterCode,
  matterName: z.string(),
  version: z.number().int().min(1),
  rules: z.array(PresiteRule),
  note: z.string(),
  publishedBy: z.string(),
  publishedAt: IsoDateTime,
});
export type PresiteRuleSet = z.infer<typeof PresiteRuleSet>;

export const PublishRulesBody = z.object({
  rules: z.array(PresiteRule).min(1).max(30)
    .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, '规则编号不能重复'),
  note: z.string().trim().min(2, '请写明修改原因').max(500),
});

export const PlaceLayerInfo = z.object({
  version: z.number().int(),
  label: z.string(),
  /** Demo data shipped with the product, not an official layer. */
  demo: z.boolean(),
  count: z.number().int(),
  byKind: z.array(z.object({ kind: PlaceKind, label: z.string(), count: z.number().int() })),
  importedBy: z.string(),
  importedAt: IsoDateTime,
});
export type PlaceLayerInfo = z.infer<typeof PlaceLayerInfo>;

export const LayerImportQuery = z.object({
  format: z.enum(['geojson', 'csv']),
  label: z.string().trim().min(2, '请填写图层名称').max(80),
});
export const LayerRowError = z.object({ row: z.number().int(), message: z.string() });
export const LayerImportReport = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** Rows refused and why; any refused row means nothing was stored. */
  errors: z.array(LayerRowError),
  layer: PlaceLayerInfo.nullable(),
});
export type LayerImportReport = z.infer<typeof LayerImportReport>;

export const CreatePresiteBody = z.object({
  matterCode: MatterCode,
  siteAddress: z.string().trim().min(5, '场所地址至少 5 个字').max(200),
  site: SitePoint,
  /** `gcj02` when picked on a map in WeChat (converted to WGS-84 before anything is measured or stored). */
  datum: z.enum(['gcj02', 'wgs84']),
  lowestFloor: z.number().int().min(-10).max(200),
  highestFloor: z.number().int().min(-10).max(200),
  aboveGroundFloors: z.number().int().min(1, '地上层数至少为 1').max(200),
  undergroundFloors: z.number().int().min(0).max(10),
  buildingUse: BuildingUse,
  landUse: LandUse,
  floorArea: z.number().positive('面积须大于 0').max(100_000),
  plannedOpeningOn: CalendarDate,
});
export type CreatePresiteBody = z.infer<typeof CreatePresiteBody>;

export const RuleOutcomeView = z.object({
  ruleId: z.string(),
  title: z.string(),
  result: RuleResult,
  resultLabel: z.string(),
  figure: z.string(),
  basis: RuleBasis,
  settlesChecklistItemIds: z.array(z.string()),
  nearest: z.object({ name: z.string(), kind: PlaceKind, meters: z.number() }).optional(),
});
export type RuleOutcomeView = z.infer<typeof RuleOutcomeView>;

export const RuleReview = z.object({
  ruleId: z.string(),
  result: RuleResult,
  resultLabel: z.string(),
  /** Whether staff confirmed the automatic answer or overrode it. */
  confirmed: z.boolean(),
  note: z.string(),
  byName: z.string(),
  at: IsoDateTime,
});
export type RuleReview = z.infer<typeof RuleReview>;

export const NearbyPlaceView = z.object({
  kind: PlaceKind, kindLabel: z.string(), name: z.string(), meters: z.number(), lat: z.number(), lng: z.number(),
});
export type NearbyPlaceView = z.infer<typeof NearbyPlaceView>;

export const PresiteAdvice = z.object({
  decision: RuleResult,
  decisionLabel: z.string(),
  outcomes: z.array(RuleOutcomeView),
  note: z.string(),
  issuedByName: z.string(),
  issuedAt: IsoDateTime,
  validUntil: CalendarDate,
  workingDaysTaken: z.number().int(),
});
export type PresiteAdvice = z.infer<typeof PresiteAdvice>;

export const PresiteStatus = z.enum(['submitted', 'advised']);
export const PresiteRequestSummary = z.object({
  id: z.string(),
  subjectName: z.string(),
  matterCode: MatterCode,
  matterName: z.string(),
  siteAddress: z.string(),
  status: PresiteStatus,
  statusLabel: z.string(),
  creditTier: CreditTier.nullable(),
  precheckDecision: RuleResult,
  submittedAt: IsoDateTime,
  dueOn: CalendarDate,
  remainingWorkingDays: z.number().int(),
  overdue: z.boolean(),
});
export type PresiteRequestSummary = z.infer<typeof PresiteRequestSummary>;

/** A short remote look at the site held in the video room: who held it, when, how long, how many stills. */
export const PresiteCall = z.object({
  id: z.string(), heldByName: z.string(), startedAt: IsoDateTime, endedAt: IsoDateTime.nullable(),
  durationSeconds: z.number().int().nullable(), stills: z.number().int(),
});
export type PresiteCall = z.infer<typeof PresiteCall>;

export const PresiteRequestDetail = PresiteRequestSummary.extend({
  site: SitePoint,
  lowestFloor: z.number().int(),
  highestFloor: z.number().int(),
  aboveGroundFloors: z.number().int(),
  undergroundFloors: z.number().int(),
  buildingUse: BuildingUse,
  landUse: LandUse,
  floorArea: z.number(),
  plannedOpeningOn: CalendarDate,
  /** Site photos the applicant added (the media intake: hash, time and place, distance from the candidate point). */
  photos: z.array(Photo),
  timeLimitWorkingDays: z.number().int(),
  /** False when the deadline passed the last year the calendar covers. */
  deadlineCovered: z.boolean(),
  ruleSetVersion: z.number().int(),
  layer: z.object({ version: z.number().int(), label: z.string(), demo: z.boolean() }).nullable(),
  /** The automatic answer at submission: preliminary until staff review it. */
  precheck: z.array(RuleOutcomeView),
  reviews: z.array(RuleReview),
  nearby: z.array(NearbyPlaceView),
  /** The distance rules' limits around the site, for the map's rings. */
  rings: z.array(z.object({ meters: z.number(), label: z.string() })),
  advice: PresiteAdvice.nullable(),
  /** Remote looks at the site, oldest first (the last one open while `endedAt` is null). */
  calls: z.array(PresiteCall).default([]),
});
export type PresiteRequestDetail = z.infer<typeof PresiteRequestDetail>;

export const PresiteListQuery = z.object({ status: PresiteStatus.optional() });
export const RuleReviewParams = z.object({ id: IdParams.shape.id, ruleId: z.string().min(1).max(48) });
export const RuleReviewBody = z.object({
  result: RuleResult,
  note: z.string().trim().max(500).default(''),
});
export const AdviceBody = z.object({ note: z.string().trim().max(1000).default('') });

export const PresiteFigures = z.object({
  requests: z.number().int(),
  advised: z.number().int(),
  /** Share of advised requests whose advice was 符合; null when none was advised. */
  compliantShare: z.number().nullable(),
  averageWorkingDays: z.number().nullable(),
  byTier: z.array(z.object({
    tier: z.union([CreditTier, z.literal('unknown')]), requests: z.number().int(), advised: z.number().int(),
    compliant: z.number().int(), averageWorkingDays: z.number().nullable(),
  })),
});
export type PresiteFigures = z.infer<typeof PresiteFigures>;

export const presiteContract = defineContract({
  listPresiteRules: {
    method: 'GET', path: '/presite/rules', summary: '预选址规则（各事项当前版本，含法律依据）', auth: everyone,
    responses: { 200: z.object({ items: z.array(PresiteRuleSet) }) },
  },
  publishPresiteRules: {
    method: 'PUT', path: '/presite/rules/:code', summary: '发布某事项预选址规则的新版本', auth: ['admin'],
    params: z.object({ code: MatterCode }), body: PublishRulesBody, responses: { 200: PresiteRuleSet },
    errors: ['MATTER.NOT_FOUND'],
  },
  getPlaceLayer: {
    method: 'GET', path: '/presite/layer', summary: '当前的周边场所图层', auth: staffSide,
    responses: { 200: z.object({ layer: PlaceLayerInfo.nullable() }) },
  },
  importPlaceLayer: {
    method: 'POST', path: '/presite/layer', summary: '导入周边场所图层（GeoJSON 或 CSV，逐行报告；有错行则不保存）', auth: staffSide,
    query: LayerImportQuery,
    rawBody: { contentType: 'text/csv', description: 'CSV（text/csv）或 GeoJSON（application/geo+json）。CSV 列：类别,名称,纬度,经度（WGS-84）；GeoJSON：Point 要素，properties.kind 与 properties.name' },
    responses: { 201: LayerImportReport }, errors: ['PRESITE.LAYER_BAD_ROWS', 'REQUEST.TOO_LARGE'],
  },
  createPresite: {
    method: 'POST', path: '/presite/requests', summary: '提交预选址申请（即时初步预检）', auth: ['applicant'],
    body: CreatePresiteBody, responses: { 201: PresiteRequestDetail },
    errors: ['MATTER.NOT_FOUND', 'SUBJECT.NOT_FOUND', 'PRESITE.NO_RULES', 'PRESITE.OUTSIDE_AREA', 'PRESITE.FLOOR_NOT_EXIST'],
  },
  listPresite: {
    method: 'GET', path: '/presite/requests', summary: '预选址申请（申请人：本主体；工作人员：待办队列，红橙优先）', auth: ['applicant', 'staff', 'admin'],
    query: PresiteListQuery, responses: { 200: z.object({ items: z.array(PresiteRequestSummary) }) },
  },
  getPresite: {
    method: 'GET', path: '/presite/requests/:id', summary: '预选址申请详情', auth: ['applicant', 'staff', 'admin'],
    params: IdParams, responses: { 200: PresiteRequestDetail }, errors: ['PRESITE.NOT_FOUND'],
  },
  reviewPresiteRule: {
    method: 'PUT', path: '/presite/requests/:id/reviews/:ruleId', summary: '确认或改判一条规则（附说明）', auth: staffSide,
    params: RuleReviewParams, body: RuleReviewBody, responses: { 200: PresiteRequestDetail },
    errors: ['PRESITE.NOT_FOUND', 'PRESITE.RULE_NOT_FOUND', 'PRESITE.ALREADY_ADVISED', 'PRESITE.NOTE_REQUIRED'],
  },
  issuePresiteAdvice: {
    method: 'POST', path: '/presite/requests/:id/advice', summary: '出具预选址意见书', auth: staffSide,
    params: IdParams, body: AdviceBody, responses: { 200: PresiteRequestDetail },
    errors: ['PRESITE.NOT_FOUND', 'PRESITE.REVIEW_INCOMPLETE', 'PRESITE.LOOK_OPEN', 'PRESITE.ALREADY_ADVISED'],
  },
  startPresiteLook: {
    method: 'POST', path: '/presite/requests/:id/call', summary: '发起远程查看选址（与申请人视频，单独留痕）', auth: staffSide,
    params: IdParams, responses: { 200: PresiteRequestDetail }, errors: ['PRESITE.NOT_FOUND', 'PRESITE.ALREADY_ADVISED'],
  },
  uploadPresitePhoto: {
    method: 'POST', path: '/presite/requests/:id/photos', summary: '上传拟选场所的现场照片（可选，最多 9 张）', auth: ['applicant'], params: IdParams,
    rawBody: { contentType: 'multipart/form-data', description: 'file（JPEG/PNG/WebP/HEIC，按内容识别）; capturedAt (ISO), lat, lng, accuracy' },
    responses: { 201: Photo },
    errors: ['PRESITE.NOT_FOUND', 'PRESITE.ALREADY_ADVISED', 'PRESITE.PHOTO_LIMIT', 'MEDIA.TYPE_NOT_ALLOWED', 'MEDIA.TOO_LARGE', 'MEDIA.TOO_MANY_PIXELS', 'MEDIA.NO_FILE', 'MEDIA.IMAGE_UNREADABLE'],
  },
  presiteLetter: {
    method: 'GET', path: '/presite/requests/:id/letter', summary: '预选址意见书 PDF', auth: ['applicant', 'staff', 'admin'],
    params: IdParams, responses: { 200: z.string().meta({ description: 'application/pdf' }) },
    errors: ['PRESITE.NOT_FOUND', 'PRESITE.NOT_ADVISED', 'PDF.FONT_MISSING'],
  },
  presiteFigures: {
    method: 'GET', path: '/presite/figures', summary: '预选址统计：申请数、符合比例、平均工作日、按信用等级', auth: staffSide,
    responses: { 200: PresiteFigures },
  },
});

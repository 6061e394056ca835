import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime } from './common';
import { Role } from '../roles';

/** Every kind of fact the record of an inspection holds. Names cross process boundaries: never rename one. */
export const RecordEventType = z.enum([
  'created', 'booked', 'joined', 'left',
  'photo.stored', 'still.requested', 'still.taken', 'recording.chunk.stored',
  'checklist.judged', 'concluded', 'flagged', 'reviewed', 'opinion.added',
  'credit.checked', 'viewed', 'exported', 'correction', 'assigned',
  'invited', 'invitation.accepted', 'cancelled', 'recording.completed', 'point.focused', 'site.confirmed',
  // a call held for a case that is not a licence application (a joint visit, a 预选址 look) ends without a conclusion;
  // the case's own chain notes the call (`joint.call`, `presite.call`)
  'call.ended', 'joint.call', 'presite.call',
  // the archival PDF report of a concluded inspection: its file (GridFS) and SHA-256
  'report.generated',
  // 综合查一次: each joint visit has its own chain
  'joint.planned', 'joint.booked', 'joint.judged', 'joint.concluded', 'joint.rechecked',
  // an application's own chain (its id names the chain): materials, acceptance, 后补, 告知承诺 and its 核查
  'material.uploaded', 'material.gap', 'commitment.signed', 'materials.submitted', 'acceptance.decided',
  'supplement.overdue', 'commitment.checked',
  'presite.submitted', 'presite.reviewed', 'presite.advised',
  // credit repair cases (their chain is keyed by the case id)
  'repair.submitted', 'repair.proof', 'repair.committed', 'repair.decided', 'repair.closed', 'repair.forwarded',
]);
export type RecordEventType = z.infer<typeof RecordEventType>;

/** Who caused an event: a signed-in user with their role, or the system itself (`{ id: 'system', role: 'system' }`). */
export const RecordActor = z.object({ id: z.string(), role: z.union([Role, z.literal('system')]) });
export type RecordActor = z.infer<typeof RecordActor>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** One stored event of an inspection's chain. `hash = sha256(prevHash + canonicalJson(event without hash))`. */
export const RecordEvent = z.object({
  id: z.string(),
  inspectionId: z.string(),
  seq: z.number().int().min(0),
  type: RecordEventType,
  actor: RecordActor,
  /** Server time of the append, UTC. */
  at: IsoDateTime,
  payload: z.record(z.string(), z.unknown()),
  /** The event this one corrects, if any: the corrected event itself stays as it was. */
  corrects: z.string().optional(),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type RecordEvent = z.infer<typeof RecordEvent>;

export const BrokenLink = z.object({
  seq: z.number().int(),
  eventId: z.string().nullable(),
  /** Why the link is broken, in Chinese, for people. */
  reason: z.string(),
});
export type BrokenLink = z.infer<typeof BrokenLink>;

/** The result of recomputing one inspection's chain. */
export const ChainVerification = z.object({
  ok: z.boolean(),
  length: z.number().int(),
  headHash: Sha256Hex,
  /** The first event that fails: content changed, link to the previous event broken, or missing from / unknown to the office chain. */
  firstBroken: BrokenLink.optional(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

export const InspectionRecordResponse = z.object({
  inspectionId: z.string(),
  events: z.array(RecordEvent),
  /** Staff only: the `viewed` event this reading appended; photo thumbnails shown with the record pass it as `?view=`. */
  viewId: z.string().optional(),
});

/**
 * A staff member opening a recording or a set of photos: one `viewed` event for the whole viewing. The media reads
 * that make it up (every chunk, every range) pass the answer's `viewId` as `?view=` and add nothing more.
 */
export const OpenViewRequest = z.object({
  what: z.enum(['recording', 'photos']),
  mediaIds: z.array(z.string().regex(/^[0-9a-f]{24}$/)).min(1).max(1000),
});
export type OpenViewRequest = z.infer<typeof OpenViewRequest>;
export const OpenViewResponse = z.object({ viewId: z.string() });

const everyone = ['applicant', 'inspector', 'expert', 'staff', 'admin'] as const;

export const ledgerContract = defineContract({
  record: {
    method: 'GET', path: '/inspections/:id/record', summary: '踏勘记录（事件链）；审核人员查看时记入查看事件', auth: everyone,
    params: IdParams, responses: { 200: InspectionRecordResponse }, errors: ['INSPECTION.NOT_FOUND'],
  },
  verify: {
    method: 'GET', path: '/inspections/:id/verify', summary: '校验踏勘记录的哈希链，指出第一处断链', auth: everyone,
    params: IdParams, responses: { 200: ChainVerification }, errors: ['INSPECTION.NOT_FOUND'],
  },
  openView: {
    method: 'POST', path: '/inspections/:id/views', summary: '审核人员打开录像或照片：记入一次查看事件，返回查看凭据（取文件时带 ?view=）', auth: ['staff', 'admin'],
    params: IdParams, body: OpenViewRequest, responses: { 201: OpenViewResponse }, errors: ['INSPECTION.NOT_FOUND', 'REQUEST.INVALID'],
  },
  exportBundle: {
    method: 'GET', path: '/inspections/:id/export', summary: '导出踏勘记录包（tar：events.jsonl、照片与录像分段、manifest.json）', auth: ['staff', 'admin'],
    params: IdParams, responses: { 200: z.string().meta({ description: 'application/x-tar 数据流' }) },
    errors: ['INSPECTION.NOT_FOUND'],
  },
  report: {
    method: 'GET', path: '/inspections/:id/report',
    summary: '踏勘归档报告 PDF（已作出结论的踏勘；首次或记录有新内容时生成，存档并把 SHA-256 记入记录）', auth: ['inspector', 'staff', 'admin'],
    params: IdParams, responses: { 200: z.string().meta({ description: 'application/pdf' }) },
    errors: ['INSPECTION.NOT_FOUND', 'INSPECTION.INVALID_STATE', 'PDF.FONT_MISSING'],
  },
});

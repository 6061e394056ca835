import { Schema, model, type Types } from 'mongoose';
import type { CallSubject } from '@ycta/shared';

/**
 * One call session: an application's inspection, or a call another case holds in the same room (`callFor`: a remote
 * joint visit, a 预选址 look), with the same record, stills and recording. Owned by the inspections module; other modules reach it only through
 * `inspections.service.ts`. Evidence and the event chain live in their own collections (media, ledger).
 */
const inspectionSchema = new Schema({
  /** Null for a call held for another case (see `callFor`). */
  applicationId: { type: Schema.Types.ObjectId, default: null, index: true },
  /** The case a call is held for when it is not an application's inspection; absent on an application's. */
  callFor: { type: { _id: false, kind: String, id: String, title: String }, default: undefined },
  subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
  matterCode: { type: String, default: '' },
  mode: { type: String, enum: ['remote', 'onsite'], required: true },
  status: { type: String, required: true, default: 'created', index: true },
  inspectorIds: { type: [Schema.Types.ObjectId], default: [], index: true },
  expertIds: { type: [Schema.Types.ObjectId], default: [] },
  /** Site's registered coordinates (WGS-84), copied from the application for distance checks. */
  /** `origin`: the application's `SiteOrigin` when the point was taken (photos judged against a `proposed` one say so). */
  site: { address: String, lat: Number, lng: Number, origin: String },
  slot: { start: Date, end: Date },
  firstJoinAt: { type: Date, default: null },
  concludedAt: { type: Date, default: null },
  /** First join → conclusion, whole seconds: the figure the reform is measured by. */
  durationSeconds: { type: Number, default: null },
  /** `auto`: Agora when configured, else local WebRTC. */
  rtcPreference: { type: String, enum: ['auto', 'agora', 'local'], default: 'auto' },
  /** The matter's checklist as it stood when the inspection was created: judgments refer to these ids. */
  checklist: { type: [{ _id: false, id: String, title: String, guidance: String, requiresPhoto: Boolean, verifiesCommitment: { type: String, default: undefined }, settledBy: { type: Schema.Types.Mixed, default: undefined }, departmentCode: { type: String, default: undefined }, departmentName: { type: String, default: undefined }, judgeIds: { type: [String], default: undefined } }], default: [] },
  offeredSlots: { type: [{ start: Date, end: Date }], default: [] },
  slotsOfferedBy: { type: Schema.Types.ObjectId, default: null },
  /** When the applicant was reminded of the booked slot (once per booking). */
  reminderSentAt: { type: Date, default: null },
  /** Append-only: every judgment of a point; the latest per point is its state. */
  judgments: {
    type: [{ _id: false, itemId: String, result: String, note: String, photoIds: [String], by: String, at: Date, eventId: String }],
    default: [],
  },
  opinions: { type: [{ _id: false, expertId: String, text: String, at: Date }], default: [] },
  conclusion: { type: Schema.Types.Mixed, default: null },
  cancellation: { type: Schema.Types.Mixed, default: null },
  /** The inspection this one re-checks after a fix-and-recheck conclusion. */
  recheckOf: { type: Schema.Types.ObjectId, default: null },
}, { timestamps: true, minimize: false });
inspectionSchema.index({ 'callFor.id': 1 });

// for MongoDB (FerretDB reads these by scanning): the desk's newest-first filtered pages and the figures' date range
inspectionSchema.index({ status: 1, _id: -1 });
inspectionSchema.index({ status: 1, concludedAt: 1 });

export const InspectionModel = model('Inspection', inspectionSchema);

export interface InspectionRecord {
  _id: Types.ObjectId;
  applicationId: Types.ObjectId | null;
  callFor?: CallSubject;
  subjectId: Types.ObjectId;
  matterCode: string;
  mode: 'remote' | 'onsite';
  status: string;
  inspectorIds: Types.ObjectId[];
  expertIds: Types.ObjectId[];
  site?: { address?: string; lat?: number; lng?: number; origin?: string };
  slot?: { start?: Date; end?: Date };
  firstJoinAt: Date | null;
  concludedAt: Date | null;
  durationSeconds?: number | null;
  rtcPreference?: 'auto' | 'agora' | 'local';
  checklist?: CallChecklistItem[];
  offeredSlots?: { _id: Types.ObjectId; start: Date; end: Date }[];
  slotsOfferedBy?: Types.ObjectId | null;
  reminderSentAt?: Date | null;
  judgments?: StoredJudgment[];
  opinions?: { expertId: string; text: string; at: Date }[];
  conclusion?: StoredConclusion | null;
  cancellation?: { by: string; reason: string; at: Date } | null;
  recheckOf?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CallChecklistItem {
  id: string; title: string; guidance: string; requiresPhoto: boolean; verifiesCommitment?: string;
  settledBy?: { adviceId: string; ruleTitle: string; figure: string };
  /** A joint visit's item: its department. */
  departmentCode?: string; departmentName?: string;
  /** Who may judge the point; absent: any inspector of the call (an application's). Empty: a point only looked at. */
  judgeIds?: string[];
}

export interface StoredJudgment {
  itemId: string;
  result: 'pass' | 'fail' | 'na';
  note: string;
  photoIds: string[];
  by: string;
  at: Date;
  eventId: string;
}

export interface StoredConclusion {
  result: 'pass' | 'fail' | 'fix_and_recheck';
  summary: string;
  rectificationItems: { checklistItemId?: string; description: string }[];
  rectificationDueOn: string | null;
  concludedBy: string;
  concludedAt: Date;
  recheckInspectionId: string | null;
}

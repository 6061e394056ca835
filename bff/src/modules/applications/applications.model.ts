import { Schema, model, type Types } from 'mongoose';
import { ApplicationStatus, type ApplicationCreditSnapshot, type PresiteLink, type SiteOrigin, type TimelineEntry } from '@ycta/shared';
import type { StoredAcceptance, StoredMaterial } from '../acceptance/acceptance.model';

/**
 * One applicant's request for one matter at one site. `status` moves only through `transitionApplication` and every
 * change is journalled first (`application-change.model.ts`); `timeline` is append-only, one entry per transition. Never deleted: a withdrawal is a transition.
 */
const timelineEntrySchema = new Schema({
  from: { type: String, default: null },
  to: { type: String, required: true },
  actorId: { type: String, required: true },
  actorRole: { type: String, required: true },
  reason: { type: String, required: true },
  at: { type: Date, required: true },
}, { _id: false });

const applicationSchema = new Schema({
  subjectId: { type: Schema.Types.ObjectId, required: true },
  subjectName: { type: String, required: true },
  matterCode: { type: String, required: true },
  matterName: { type: String, required: true },
  siteAddress: { type: String, required: true },
  site: { type: { _id: false, lat: Number, lng: Number }, default: null },
  /** `SiteOrigin`; absent on applications filed before it existed, which took the register's point. */
  siteOrigin: { type: String, enum: ['registered', 'proposed', 'confirmed'], default: null },
  /** Every point the site had, appended: the applicant's proposal, the staff confirmation (who, why). */
  siteHistory: {
    type: [{ _id: false, lat: Number, lng: Number, origin: String, by: String, role: String, reason: String, at: Date }],
    default: [],
  },
  status: { type: String, enum: ApplicationStatus.options, required: true },
  /** How many changes were applied; each change takes the next version in `application-change.model.ts`. */
  version: { type: Number, default: 0 },
  timeline: { type: [timelineEntrySchema], default: [] },
  assignedInspectorIds: { type: [Schema.Types.ObjectId], default: [] },
  /** Written by the credit module: the answer the gate relied on. */
  creditSnapshot: { type: Schema.Types.Mixed, default: null },
  inspectionId: { type: Schema.Types.ObjectId, default: null },
  /** The 预选址 advice found for this subject, matter and site when the application was made (copied: it is evidence). */
  presite: { type: Schema.Types.Mixed, default: null },
  /** The deadline clock: starts on the Asia/Shanghai date of submission; the credit module may shorten the limit. */
  submittedOn: { type: String, required: true },
  timeLimitWorkingDays: { type: Number, required: true },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  /** 申请材料 and 受理 (the acceptance module): stored shapes in `acceptance/acceptance.model.ts`. */
  materials: { type: Schema.Types.Mixed, default: null },
  acceptance: { type: Schema.Types.Mixed, default: null },
  /** One line per materials change (who, what); appended only. */
  materialLog: { type: [Schema.Types.Mixed], default: [] },
  /** Every (re)assignment by staff, appended: who assigned whom and why. */
  assignments: {
    type: [{ _id: false, inspectorIds: [Schema.Types.ObjectId], by: String, reason: String, at: Date }],
    default: [],
  },
}, { timestamps: true, minimize: false });

applicationSchema.index({ subjectId: 1, _id: -1 });
applicationSchema.index({ assignedInspectorIds: 1, _id: -1 });
applicationSchema.index({ status: 1 });
applicationSchema.index({ 'acceptance.status': 1 });

export const ApplicationModel = model('Application', applicationSchema);

export interface StoredTimelineEntry extends Omit<TimelineEntry, 'at'> { at: Date }

export interface ApplicationRecord {
  _id: Types.ObjectId;
  subjectId: Types.ObjectId;
  subjectName: string;
  matterCode: string;
  matterName: string;
  siteAddress: string;
  site: { lat: number; lng: number } | null;
  siteOrigin?: SiteOrigin | null;
  siteHistory?: Array<{ lat: number; lng: number; origin: SiteOrigin; by: string; role: string; reason: string; at: Date }>;
  status: ApplicationStatus;
  version?: number;
  timeline: StoredTimelineEntry[];
  assignedInspectorIds: Types.ObjectId[];
  creditSnapshot: (Omit<ApplicationCreditSnapshot, 'checkedAt'> & { checkedAt: Date | string }) | null;
  inspectionId: Types.ObjectId | null;
  presite?: PresiteLink | null;
  submittedOn: string;
  timeLimitWorkingDays: number;
  createdBy: Types.ObjectId;
  assignments?: Array<{ inspectorIds: Types.ObjectId[]; by: string; reason: string; at: Date }>;
  /** Null on applications filed before materials existed. */
  materials?: StoredMaterial[] | null;
  acceptance?: StoredAcceptance | null;
  createdAt: Date;
  updatedAt: Date;
}

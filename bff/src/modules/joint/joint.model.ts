import { Schema, model, type Types } from 'mongoose';
import type { FrequencyTable, JointMode, SceneItem } from '@ycta/shared';

/**
 * 综合查一次 storage. Scenes and frequency tables are versioned: every version is its own immutable document (a
 * unique `_id`, so two admins saving at once cannot both take one version number), and a small pointer document names
 * the current one. A visit's static part (who, what, which inspectors) is one document; everything that happens to it
 * (booking, judgments, conclusion, rechecks) is an event on its own chain in the ledger, and the visit is read back
 * from those events — no read-modify-write of the visit document, which FerretDB would not make atomic.
 */

const sceneItemSchema = new Schema({ id: String, title: String, guidance: String, serious: Boolean, basis: String }, { _id: false });
const sceneVersionSchema = new Schema({
  /** `<code>@<version>` */
  _id: { type: String, required: true },
  code: { type: String, required: true },
  version: { type: Number, required: true },
  name: { type: String, required: true },
  description: { type: String, default: '' },
  departments: [{ _id: false, departmentCode: String, items: [sceneItemSchema] }],
  rectificationWorkingDays: { type: Number, required: true },
  updatedBy: { type: String, required: true },
  updatedAt: { type: Date, required: true },
}, { collection: 'jointSceneVersions', versionKey: false });
export const SceneVersionModel = model('JointSceneVersion', sceneVersionSchema);

export interface SceneVersionDoc {
  _id: string; code: string; version: number; name: string; description: string;
  departments: { departmentCode: string; items: SceneItem[] }[];
  rectificationWorkingDays: number; updatedBy: string; updatedAt: Date;
}

/** Which version of each scene is current (`_id`: the scene code), and of the frequency table (`_id`: `frequency`). */
const currentSchema = new Schema({ _id: { type: String, required: true }, version: { type: Schema.Types.Mixed, required: true } }, { collection: 'jointCurrent', versionKey: false });
export const CurrentVersionModel = model('JointCurrentVersion', currentSchema);

const frequencyVersionSchema = new Schema({
  /** the table's version string */
  _id: { type: String, required: true },
  table: { type: Schema.Types.Mixed, required: true },
  updatedBy: { type: String, required: true },
  updatedAt: { type: Date, required: true },
}, { collection: 'jointFrequencyVersions', versionKey: false });
export const FrequencyVersionModel = model('JointFrequencyVersion', frequencyVersionSchema);
export interface FrequencyVersionDoc { _id: string; table: FrequencyTable; updatedBy: string; updatedAt: Date }

const skippedSchema = new Schema({ subjectId: Schema.Types.ObjectId, subjectName: String, tier: String, reason: String, nextEligibleAt: Date }, { _id: false });
const jointPlanSchema = new Schema({
  title: { type: String, required: true },
  sceneCode: { type: String, required: true },
  sceneVersion: { type: Number, required: true },
  mode: { type: String, enum: ['onsite', 'remote'], required: true },
  seed: { type: String, required: true },
  policyVersion: { type: String, required: true },
  count: { type: Number, required: true },
  /** What the draw was given, so it can be redone from the seed alone (audit). */
  drawInput: { type: Schema.Types.Mixed, required: true },
  considered: { type: Number, required: true },
  skipped: [skippedSchema],
  visitIds: [Schema.Types.ObjectId],
  createdBy: { type: String, required: true },
  createdAt: { type: Date, required: true },
}, { collection: 'jointPlans', versionKey: false });
jointPlanSchema.index({ createdAt: -1 });
export const JointPlanModel = model('JointPlan', jointPlanSchema);

export interface JointPlanDoc {
  _id: Types.ObjectId; title: string; sceneCode: string; sceneVersion: number; mode: JointMode; seed: string;
  policyVersion: string; count: number; drawInput: unknown; considered: number;
  skipped: { subjectId: Types.ObjectId; subjectName: string; tier: string; reason: string; nextEligibleAt: Date }[];
  visitIds: Types.ObjectId[]; createdBy: string; createdAt: Date;
}

const jointVisitSchema = new Schema({
  planId: { type: Schema.Types.ObjectId, required: true, index: true },
  sceneCode: { type: String, required: true },
  sceneVersion: { type: Number, required: true },
  mode: { type: String, enum: ['onsite', 'remote'], required: true },
  subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
  tier: { type: String, required: true },
  tracked: { type: Boolean, required: true },
  scheduledDate: { type: String, required: true },
  /** department code → the drawn inspector's user id */
  inspectors: [{ _id: false, departmentCode: String, inspectorId: Schema.Types.ObjectId }],
  inspectorIds: { type: [Schema.Types.ObjectId], index: true },
  createdAt: { type: Date, required: true },
}, { collection: 'jointVisits', versionKey: false });
export const JointVisitModel = model('JointVisit', jointVisitSchema);

export interface JointVisitDoc {
  _id: Types.ObjectId; planId: Types.ObjectId; sceneCode: string; sceneVersion: number; mode: JointMode;
  subjectId: Types.ObjectId; tier: string; tracked: boolean; scheduledDate: string;
  inspectors: { departmentCode: string; inspectorId: Types.ObjectId }[]; inspectorIds: Types.ObjectId[]; createdAt: Date;
}

/**
 * One-time steps of a visit, claimed by a unique insert (`<visitId>:concluded`, `<visitId>:<rectificationId>:recheck`):
 * two people concluding at once get one conclusion.
 */
const jointClaimSchema = new Schema({ _id: { type: String, required: true }, by: String, at: Date }, { collection: 'jointClaims', versionKey: false });
export const JointClaimModel = model('JointClaim', jointClaimSchema);

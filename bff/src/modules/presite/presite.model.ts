import { Schema, model, type Types } from 'mongoose';
import type { BuildingUse, CreditTier, LandUse, PlaceKind, PresiteRule, Role, RuleOutcome, RuleResult } from '@ycta/shared';

/**
 * 预选址 storage. Rule sets and layers are versions, never edited: a new version is a new document. A request is one
 * document holding what its pages need (read by `_id`); its advice is a separate document keyed by the request id, so
 * issuing it twice collides on the primary key on FerretDB too (conditional updates are not atomic there).
 */

const ruleSetSchema = new Schema({
  _id: { type: String }, // `<matterCode>:<version>`
  matterCode: { type: String, required: true },
  version: { type: Number, required: true },
  rules: { type: [Schema.Types.Mixed], required: true },
  note: { type: String, required: true },
  publishedBy: { type: String, required: true },
  publishedAt: { type: Date, required: true },
}, { versionKey: false });
ruleSetSchema.index({ matterCode: 1, version: -1 });
export const PresiteRuleSetModel = model('PresiteRuleSet', ruleSetSchema, 'presiteRuleSets');
export interface PresiteRuleSetDoc {
  _id: string; matterCode: string; version: number; rules: PresiteRule[]; note: string; publishedBy: string; publishedAt: Date;
}

/** One imported layer version; its places are stored in chunks written before it, so a layer without its doc is invisible. */
const layerSchema = new Schema({
  version: { type: Number, required: true, unique: true },
  label: { type: String, required: true },
  demo: { type: Boolean, required: true },
  count: { type: Number, required: true },
  byKind: { type: Schema.Types.Mixed, required: true },
  chunkCount: { type: Number, required: true },
  importedBy: { type: String, required: true },
  importedAt: { type: Date, required: true },
}, { versionKey: false });
export const PlaceLayerModel = model('PlaceLayer', layerSchema, 'placeLayers');
export interface PlaceLayerDoc {
  _id: Types.ObjectId; version: number; label: string; demo: boolean; count: number;
  byKind: Partial<Record<PlaceKind, number>>; chunkCount: number; importedBy: string; importedAt: Date;
}

/** Places of one layer, a thousand to a document, read by `_id` (`<layerId>:<n>`). */
export interface StoredPlace { kind: PlaceKind; name: string; lat: number; lng: number }
const chunkSchema = new Schema({ _id: { type: String }, places: { type: [Schema.Types.Mixed], required: true } }, { versionKey: false });
export const PlaceChunkModel = model('PlaceChunk', chunkSchema, 'placeChunks');

const reviewSchema = new Schema({
  ruleId: { type: String, required: true },
  result: { type: String, required: true },
  confirmed: { type: Boolean, required: true },
  note: { type: String, default: '' },
  by: { type: String, required: true },
  byName: { type: String, required: true },
  at: { type: Date, required: true },
}, { _id: false });

const requestSchema = new Schema({
  subjectId: { type: Schema.Types.ObjectId, required: true },
  subjectName: { type: String, required: true },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  matterCode: { type: String, required: true },
  matterName: { type: String, required: true },
  siteAddress: { type: String, required: true },
  site: { type: { _id: false, lat: Number, lng: Number }, required: true },
  lowestFloor: Number, highestFloor: Number, aboveGroundFloors: Number, undergroundFloors: Number,
  buildingUse: String, landUse: String, floorArea: Number, plannedOpeningOn: String,
  photoIds: { type: [String], default: [] },
  creditTier: { type: String, default: null },
  submittedOn: { type: String, required: true },
  timeLimitWorkingDays: { type: Number, required: true },
  ruleSetVersion: { type: Number, required: true },
  layer: { type: Schema.Types.Mixed, default: null },
  precheck: { type: [Schema.Types.Mixed], required: true },
  nearby: { type: [Schema.Types.Mixed], default: [] },
  rings: { type: [Schema.Types.Mixed], default: [] },
  /** Appended, never edited: the latest review of each rule counts. */
  reviews: { type: [reviewSchema], default: [] },
  status: { type: String, required: true },
}, { timestamps: true, minimize: false });
requestSchema.index({ subjectId: 1, _id: -1 });
requestSchema.index({ status: 1 });
export const PresiteRequestModel = model('PresiteRequest', requestSchema, 'presiteRequests');

export interface StoredReview { ruleId: string; result: RuleResult; confirmed: boolean; note: string; by: string; byName: string; at: Date }
export interface PresiteRequestDoc {
  _id: Types.ObjectId; subjectId: Types.ObjectId; subjectName: string; createdBy: Types.ObjectId;
  matterCode: string; matterName: string; siteAddress: string; site: { lat: number; lng: number };
  lowestFloor: number; highestFloor: number; aboveGroundFloors: number; undergroundFloors: number;
  buildingUse: BuildingUse; landUse: LandUse; floorArea: number; plannedOpeningOn: string; photoIds: string[];
  creditTier: CreditTier | null; submittedOn: string; timeLimitWorkingDays: number; ruleSetVersion: number;
  layer: { version: number; label: string; demo: boolean } | null;
  precheck: RuleOutcome[]; nearby: Array<StoredPlace & { meters: number }>; rings: Array<{ meters: number; label: string }>; reviews: StoredReview[];
  status: 'submitted' | 'advised'; createdAt: Date; updatedAt: Date;
}

const adviceSchema = new Schema({
  _id: { type: Schema.Types.ObjectId }, // the request's id: one advice per request, enforced by the primary key
  subjectId: { type: Schema.Types.ObjectId, required: true },
  matterCode: { type: String, required: true },
  site: { type: { _id: false, lat: Number, lng: Number }, required: true },
  creditTier: { type: String, default: null },
  decision: { type: String, required: true },
  outcomes: { type: [Schema.Types.Mixed], required: true },
  note: { type: String, default: '' },
  issuedBy: { type: String, required: true },
  issuedByName: { type: String, required: true },
  issuedAt: { type: Date, required: true },
  issuedOn: { type: String, required: true },
  validUntil: { type: String, required: true },
  workingDaysTaken: { type: Number, required: true },
  /** The remote looks held before the advice, as they stood when it was issued (see `endedLooks`). */
  looks: { type: [Schema.Types.Mixed], default: [] },
}, { versionKey: false });
adviceSchema.index({ subjectId: 1 });
export const PresiteAdviceModel = model('PresiteAdvice', adviceSchema, 'presiteAdvices');
export interface PresiteAdviceDoc {
  _id: Types.ObjectId; subjectId: Types.ObjectId; matterCode: string; site: { lat: number; lng: number };
  creditTier: CreditTier | null; decision: RuleResult; outcomes: RuleOutcome[]; note: string;
  issuedBy: string; issuedByName: string; issuedAt: Date; issuedOn: string; validUntil: string; workingDaysTaken: number;
  looks?: StoredLook[];
}

/** One remote look as the advice letter cites it. */
export interface StoredLook {
  callId: string; startedAt: Date; endedAt: Date; durationSeconds: number;
  participants: Array<{ name: string; role: Role }>;
  chainEvents: number; headHash: string; recordingChunks: number; stills: number;
}

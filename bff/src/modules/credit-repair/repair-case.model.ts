import { Schema, model, type Types } from 'mongoose';

/**
 * One document per repair case holds everything its pages need (items, decisions, notices, clock), so every read of a
 * case is one `_id` lookup. Decisions are appended to items once (`decision` null → set) and each is also an event on
 * the case's chain, which is the evidence; this document is the working copy.
 */
const decisionSchema = new Schema({
  accept: Boolean, reason: String, byId: String, by: String, at: Date,
}, { _id: false });

const itemSchema = new Schema({
  recordId: { type: Schema.Types.ObjectId, required: true },
  providerId: { type: String, required: true },
  kind: String, severity: String, departmentCode: String, decisionNo: String, purpose: String,
  proofs: [{ _id: false, id: String, type: { type: String }, size: Number, sha256: String, receivedAt: Date }],
  decision: { type: decisionSchema, default: null },
}, { _id: false });

const repairCaseSchema = new Schema({
  subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
  subjectName: { type: String, required: true },
  uscc: { type: String, default: null },
  applicantId: { type: String, required: true },
  /** Departments with an item in the case: the reviewers' list filter. */
  departmentCodes: { type: [String], index: true },
  state: { type: String, enum: ['open', 'decided'], default: 'open' },
  submittedAt: { type: Date, required: true },
  deadline: { type: String, required: true },
  deadlineCovered: { type: Boolean, required: true },
  decidedAt: { type: Date, default: null },
  policyVersion: { type: String, required: true },
  commitment: { version: String, text: String, sha256: String, signedAt: Date },
  items: { type: [itemSchema], required: true },
  notices: [{ _id: false, at: Date, text: String }],
  tierAfter: { type: String, default: null },
}, { collection: 'repairCases', versionKey: false });

export const RepairCaseModel = model('RepairCase', repairCaseSchema);

export interface RepairCaseDoc {
  _id: Types.ObjectId;
  subjectId: Types.ObjectId;
  subjectName: string;
  uscc: string | null;
  applicantId: string;
  departmentCodes: string[];
  state: 'open' | 'decided';
  submittedAt: Date;
  deadline: string;
  deadlineCovered: boolean;
  decidedAt: Date | null;
  policyVersion: string;
  commitment: { version: string; text: string; sha256: string; signedAt: Date };
  items: {
    recordId: Types.ObjectId; providerId: string; kind: string; severity: string; departmentCode: string; decisionNo: string; purpose: string;
    proofs: { id: string; type: string; size: number; sha256: string; receivedAt: Date }[];
    decision: { accept: boolean; reason: string; byId: string; by: string; at: Date } | null;
  }[];
  notices: { at: Date; text: string }[];
  tierAfter: string | null;
}

/**
 * A record's place in an open case: `_id` is the record id, so a second case claiming it collides on the primary key
 * (FerretDB's conditional updates are not atomic; unique inserts are). Released when the record's item is rejected.
 */
const repairLockSchema = new Schema({ _id: { type: Schema.Types.ObjectId, required: true }, caseId: Schema.Types.ObjectId, at: Date }, { collection: 'repairLocks', versionKey: false });
export const RepairLockModel = model('RepairLock', repairLockSchema);

/** A proof file an applicant uploaded (bytes in GridFS under the same id), usable in one case once. */
const repairProofSchema = new Schema({
  subjectId: { type: Schema.Types.ObjectId, required: true },
  uploadedBy: { type: String, required: true },
  type: { type: String }, size: Number, sha256: String, receivedAt: Date,
  caseId: { type: Schema.Types.ObjectId, default: null },
}, { collection: 'repairProofs', versionKey: false });
export const RepairProofModel = model('RepairProof', repairProofSchema);

export interface RepairProofDoc {
  _id: Types.ObjectId; subjectId: Types.ObjectId; uploadedBy: string; type: string; size: number; sha256: string; receivedAt: Date;
  caseId: Types.ObjectId | null;
}

/** One per decided item and one per closed case (`<caseId>:<recordId>`, `<caseId>:closed`): each happens once. */
const repairOnceSchema = new Schema({ _id: { type: String, required: true }, by: String, at: Date }, { collection: 'repairOnce', versionKey: false });
export const RepairOnceModel = model('RepairOnce', repairOnceSchema);

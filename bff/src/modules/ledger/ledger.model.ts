import { Schema, model, type Types } from 'mongoose';
import { AppError } from '../../lib/app-error';

/**
 * The record's two collections. Both are append-only: every update, replace and delete through mongoose throws,
 * so a bug cannot rewrite history by accident; a change made around mongoose is what verification is for.
 */
const refuse = function refuse(): never {
  throw new AppError('LEDGER.IMMUTABLE');
};

function appendOnly(schema: Schema): void {
  const queryOps = ['updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'replaceOne', 'deleteOne', 'deleteMany'] as const;
  for (const op of queryOps) schema.pre(op, { query: true, document: false }, refuse);
  schema.pre(['updateOne', 'deleteOne'], { document: true, query: false }, refuse);
  schema.pre('save', function guardSave() {
    if (!this.isNew) refuse();
  });
  schema.pre('bulkWrite', refuse);
}

const recordEventSchema = new Schema({
  /** `<inspectionId>:<seq>`: the chain position is the primary key, so a lookup by position needs no index scan. */
  _id: { type: String, required: true },
  inspectionId: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, required: true },
  type: { type: String, required: true },
  actor: { id: { type: String, required: true }, role: { type: String, required: true } },
  at: { type: Date, required: true },
  // Mixed, kept exactly as given (minimize off): the hash covers it byte for byte
  payload: { type: Schema.Types.Mixed, required: true },
  corrects: { type: String, default: undefined },
  prevHash: { type: String, required: true },
  hash: { type: String, required: true },
}, { collection: 'record_events', versionKey: false, minimize: false });
// one event per place in the chain (the _id says so too): two writers racing for the same seq cannot both win
recordEventSchema.index({ inspectionId: 1, seq: 1 }, { unique: true });
appendOnly(recordEventSchema);

export const RecordEventModel = model('RecordEvent', recordEventSchema);

export interface RecordEventDoc {
  _id: string;
  inspectionId: Types.ObjectId;
  seq: number;
  type: string;
  actor: { id: string; role: string };
  at: Date;
  payload: Record<string, unknown>;
  corrects?: string | null;
  prevHash: string;
  hash: string;
}

const officeLinkSchema = new Schema({
  /** The link's place in the office chain, as primary key. */
  _id: { type: Number, required: true },
  seq: { type: Number, required: true },
  inspectionId: { type: Schema.Types.ObjectId, required: true, index: true },
  eventId: { type: String, required: true },
  eventSeq: { type: Number, required: true },
  eventHash: { type: String, required: true },
  at: { type: Date, required: true },
  prevHash: { type: String, required: true },
  hash: { type: String, required: true },
}, { collection: 'office_record', versionKey: false });
appendOnly(officeLinkSchema);

export const OfficeLinkModel = model('OfficeLink', officeLinkSchema);

export interface OfficeLinkDoc {
  _id: number;
  seq: number;
  inspectionId: Types.ObjectId;
  eventId: string;
  eventSeq: number;
  eventHash: string;
  at: Date;
  prevHash: string;
  hash: string;
}

/**
 * Where each event is anchored: `_id` `<chainId>:<eventSeq>` → the seq of its link in the office chain, so one case's
 * anchors are read by `_id` (the only filter FerretDB pushes down) rather than by scanning the office chain. Derived
 * from the office chain, which stays the truth: verification falls back to the office chain whenever a ref is
 * missing or disagrees, and rebuilds the missing ones from it.
 */
const anchorRefSchema = new Schema({
  _id: { type: String, required: true },
  officeSeq: { type: Number, required: true },
}, { collection: 'record_anchor_refs', versionKey: false });
appendOnly(anchorRefSchema);

export const AnchorRefModel = model('AnchorRef', anchorRefSchema);

/**
 * Copies of one case's events, 100 to a page (`_id` `<chainId>:p<page>`), so a record of 100 events is read in a
 * handful of `_id` reads instead of one per event. A cache, not the record: the events stay their own immutable
 * documents; a page is trusted only when its copies recompute as a chain ending in the stored head event's hash,
 * and any event a page lacks (a lost concurrent `$push`, data from before pages) is read by its own `_id`.
 */
const recordPageSchema = new Schema({
  _id: { type: String, required: true },
  events: { type: [Schema.Types.Mixed], default: [] },
}, { collection: 'record_pages', versionKey: false, minimize: false });

export const RecordPageModel = model('RecordPage', recordPageSchema);

export const eventsPerPage = 100;

/**
 * Where each chain's head was last seen: `_id` is an inspection id or `office`. Only a hint to start appending from
 * (a query for the highest seq scans the whole collection on FerretDB); the events themselves are the truth, and an
 * append walks forward from the hint past any positions already taken. Not part of the record, so it may be updated.
 */
const chainHeadSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, required: true },
  hash: { type: String, required: true },
}, { collection: 'record_heads', versionKey: false });

export const ChainHeadModel = model('ChainHead', chainHeadSchema);

import { Schema, Types, model } from 'mongoose';
import { isDuplicateKey } from '../../infra/db';
import { InspectionModel, type InspectionRecord } from './inspection.model';

/**
 * The review desk's newest-first list of concluded inspections as an index kept in documents: entry `concluded:<n>`
 * is the n-th inspection concluded, `concluded:of:<inspectionId>` says where an inspection sits, `concluded:head`
 * hints at the newest position. Every read is a lone `_id` equality — on the embedded FerretDB the only filter that
 * uses an index (`find({ status }).sort({ _id: -1 })` reads every inspection ever stored); on MongoDB the `_id` index.
 * A page costs its own size, whatever the office's history.
 *
 * Derived data, never the truth: positions are claimed by unique `_id` inserts (no transactions, and FerretDB's
 * conditional updates are not atomic), readers skip an entry whose inspection is not concluded, and a database
 * whose feed was never built (data from before it) is filled once from the inspections themselves, oldest first.
 */
const feedSchema = new Schema({
  _id: { type: String, required: true },
  inspectionId: { type: Schema.Types.ObjectId, default: undefined },
  n: { type: Number, required: true },
}, { collection: 'inspection_feed', versionKey: false });

const FeedModel = model('InspectionFeed', feedSchema);

const entryId = (n: number) => `concluded:${n}`;
const placeOf = (inspectionId: Types.ObjectId | string) => `concluded:of:${String(inspectionId)}`;
const headId = 'concluded:head';
const builtId = 'concluded:built';

/** The newest position taken: the hint, walked forward past entries written after it; -1 when empty. */
async function feedHead(): Promise<number> {
  let n = (await FeedModel.findById(headId).lean<{ n: number }>())?.n ?? -1;
  while (await FeedModel.exists({ _id: entryId(n + 1) })) n += 1;
  return n;
}

/** Puts a concluded inspection at the head of the feed (once: a second call finds its place). */
export async function addToFeed(inspectionId: Types.ObjectId): Promise<void> {
  // older conclusions first, so that they stay below this one
  await ensureBuilt();
  await place(inspectionId);
}

async function place(inspectionId: Types.ObjectId): Promise<void> {
  if (await FeedModel.exists({ _id: placeOf(inspectionId) })) return;
  let n = await feedHead() + 1;
  for (;;) {
    try {
      await FeedModel.create({ _id: entryId(n), inspectionId, n });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      n += 1;
    }
  }
  try {
    await FeedModel.create({ _id: placeOf(inspectionId), n });
  } catch (err) {
    // a racing writer placed it too: readers show an inspection once, at its newest place
    if (!isDuplicateKey(err)) throw err;
  }
  await FeedModel.updateOne({ _id: headId }, { $max: { n } }, { upsert: true }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) throw err;
  });
}

/** Fills the feed from the inspections concluded before it existed (one scan, once per database). */
async function ensureBuilt(): Promise<void> {
  if (await FeedModel.exists({ _id: builtId })) return;
  const concluded = await InspectionModel.find({ status: 'concluded' }, { _id: 1 }).sort({ _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  for (const { _id } of concluded) await place(_id);
  await FeedModel.create({ _id: builtId, n: concluded.length }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) throw err;
  });
}

/**
 * One page of concluded inspections, most recently concluded first, after `cursor` (an inspection id from the
 * previous page). `undefined` when the cursor is not in the feed (the caller then asks the collection itself).
 */
export async function concludedPage(limit: number, cursor?: string): Promise<{ items: InspectionRecord[]; nextCursor: string | null } | undefined> {
  await ensureBuilt();
  let below = (await feedHead()) + 1;
  if (cursor) {
    const place = await FeedModel.findById(placeOf(cursor)).lean<{ n: number }>();
    if (!place) return undefined;
    below = place.n;
  }
  const items: InspectionRecord[] = [];
  const seen = new Set<string>();
  let n = below - 1;
  for (; n >= 0 && items.length <= limit; n--) {
    const entry = await FeedModel.findById(entryId(n)).lean<{ inspectionId: Types.ObjectId }>();
    const id = entry ? String(entry.inspectionId) : undefined;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const inspection = await InspectionModel.findById(id).lean<InspectionRecord>();
    if (inspection?.status === 'concluded') items.push(inspection);
  }
  const page = items.slice(0, limit);
  return { items: page, nextCursor: items.length > limit ? String(page.at(-1)!._id) : null };
}

import { Schema, Types, model } from 'mongoose';
import { isDuplicateKey } from '../../infra/db';

/**
 * Append-only lists of inspections kept as documents, every read a lone `_id` equality: on the embedded FerretDB the
 * only filter that uses an index, on MongoDB the `_id` index. A list `L` is the entries `L:<n>` (the n-th inspection
 * put on it), `L:of:<inspectionId>` (where an inspection sits: its first place), and a hint `L:head` at the newest n.
 * Positions are claimed by unique `_id` inserts (no transactions, and FerretDB's conditional updates are not atomic:
 * a racing writer takes the next n); the head hint is only a hint (readers walk forward past it), so its non-atomic
 * `$max` may lag without harm. An inspection placed twice by racing writers is shown once, at its `of` place.
 *
 * The review desk's newest page is the list `concluded`; its search and mode filter read per-word lists
 * (`inspections.search.ts`); the office figures keep running totals over `concluded` (`stats.figures.ts`).
 */
const postingSchema = new Schema({
  _id: { type: String, required: true },
  inspectionId: { type: Schema.Types.ObjectId, default: undefined },
  n: { type: Number, required: true },
  /** On `concluded` entries: when it was concluded (the figures find a time's position by it). */
  at: { type: Date, default: undefined },
}, { collection: 'inspection_feed', versionKey: false });

export const PostingModel = model('InspectionFeed', postingSchema);

export interface Entry { inspectionId: Types.ObjectId; n: number; at?: Date }

export const entryId = (list: string, n: number) => `${list}:${n}`;
const placeId = (list: string, inspectionId: Types.ObjectId | string) => `${list}:of:${String(inspectionId)}`;
const headId = (list: string) => `${list}:head`;

/** The newest position taken: the hint, walked forward past entries written after it; -1 when empty. */
export async function listHead(list: string): Promise<number> {
  let n = (await PostingModel.findById(headId(list)).lean<{ n: number }>())?.n ?? -1;
  while (await PostingModel.exists({ _id: entryId(list, n + 1) })) n += 1;
  return n;
}

export const readEntry = (list: string, n: number) => PostingModel.findById(entryId(list, n)).lean<Entry>();

/** Where an inspection sits on a list, if it is on it. */
export async function placeOf(list: string, inspectionId: Types.ObjectId | string): Promise<number | undefined> {
  return (await PostingModel.findById(placeId(list, inspectionId)).lean<{ n: number }>())?.n;
}

/**
 * The place of the entry `n`'s inspection, settled: its `of` document, or (a writer stopped between its two inserts)
 * claimed for `n` now. Once settled it never changes, so what is derived from "is n its place" stays the same.
 */
export async function settledPlace(list: string, entry: Entry): Promise<number> {
  const known = await placeOf(list, entry.inspectionId);
  if (known !== undefined) return known;
  try {
    await PostingModel.create({ _id: placeId(list, entry.inspectionId), n: entry.n });
    return entry.n;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return (await placeOf(list, entry.inspectionId))!;
  }
}

const bumpHead = (list: string, n: number) => PostingModel.updateOne({ _id: headId(list) }, { $max: { n } }, { upsert: true })
  .catch((err: unknown) => { if (!isDuplicateKey(err)) throw err; });

/** Puts an inspection at the end of a list (once: a second call finds its place); returns its place. */
export async function place(list: string, inspectionId: Types.ObjectId, at?: Date): Promise<number> {
  const known = await placeOf(list, inspectionId);
  if (known !== undefined) return known;
  let n = await listHead(list) + 1;
  for (;;) {
    try {
      await PostingModel.create({ _id: entryId(list, n), inspectionId, n, at });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      n += 1;
    }
  }
  const settled = await settledPlace(list, { inspectionId, n });
  await bumpHead(list, n);
  return settled;
}

/**
 * Appends many inspections to many lists at once (the bulk loader, a rebuild): the positions after each list's head,
 * written in batches; an entry whose position a live writer took meanwhile goes through `place` one by one.
 */
export async function placeMany(lists: Map<string, { inspectionId: Types.ObjectId; at?: Date }[]>): Promise<void> {
  const entries: Record<string, unknown>[] = [];
  const places: Record<string, unknown>[] = [];
  const heads: [string, number][] = [];
  for (const [list, items] of lists) {
    let n = await listHead(list);
    for (const { inspectionId, at } of items) {
      n += 1;
      entries.push({ _id: entryId(list, n), inspectionId, n, at, list });
      places.push({ _id: placeId(list, inspectionId), n });
    }
    heads.push([list, n]);
  }
  const failed = new Set<string>();
  for (let k = 0; k < entries.length; k += 1000) {
    const batch = entries.slice(k, k + 1000).map(({ list: _list, ...doc }) => doc);
    await PostingModel.collection.insertMany(batch as never[], { ordered: false }).catch((err: { writeErrors?: { index: number }[] } & Error) => {
      if (!err.writeErrors) throw err;
      for (const w of err.writeErrors) failed.add(String(batch[w.index]!._id));
    });
  }
  const retry = entries.filter((e) => failed.has(String(e._id)));
  const settledPlaces = places.filter((_p, k) => !failed.has(String(entries[k]!._id)));
  for (let k = 0; k < settledPlaces.length; k += 1000) {
    // an `of` already there is an earlier place of the same inspection: it stays
    await PostingModel.collection.insertMany(settledPlaces.slice(k, k + 1000) as never[], { ordered: false }).catch((err: { writeErrors?: unknown[] } & Error) => {
      if (!err.writeErrors) throw err;
    });
  }
  for (const e of retry) await place(String(e.list), e.inspectionId as Types.ObjectId, e.at as Date | undefined);
  for (const [list, n] of heads) if (n >= 0) await bumpHead(list, n);
}

/**
 * Walks a list newest first from below `before` (exclusive), a batch of entries at a time read in parallel (`size()`
 * says how many the caller still wants), yielding each inspection once: racing writers may have placed one twice,
 * its newest entry is the one shown. The caller stops the walk when its page is full.
 */
export async function* walkNewestFirst(list: string, before: number, size: () => number): AsyncGenerator<Entry[]> {
  const seen = new Set<string>();
  for (let n = before - 1; n >= 0;) {
    const span = Array.from({ length: Math.min(Math.max(1, size()), n + 1) }, (_v, k) => n - k);
    n -= span.length;
    const entries = await Promise.all(span.map((k) => readEntry(list, k)));
    const fresh: Entry[] = [];
    for (const entry of entries) {
      if (!entry?.inspectionId || seen.has(String(entry.inspectionId))) continue;
      seen.add(String(entry.inspectionId));
      fresh.push(entry);
    }
    yield fresh;
  }
}

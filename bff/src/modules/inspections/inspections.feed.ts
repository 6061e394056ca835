import { Types } from 'mongoose';
import { InspectionModel, type InspectionRecord } from './inspection.model';
import { PostingModel, listHead, place, placeMany, placeOf, walkNewestFirst } from './inspections.postings';

/**
 * The review desk's concluded inspections as lists kept in documents (`inspections.postings.ts`): `concluded`, newest
 * conclusion last, for the newest page; `concluded:m:<mode>` for the mode filter; and one list per search piece of the
 * site address and matter code, `concluded:w:<piece>`, for the search. `find({ status }).sort({ _id: -1 })` and an
 * unanchored regex read every inspection ever stored (on FerretDB, and the regex on MongoDB too); a page from the
 * lists costs its own size, whatever the office's history.
 *
 * Search pieces: each character and each pair of neighbouring characters (bigrams), lower-cased. A Chinese address
 * has no spaces between its words, so bigrams stand in for words: a text that contains the query contains every
 * bigram of it, so the shortest of the query's lists holds every answer, and each candidate is checked against the
 * query itself (the same case-insensitive substring match as before). One-character queries read the character's list.
 *
 * Derived data, never the truth: readers skip an entry whose inspection is not (or no longer matches as) concluded,
 * and a database whose lists were never built (data from before them) is filled once from the inspections themselves.
 */
const concluded = 'concluded';
const modeList = (mode: string) => `concluded:m:${mode}`;
const pieceList = (piece: string) => `concluded:w:${encodeURIComponent(piece)}`;
const builtId = 'concluded:built:words';

/** Each character and each neighbouring pair of a text, lower-cased. */
export function searchPieces(text: string): string[] {
  const chars = [...text.toLowerCase()];
  const pieces = new Set<string>();
  chars.forEach((c, k) => {
    pieces.add(c);
    if (k + 1 < chars.length) pieces.add(c + chars[k + 1]!);
  });
  return [...pieces];
}

/** The pieces a query needs: its bigrams, or its one character. */
function queryPieces(q: string): string[] {
  const chars = [...q.toLowerCase()];
  return chars.length === 1 ? chars : chars.slice(1).map((c, k) => chars[k]! + c);
}

type Listed = Pick<InspectionRecord, '_id' | 'mode' | 'matterCode' | 'site' | 'concludedAt'>;

/** The lists an inspection is on once concluded, the newest-page list first. */
function listsOf(i: Listed): string[] {
  const words = new Set([...searchPieces(i.site?.address ?? ''), ...searchPieces(i.matterCode)]);
  return [concluded, ...[...words].map(pieceList), modeList(i.mode)];
}

/** Puts a concluded inspection on the desk's lists (once: a second call finds its places). */
export async function addToFeed(inspectionId: Types.ObjectId): Promise<void> {
  // older conclusions first, so that they stay below this one
  await ensureBuilt();
  const inspection = await InspectionModel.findById(inspectionId, { mode: 1, matterCode: 1, site: 1, concludedAt: 1 }).lean<Listed>();
  if (!inspection) return;
  const [first, ...rest] = listsOf(inspection);
  await place(first!, inspection._id, inspection.concludedAt ?? undefined);
  const words = rest.slice(0, -1);
  for (let k = 0; k < words.length; k += 16) await Promise.all(words.slice(k, k + 16).map((list) => place(list, inspection._id)));
  // the mode list last: an inspection on it is on all its lists (what the one-time build checks)
  await place(rest.at(-1)!, inspection._id);
}

/** Puts many concluded inspections on the lists at once, oldest first (the bench's bulk loader, the one-time build). */
export async function addManyToFeed(inspections: Listed[]): Promise<void> {
  const lists = new Map<string, { inspectionId: Types.ObjectId; at?: Date }[]>();
  for (const i of inspections) {
    for (const list of listsOf(i)) {
      const items = lists.get(list) ?? [];
      items.push({ inspectionId: i._id, ...(list === concluded ? { at: i.concludedAt ?? undefined } : {}) });
      lists.set(list, items);
    }
  }
  await placeMany(lists);
}

let building: Promise<void> | undefined;

/** Fills the lists from the inspections concluded before they existed (one scan, once per database). */
export async function ensureBuilt(): Promise<void> {
  if (await PostingModel.exists({ _id: builtId })) return;
  // concurrent first requests share one build
  building ??= build().finally(() => { building = undefined; });
  await building;
}

async function build(): Promise<void> {
  const all = await InspectionModel.find({ status: 'concluded' }, { mode: 1, matterCode: 1, site: 1, concludedAt: 1 })
    // in conclusion order: the figures find a time's position by bisection over it
    .sort({ concludedAt: 1, _id: 1 }).lean<Listed[]>();
  const missing: Listed[] = [];
  // an inspection on its mode list is on all its lists (`addToFeed` places that one last)
  for (const i of all) if (await placeOf(modeList(i.mode), i._id) === undefined) missing.push(i);
  // the newest-page list may have them already (it was kept before the word lists)
  const onFeed = await Promise.all(missing.map((i) => placeOf(concluded, i._id)));
  await addManyToFeed(missing.filter((_i, k) => onFeed[k] === undefined));
  const rest = new Map<string, { inspectionId: Types.ObjectId }[]>();
  for (const i of missing.filter((_i, k) => onFeed[k] !== undefined)) {
    for (const list of listsOf(i).slice(1)) rest.set(list, [...(rest.get(list) ?? []), { inspectionId: i._id }]);
  }
  await placeMany(rest);
  await PostingModel.create({ _id: builtId, n: all.length }).catch(() => undefined);
}

/** Rebuilds the lists from the inspections (the rebuild command): adds what is missing, keeps what is there. */
export async function rebuildFeed(): Promise<void> {
  building ??= build().finally(() => { building = undefined; });
  await building;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface DeskQuery { q?: string; mode?: 'remote' | 'onsite'; limit: number; cursor?: string }

/**
 * One page of concluded inspections, most recently concluded first, after `cursor` (an inspection id from the
 * previous page), searched by words of the address or matter code, or by id, and filtered by mode. `undefined` when
 * the cursor is not on the list read (the caller then asks the collection itself).
 */
export async function concludedPage(query: DeskQuery): Promise<{ items: InspectionRecord[]; nextCursor: string | null } | undefined> {
  await ensureBuilt();
  const { q, mode, limit, cursor } = query;
  if (q && /^[0-9a-f]{24}$/i.test(q)) {
    const one = await InspectionModel.findById(q).lean<InspectionRecord>();
    return { items: one && one.status === 'concluded' && (!mode || one.mode === mode) ? [one] : [], nextCursor: null };
  }
  // the shortest list that holds every answer
  const candidates = [...(q ? queryPieces(q).map(pieceList) : []), ...(mode ? [modeList(mode)] : [])];
  if (!candidates.length) candidates.push(concluded);
  const heads = await Promise.all(candidates.map(listHead));
  const shortest = heads.indexOf(Math.min(...heads));
  const list = candidates[shortest]!;
  let below = heads[shortest]! + 1;
  if (cursor) {
    const at = await placeOf(list, cursor);
    if (at === undefined) return undefined;
    below = at;
  }
  const words = q ? new RegExp(escapeRegExp(q), 'i') : undefined;
  const items: InspectionRecord[] = [];
  const matches = (i: InspectionRecord | null): i is InspectionRecord => i?.status === 'concluded' && (!mode || i.mode === mode)
    && (!words || words.test(i.site?.address ?? '') || words.test(i.matterCode));
  // a page's entries and inspections are read in parallel batches: a page costs a few round trips, not 2 × its size
  for await (const entries of walkNewestFirst(list, below, () => limit + 1 - items.length)) {
    const found = await Promise.all(entries.map((e) => InspectionModel.findById(e.inspectionId).lean<InspectionRecord>()));
    items.push(...found.filter(matches));
    if (items.length > limit) break;
  }
  const page = items.slice(0, limit);
  return { items: page, nextCursor: items.length > limit ? String(page.at(-1)!._id) : null };
}

import { Types } from 'mongoose';
import type { RecordEvent, RecordEventType } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { concurrencyLimit } from '../../lib/concurrency-limit';
import { isDuplicateKey } from '../../infra/db';
import { checkEvent, type OfficeLink } from './ledger.chain';
import { AnchorRefModel, ChainHeadModel, OfficeLinkModel, RecordEventModel, RecordPageModel, eventsPerPage, type OfficeLinkDoc, type RecordEventDoc } from './ledger.model';

/**
 * Reading a chain so that the cost is the size of the chain, not of the office's history: every read here is a lone
 * `_id` equality (the only filter FerretDB 1.24 pushes down; MongoDB serves it from the `_id` index). A chain's events
 * are `<chainId>:0 … <chainId>:<head>`, its anchors `record_anchor_refs` with the same ids. The head hint may lag
 * behind (it is advanced after the insert, without atomicity), so every read walks forward past it until a miss.
 */

const objectIdPattern = /^[0-9a-f]{24}$/;

export function toObjectId(id: string | Types.ObjectId, what: string): Types.ObjectId {
  if (id instanceof Types.ObjectId) return id;
  if (typeof id !== 'string' || !objectIdPattern.test(id)) {
    throw new AppError('LEDGER.INVALID_EVENT', { message: `踏勘记录事件内容无效：${what}不是有效编号` });
  }
  return new Types.ObjectId(id);
}

/** An event's id is its place: `<chainId>:<seq>`; its anchor ref has the same id. */
export const eventIdOf = (chainId: string, seq: number) => `${chainId}:${seq}`;

export function toRecordEvent(doc: RecordEventDoc): RecordEvent {
  return {
    id: String(doc._id),
    inspectionId: String(doc.inspectionId),
    seq: doc.seq,
    type: doc.type as RecordEventType,
    actor: { id: doc.actor?.id, role: doc.actor?.role as RecordEvent['actor']['role'] },
    at: doc.at instanceof Date ? doc.at.toISOString() : String(doc.at),
    payload: doc.payload,
    ...(doc.corrects ? { corrects: String(doc.corrects) } : {}),
    prevHash: doc.prevHash,
    hash: doc.hash,
  };
}

export function toOfficeLink(doc: OfficeLinkDoc): OfficeLink {
  return {
    seq: doc.seq,
    inspectionId: String(doc.inspectionId),
    eventId: String(doc.eventId),
    eventSeq: doc.eventSeq,
    eventHash: doc.eventHash,
    at: doc.at instanceof Date ? doc.at.toISOString() : String(doc.at),
    prevHash: doc.prevHash,
    hash: doc.hash,
  };
}

/** Reads by `_id` in parallel, a bounded number at a time (one pool serves every request). */
const readSlots = concurrencyLimit(16);

async function readEach<T>(count: number, read: (n: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_v, n) => readSlots(() => read(n))));
}

const eventAt = (chainId: string, seq: number) => RecordEventModel.findById(eventIdOf(chainId, seq)).lean<RecordEventDoc>();
const refAt = (chainId: string, seq: number) => AnchorRefModel.findById(eventIdOf(chainId, seq)).lean<{ officeSeq: number }>();

/** The seq the chain's head hint names, -1 for none. */
export async function headHint(chainId: string): Promise<number> {
  const hint = await ChainHeadModel.findById(chainId, { seq: 1 }).lean<{ seq: number }>();
  return hint?.seq ?? -1;
}

const pageIdOf = (chainId: string, seq: number) => `${chainId}:p${Math.floor(seq / eventsPerPage)}`;

/** Adds a stored event's copy to its page (a cache for reads; see `RecordPageModel`). */
export async function copyToPage(event: RecordEvent): Promise<void> {
  const pages = RecordPageModel.collection;
  const _id = pageIdOf(event.inspectionId, event.seq) as never;
  try {
    await pages.updateOne({ _id }, { $push: { events: event } } as never, { upsert: true });
  } catch (err) {
    // two first writers of one page: the loser's upsert collides with the winner's insert, and now the page exists
    if (!isDuplicateKey(err)) throw err;
    await pages.updateOne({ _id }, { $push: { events: event } } as never);
  }
}

/**
 * Page copies that can stand for the stored events: consecutive from seq 0, each recomputing to its own hash and
 * linking to the one before. Stops at the first gap or bad copy; the rest is read event by event.
 */
function trustedPrefix(copies: RecordEvent[]): RecordEvent[] {
  const bySeq = new Map(copies.map((c) => [c.seq, c]));
  const prefix: RecordEvent[] = [];
  for (let seq = 0; ; seq++) {
    const copy = bySeq.get(seq);
    if (!copy || copy.id !== `${copy.inspectionId}:${seq}` || !checkEvent(copy).contentIntact) return prefix;
    if (seq > 0 && copy.prevHash !== prefix[seq - 1]!.hash) return prefix;
    prefix.push(copy);
  }
}

/**
 * The chain's events in seq order, up to `atLeast` (or the head hint, whichever is later) and onward until the first
 * position nobody holds. From the pages where they vouch for the stored events — their chain must end in the hash
 * of the stored event at that seq — and event by event elsewhere. A deleted event is simply absent (verification
 * names the gap). `pages: false` reads every event itself (verification must look at the stored events).
 */
export async function readChain(chainId: string, atLeast = -1, opts: { pages?: boolean } = {}): Promise<RecordEvent[]> {
  const upTo = Math.max(atLeast, await headHint(chainId));
  let copied: RecordEvent[] = [];
  if (opts.pages !== false && upTo >= 0) {
    const pages = await readEach(Math.floor(upTo / eventsPerPage) + 1, (k) => RecordPageModel.findById(pageIdOf(chainId, k * eventsPerPage)).lean<{ events: RecordEvent[] }>());
    copied = trustedPrefix(pages.flatMap((p) => p?.events ?? []).filter((e) => e.inspectionId === chainId));
    const last = copied.at(-1);
    const stored = last ? await eventAt(chainId, last.seq) : null;
    if (last && stored?.hash !== last.hash) copied = [];
  }
  const docs = await readEach(Math.max(0, upTo + 1 - copied.length), (n) => eventAt(chainId, copied.length + n));
  for (let seq = Math.max(upTo, copied.length - 1) + 1; ; seq++) {
    const next = await eventAt(chainId, seq);
    if (!next) break;
    docs.push(next);
  }
  return [...copied, ...docs.filter((d): d is RecordEventDoc => d !== null).map(toRecordEvent)];
}

/** Every event of one case (an inspection or any other case kind keyed by a 24-hex id), in chain order. */
export async function listEvents(chainId: string | Types.ObjectId): Promise<RecordEvent[]> {
  return readChain(toObjectId(chainId, '踏勘').toHexString());
}

/** How far back from the head hint to look for the last anchored event before asking the office chain itself. */
const maxAnchorLag = 64;

/**
 * The highest event seq whose anchor ref exists, and its office seq, found from the head hint: anchoring follows
 * the insert, so the last anchored event is at the hint or a few before it (or after, when the hint lags).
 * `undefined`: none found near the head (no anchors yet, or refs from before refs existed).
 */
export async function anchoredHead(chainId: string, hint: number): Promise<{ eventSeq: number; officeSeq: number } | undefined> {
  let found: { eventSeq: number; officeSeq: number } | undefined;
  for (let seq = hint; seq >= 0 && seq > hint - maxAnchorLag; seq--) {
    const ref = await refAt(chainId, seq);
    if (ref) { found = { eventSeq: seq, officeSeq: ref.officeSeq }; break; }
  }
  if (!found && hint >= 0) return undefined;
  for (let seq = (found?.eventSeq ?? -1) + 1; ; seq++) {
    const ref = await refAt(chainId, seq);
    if (!ref) return found;
    found = { eventSeq: seq, officeSeq: ref.officeSeq };
  }
}

export async function officeLinkAt(officeSeq: number): Promise<OfficeLink | undefined> {
  const doc = await OfficeLinkModel.findById(officeSeq).lean<OfficeLinkDoc>();
  return doc ? toOfficeLink(doc) : undefined;
}

/** Records where an event is anchored; a ref already there (a rebuild racing an append) is the same fact. */
export async function saveAnchorRef(link: Pick<OfficeLink, 'eventId' | 'seq'>): Promise<void> {
  try {
    await AnchorRefModel.create({ _id: link.eventId, officeSeq: link.seq });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * One case's anchors read from the office chain itself (by `inspectionId`: an index on MongoDB, a scan on FerretDB),
 * restoring any ref that is missing. The slow path: for a chain whose refs do not account for it (data from before
 * refs, or refs someone removed) and for naming exactly which link broke.
 */
export async function anchorsFromOfficeChain(chainId: string): Promise<OfficeLink[]> {
  const docs = await OfficeLinkModel.find({ inspectionId: toObjectId(chainId, '踏勘') }).sort({ _id: 1 }).lean<OfficeLinkDoc[]>();
  const anchors = docs.map(toOfficeLink);
  const refs = await readEach(anchors.length, (n) => AnchorRefModel.findById(anchors[n]!.eventId).lean<{ officeSeq: number }>());
  await Promise.all(anchors.filter((_a, n) => !refs[n]).map(saveAnchorRef));
  return anchors;
}

/**
 * A consistent view of one case's anchors and events: anchors first (every anchored event was stored before its
 * anchor, so the events read afterwards hold all of them unless one was removed), then the events. Refs are used
 * when they account for the whole anchored prefix; otherwise the office chain is asked.
 */
export async function readAnchoredChain(chainId: string): Promise<{ anchors: OfficeLink[]; events: RecordEvent[] }> {
  const hint = await headHint(chainId);
  const head = await anchoredHead(chainId, hint);
  const count = head ? head.eventSeq + 1 : 0;
  const refs = await readEach(count, (seq) => refAt(chainId, seq));
  let anchors: OfficeLink[];
  if ((hint >= 0 && !head) || refs.some((r) => !r)) anchors = await anchorsFromOfficeChain(chainId);
  else anchors = (await readEach(count, (seq) => officeLinkAt(refs[seq]!.officeSeq))).filter((a): a is OfficeLink => a !== undefined);
  const lastAnchored = Math.max(-1, ...anchors.map((a) => a.eventSeq));
  return { anchors, events: await readChain(chainId, lastAnchored, { pages: false }) };
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { RecordEventType, toCanonicalData, type BrokenLink, type RecordEvent, type Role } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { chainHash, checkEvent, genesisHash, officeLinkIntact, verifyEvents, verifyLinks, type ChainResult, type CheckedLink, type OfficeLink } from './ledger.chain';
import { ChainHeadModel, OfficeLinkModel, RecordEventModel, type OfficeLinkDoc, type RecordEventDoc } from './ledger.model';
import { isDuplicateKey } from '../../infra/db';

/**
 * The permanent record of every inspection: append-only hash chains, one per inspection, each event also anchored
 * in one office-wide chain so that removing an event or a whole inspection shows. No transactions: the chain
 * position is the primary key (and (inspectionId, seq) is unique), so racing writers collide and the loser links to
 * what the winner stored and tries the next position.
 *
 * An event is stored first and anchored right after; a process that dies between the two leaves the tail
 * unanchored, which verification reports (`未在全局链中登记`) until the inspection's next event, whose anchor
 * covers every event before it.
 */

/** A signed-in user (extra fields such as username are ignored) or the system itself. */
export type RecordActorInput = { id: string; role: Role } | 'system';

export interface AppendEventInput {
  inspectionId: string | Types.ObjectId;
  type: RecordEventType;
  actor: RecordActorInput;
  payload?: Record<string, unknown>;
  /** The id of an earlier event of the same inspection that this one corrects. */
  corrects?: string;
}

/** Bound on positions tried per append: a stale head hint or heavy contention walks forward this far at most. */
const maxSteps = 5000;

const objectIdPattern = /^[0-9a-f]{24}$/;

function toObjectId(id: string | Types.ObjectId, what: string): Types.ObjectId {
  if (id instanceof Types.ObjectId) return id;
  if (typeof id !== 'string' || !objectIdPattern.test(id)) {
    throw new AppError('LEDGER.INVALID_EVENT', { message: `踏勘记录事件内容无效：${what}不是有效编号` });
  }
  return new Types.ObjectId(id);
}

/** An event's id is its place: `<inspectionId>:<seq>`. */
export const eventIdOf = (inspectionId: string, seq: number) => `${inspectionId}:${seq}`;

/** A short random wait after a lost race, so colliding writers spread out instead of colliding again in step. */
async function jitter(step: number): Promise<void> {
  await sleep(Math.random() * Math.min(1 + step, 8));
}

async function advanceHead(chainId: string, seq: number, hash: string): Promise<void> {
  try {
    await ChainHeadModel.updateOne({ _id: chainId, seq: { $lt: seq } }, { $set: { seq, hash } }, { upsert: true });
  } catch (err) {
    // the hint already names a later head (the upsert collided with it): nothing to do
    if (!isDuplicateKey(err)) throw err;
  }
}

let lostRaces = 0;
/** How many appends of this process found their position taken by another writer (for tests and metrics). */
export const lostRaceCount = () => lostRaces;

/** The tail of each chain's queue of appends in this process. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs appends to one chain one after another within this process: they would only collide with each other, and
 * every collision costs a round trip. Writers in other processes still race, and the database settles that.
 */
function inTurn<T>(chainId: string, append: () => Promise<T>): Promise<T> {
  const previous = queues.get(chainId) ?? Promise.resolve();
  const mine = previous.then(append, append);
  const tail = mine.catch(() => undefined);
  queues.set(chainId, tail);
  void tail.then(() => { if (queues.get(chainId) === tail) queues.delete(chainId); });
  return mine;
}

function appendAtHead<T extends { seq: number; hash: string }>(
  chainId: string,
  storedAt: (seq: number) => Promise<{ hash: string } | null>,
  insertAt: (seq: number, prevHash: string) => Promise<T>,
): Promise<T> {
  return inTurn(chainId, () => raceForHead(chainId, storedAt, insertAt));
}

/**
 * Appends at the head of a chain without transactions. Starts from the head hint, tries to insert at the next
 * position; the position is a primary key, so when another writer got there first the insert fails with a
 * duplicate key, and this writer reads what was stored there, links to it and tries the next position.
 */
async function raceForHead<T extends { seq: number; hash: string }>(
  chainId: string,
  storedAt: (seq: number) => Promise<{ hash: string } | null>,
  insertAt: (seq: number, prevHash: string) => Promise<T>,
): Promise<T> {
  const hint = await ChainHeadModel.findById(chainId).lean<{ seq: number; hash: string }>();
  let seq = hint ? hint.seq + 1 : 0;
  let prevHash = hint?.hash ?? genesisHash;
  for (let step = 0; step < maxSteps; step++) {
    try {
      const stored = await insertAt(seq, prevHash);
      await advanceHead(chainId, stored.seq, stored.hash);
      return stored;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      lostRaces += 1;
      const taken = await storedAt(seq);
      if (taken) {
        prevHash = taken.hash;
        seq += 1;
      }
      await jitter(step);
    }
  }
  throw new AppError('LEDGER.APPEND_CONTENDED');
}

function toRecordEvent(doc: RecordEventDoc): RecordEvent {
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

function toOfficeLink(doc: OfficeLinkDoc): OfficeLink {
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

function canonicalPayload(payload: Record<string, unknown>): Record<string, unknown> {
  try {
    const data = toCanonicalData(payload);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('payload is not an object');
    return data as Record<string, unknown>;
  } catch (err) {
    throw new AppError('LEDGER.INVALID_EVENT', { message: `踏勘记录事件内容无效：${(err as Error).message}`, cause: err });
  }
}

async function anchorInOfficeChain(event: RecordEvent): Promise<void> {
  await appendAtHead(
    'office',
    (seq) => OfficeLinkModel.findById(seq, { hash: 1 }).lean<{ hash: string }>(),
    async (seq, prevHash) => {
      const link = { seq, inspectionId: event.inspectionId, eventId: event.id, eventSeq: event.seq, eventHash: event.hash, at: new Date().toISOString(), prevHash };
      const hash = chainHash(prevHash, link);
      await OfficeLinkModel.create({ _id: seq, ...link, at: new Date(link.at), hash });
      return { seq, hash };
    },
  );
}

/**
 * Appends one fact to an inspection's record and anchors it in the office chain. Returns the stored event.
 * The payload is stored as canonical JSON data (dates become ISO strings, -0 becomes 0, undefined members vanish).
 */
export async function appendEvent(input: AppendEventInput): Promise<RecordEvent> {
  const type = RecordEventType.safeParse(input.type);
  if (!type.success) throw new AppError('LEDGER.INVALID_EVENT', { message: `踏勘记录事件内容无效：未知事件类型 ${String(input.type)}` });
  const inspectionId = toObjectId(input.inspectionId, '踏勘');
  const inspectionHex = inspectionId.toHexString();
  const actor = input.actor === 'system' ? { id: 'system', role: 'system' as const } : { id: String(input.actor.id), role: input.actor.role };
  const payload = canonicalPayload(input.payload ?? {});
  const corrects = input.corrects;
  if (corrects !== undefined && !(corrects.startsWith(`${inspectionHex}:`) && (await RecordEventModel.exists({ _id: corrects })))) {
    throw new AppError('LEDGER.INVALID_EVENT', { message: '踏勘记录事件内容无效：被更正的事件不在本次踏勘的记录中' });
  }

  const event = await appendAtHead(
    inspectionHex,
    (seq) => RecordEventModel.findById(eventIdOf(inspectionHex, seq), { hash: 1 }).lean<{ hash: string }>(),
    async (seq, prevHash) => {
      const at = new Date();
      const id = eventIdOf(inspectionHex, seq);
      const unhashed = {
        id, inspectionId: inspectionHex, seq, type: type.data, actor, at: at.toISOString(), payload,
        ...(corrects !== undefined ? { corrects } : {}), prevHash,
      };
      const hash = chainHash(prevHash, unhashed);
      await RecordEventModel.create({ _id: id, inspectionId, seq, type: type.data, actor, at, payload, corrects, prevHash, hash });
      return { ...unhashed, hash } satisfies RecordEvent;
    },
  );
  await anchorInOfficeChain(event);
  return event;
}

/** Every event of one inspection, in chain order. */
export async function listEvents(inspectionId: string | Types.ObjectId): Promise<RecordEvent[]> {
  const docs = await RecordEventModel.find({ inspectionId: toObjectId(inspectionId, '踏勘') }).sort({ seq: 1 }).lean<RecordEventDoc[]>();
  return docs.map(toRecordEvent);
}

/** The office-chain anchors of one inspection's events. */
export async function listAnchors(inspectionId: string | Types.ObjectId): Promise<OfficeLink[]> {
  const docs = await OfficeLinkModel.find({ inspectionId: toObjectId(inspectionId, '踏勘') }).sort({ seq: 1 }).lean<OfficeLinkDoc[]>();
  return docs.map(toOfficeLink);
}

/** Recomputes one inspection's chain against its office anchors and names the first broken link. */
export async function verifyInspectionChain(inspectionId: string | Types.ObjectId): Promise<ChainResult> {
  for (let attempt = 0; ; attempt++) {
    // events first, anchors after: an event read here was stored before its anchor was written
    const events = await listEvents(inspectionId);
    const anchors = await listAnchors(inspectionId);
    const result = verifyEvents(events, anchors);
    if (!anchoringInFlight(result, events, anchors) || attempt >= 20) return result;
    // an append in flight stores its event, then anchors it: give a just-stored tail a moment before calling it broken
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first break is an unanchored event stored seconds ago: most likely an append still anchoring it. */
function anchoringInFlight(result: ChainResult, events: RecordEvent[], anchors: OfficeLink[]): boolean {
  const broken = result.firstBroken;
  if (!broken || anchors.some((a) => a.eventSeq === broken.seq)) return false;
  const event = events.find((e) => e.seq === broken.seq);
  return Boolean(event && Date.now() - Date.parse(event.at) < 10_000);
}

export interface OfficeVerification extends ChainResult {
  /** Inspections checked: every one named by an event or by an office link. */
  inspections: number;
  events: number;
  brokenInspections: { inspectionId: string; firstBroken: BrokenLink }[];
}

export interface VerifyProgress {
  phase: 'office' | 'events' | 'inspections';
  done: number;
  total: number;
}

type Anchor = Pick<OfficeLink, 'eventSeq' | 'eventId' | 'eventHash'>;

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * Verifies everything in two passes: walks the office chain link by link (collecting each inspection's anchors),
 * recomputes every event's hash in one pass over the event store, then checks each inspection's links against its
 * anchors. An inspection whose events were all deleted still shows: its anchors remain in the office chain.
 * Memory: a few hundred bytes per event (hashes and ids, not payloads).
 */
export async function verifyOfficeChain(opts: { onProgress?: (progress: VerifyProgress) => void } = {}): Promise<OfficeVerification> {
  const [linkTotal, eventTotal] = await Promise.all([OfficeLinkModel.estimatedDocumentCount(), RecordEventModel.estimatedDocumentCount()]);
  const report = (phase: VerifyProgress['phase'], done: number, total: number) => opts.onProgress?.({ phase, done, total });

  let expectedSeq = 0;
  let prevHash = genesisHash;
  let firstBroken: BrokenLink | undefined;
  const anchorsByInspection = new Map<string, Anchor[]>();
  for await (const doc of OfficeLinkModel.find().sort({ _id: 1 }).lean().cursor()) {
    const link = toOfficeLink(doc as unknown as OfficeLinkDoc);
    push(anchorsByInspection, link.inspectionId, { eventSeq: link.eventSeq, eventId: link.eventId, eventHash: link.eventHash });
    if (!firstBroken) {
      if (link.seq !== expectedSeq) firstBroken = { seq: expectedSeq, eventId: null, reason: `全局链第 ${expectedSeq} 环缺失` };
      else if (!officeLinkIntact(link)) firstBroken = { seq: link.seq, eventId: link.eventId, reason: `全局链第 ${link.seq} 环的内容与其哈希不符` };
      else if (link.prevHash !== prevHash) firstBroken = { seq: link.seq, eventId: link.eventId, reason: `全局链第 ${link.seq} 环记录的上一哈希与前一环不符` };
    }
    prevHash = link.hash;
    expectedSeq = link.seq + 1;
    if (expectedSeq % 1000 === 0) report('office', expectedSeq, linkTotal);
  }
  report('office', expectedSeq, linkTotal);

  const linksByInspection = new Map<string, CheckedLink[]>();
  let events = 0;
  for await (const doc of RecordEventModel.find().lean().cursor()) {
    const event = toRecordEvent(doc as unknown as RecordEventDoc);
    push(linksByInspection, event.inspectionId, checkEvent(event));
    if (++events % 1000 === 0) report('events', events, eventTotal);
  }
  report('events', events, eventTotal);

  const ids = [...new Set([...anchorsByInspection.keys(), ...linksByInspection.keys()])].sort();
  const brokenInspections: OfficeVerification['brokenInspections'] = [];
  for (const [index, inspectionId] of ids.entries()) {
    const links = (linksByInspection.get(inspectionId) ?? []).sort((a, b) => a.seq - b.seq);
    const chain = verifyLinks(links, anchorsByInspection.get(inspectionId) ?? []);
    if (chain.firstBroken) brokenInspections.push({ inspectionId, firstBroken: chain.firstBroken });
    if ((index + 1) % 100 === 0 || index + 1 === ids.length) report('inspections', index + 1, ids.length);
  }
  return {
    ok: !firstBroken && brokenInspections.length === 0,
    length: expectedSeq,
    headHash: prevHash,
    ...(firstBroken ? { firstBroken } : {}),
    inspections: ids.length,
    events,
    brokenInspections,
  };
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { RecordEventType, toCanonicalData, type RecordEvent, type Role } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { chainHash, genesisHash } from './ledger.chain';
import { ChainHeadModel, OfficeLinkModel, RecordEventModel } from './ledger.model';
import { copyToPage, eventIdOf, saveAnchorRef, toObjectId } from './ledger.read';
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
  const link = await appendAtHead(
    'office',
    (seq) => OfficeLinkModel.findById(seq, { hash: 1 }).lean<{ hash: string }>(),
    async (seq, prevHash) => {
      const link = { seq, inspectionId: event.inspectionId, eventId: event.id, eventSeq: event.seq, eventHash: event.hash, at: new Date().toISOString(), prevHash };
      const hash = chainHash(prevHash, link);
      await OfficeLinkModel.create({ _id: seq, ...link, at: new Date(link.at), hash });
      return { seq, hash };
    },
  );
  await saveAnchorRef({ eventId: event.id, seq: link.seq });
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
      const event = { ...unhashed, hash } satisfies RecordEvent;
      // in the chain's turn, so this process never races itself on the page (another process may: reads cope)
      await copyToPage(event);
      return event;
    },
  );
  await anchorInOfficeChain(event);
  return event;
}

// the module's reads and checks, served here so other features keep one entry point into the record
export { listEvents } from './ledger.read';
export { verifyChain, verifyInspectionChain, verifyOfficeChain, type OfficeVerification, type VerifyProgress } from './ledger.verify';

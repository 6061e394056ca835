import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Schema, type Model, type Types } from 'mongoose';
import type pino from 'pino';
import { PenaltyRefused } from './credit/credit-provider';
import { isDuplicateKey } from './db';

/**
 * A transactional outbox delivered to an upstream exactly once per item. A worker owns a delivery attempt by inserting
 * its claim (unique on item and attempt number: FerretDB's findAndModify is not atomic, a unique index is), so two
 * workers or a restarted BFF never deliver one item at once. A claim is a lease: a worker that dies mid-delivery
 * leaves a claim that expires, and the next attempt number is claimed by another worker. After winning a claim the
 * worker reads the item again, so one delivered (or not yet due) meanwhile is left alone. Failures are retried with
 * exponential backoff and every attempt is recorded on the item and its claim; a refusal for good (`PenaltyRefused`)
 * stops and keeps the upstream's words for staff. The upstream dedupes by idempotency key, which covers the one case
 * leases cannot: a worker dying after the upstream accepted but before recording it.
 */
export interface OutboxItem {
  _id: Types.ObjectId;
  delivery: { attempts: number; nextAttemptAt: Date; deliveredAt: Date | null; refusedAt?: Date | null; lastError: string | null };
}

/** The `delivery` sub-document every outbox item carries (stored shape of `OutboxItem['delivery']`). */
export const outboxDeliveryFields = {
  attempts: { type: Number, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  deliveredAt: { type: Date, default: null },
  /** Refused for good (`PenaltyRefused`): no more attempts; staff act on `lastError`. */
  refusedAt: { type: Date, default: null },
  lastError: { type: String, default: null },
};

/** A claims collection: one document per delivery attempt, unique on (`claimKey`, attempt). */
export function outboxClaimSchema(claimKey: string, collection: string): Schema {
  const schema = new Schema({
    [claimKey]: { type: Schema.Types.ObjectId, required: true },
    attempt: { type: Number, required: true },
    owner: { type: String, required: true },
    claimedAt: { type: Date, default: null },
    leaseUntil: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    outcome: { type: String, enum: ['delivered', 'failed', 'refused', 'not_due', null], default: null },
  }, { collection, versionKey: false });
  schema.index({ [claimKey]: 1, attempt: 1 }, { unique: true });
  return schema;
}

export interface OutboxDefinition<Item extends OutboxItem, Answer> {
  /** For the logs, e.g. `credit penalty`. */
  what: string;
  /** Where the items are; each carries `delivery` (see `OutboxItem`). */
  items: Model<never>;
  /** Where the claims are, and the claim field that names the item. */
  claims: Model<never>;
  claimKey: string;
  send(item: Item): Promise<Answer>;
  /** Fields the answer adds to the item with its delivery (e.g. the tier the platform answered). */
  deliveredFields?(answer: Answer): Record<string, unknown>;
  /** The item's follow-ups once its delivery is recorded (notices, events on a chain). */
  afterDelivery?(item: Item, answer: Answer, attempts: number): Promise<void>;
}

export interface OutboxOptions {
  /** How long a claimed item stays with its worker before another may take it. */
  leaseMs?: number;
  /** How often an idle worker looks for due items. */
  pollMs?: number;
  /** First retry delay (at least 1 s); doubled per failed attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: pino.Logger;
}

export interface DrainResult { delivered: number; failed: number; refused: number }

type Outcome = 'delivered' | 'failed' | 'refused';
interface Claim { _id: Types.ObjectId; attempt: number; finishedAt: Date | null; leaseUntil: Date }

export function retryDelayMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function createOutbox<Item extends OutboxItem, Answer>(def: OutboxDefinition<Item, Answer>, opts: OutboxOptions = {}) {
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 2_000;
  // at least 1 s, so a failed item is not due again within the same drain
  const base = Math.max(1_000, opts.baseBackoffMs ?? 5_000);
  const max = opts.maxBackoffMs ?? 3_600_000;
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const items = def.items as unknown as Model<Item>;
  const claims = def.claims as unknown as Model<Claim & Record<string, unknown>>;
  let running = false;
  // set by stop(): a round in progress ends after the item it is delivering
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  const isDue = (i: Item | null, now: Date): i is Item =>
    !!i && i.delivery.deliveredAt === null && !i.delivery.refusedAt && i.delivery.nextAttemptAt <= now;

  /** Takes the next attempt of this item unless another worker holds a live claim on it. */
  async function claim(itemId: Types.ObjectId): Promise<Claim | null> {
    const now = new Date();
    const [latest] = await claims.find({ [def.claimKey]: itemId }).sort({ attempt: -1 }).limit(1).lean<Claim[]>();
    if (latest && latest.finishedAt === null && latest.leaseUntil > now) return null;
    try {
      const created = await claims.create({
        [def.claimKey]: itemId, attempt: (latest?.attempt ?? 0) + 1, owner, claimedAt: now, leaseUntil: new Date(now.getTime() + leaseMs),
      });
      return created.toObject() as unknown as Claim;
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  const finish = (c: Claim, outcome: Outcome | 'not_due') => claims.updateOne({ _id: c._id }, { $set: { finishedAt: new Date(), outcome } });

  async function deliver(item: Item, c: Claim): Promise<Outcome> {
    const attempts = item.delivery.attempts + 1;
    const id = String(item._id);
    let answer: Answer;
    try {
      answer = await def.send(item);
    } catch (err) {
      if (err instanceof PenaltyRefused) {
        // sending it again cannot help: stop, and keep the platform's words for staff
        const lastError = `信用平台拒收（HTTP ${err.status}）：${err.platformMessage}`.slice(0, 300);
        await items.updateOne({ _id: item._id }, { $set: { 'delivery.attempts': attempts, 'delivery.refusedAt': new Date(), 'delivery.lastError': lastError } });
        await finish(c, 'refused');
        opts.logger?.error({ id, attempts, status: err.status }, `${def.what} refused by the platform: staff must act`);
        return 'refused';
      }
      const lastError = String((err as Error).message ?? err).slice(0, 300);
      const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts, base, max));
      await items.updateOne({ _id: item._id }, { $set: { 'delivery.attempts': attempts, 'delivery.lastError': lastError, 'delivery.nextAttemptAt': nextAttemptAt } });
      await finish(c, 'failed');
      opts.logger?.warn({ id, attempts, lastError }, `${def.what} not delivered`);
      return 'failed';
    }
    // recorded on the item before the claim is released: a worker that claims next reads it as delivered
    await items.updateOne({ _id: item._id }, {
      $set: { 'delivery.attempts': attempts, 'delivery.deliveredAt': new Date(), 'delivery.lastError': null, ...def.deliveredFields?.(answer) },
    });
    await def.afterDelivery?.(item, answer, attempts);
    await finish(c, 'delivered');
    opts.logger?.info({ id, attempts }, `${def.what} delivered`);
    return 'delivered';
  }

  /** Delivers every item due now, one attempt each (a failed one waits for its backoff), then says what happened. */
  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0, refused: 0 };
    const due = await items.find(
      { 'delivery.deliveredAt': null, 'delivery.refusedAt': null, 'delivery.nextAttemptAt': { $lte: new Date() } }, { _id: 1 },
    ).sort({ 'delivery.nextAttemptAt': 1, _id: 1 }).limit(500).lean<Array<{ _id: Types.ObjectId }>>();
    for (const { _id } of due) {
      if (stopping) break;
      const c = await claim(_id);
      if (!c) continue;
      const item = await items.findById(_id).lean<Item>();
      if (!isDue(item, new Date())) { await finish(c, 'not_due'); continue; }
      result[await deliver(item, c)]++;
    }
    return result;
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(() => {
      inFlight = drain()
        .catch((err: Error) => opts.logger?.error({ err: err.message }, `${def.what} outbox round failed`))
        .finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    owner,
    drain,
    /** Starts polling; idempotent. */
    start() {
      if (running) return;
      running = true;
      stopping = false;
      schedule();
    },
    /** Stops polling and waits for a round in progress to finish and be recorded. */
    async stop() {
      running = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pino from 'pino';
import type { CreditProvider } from '../../infra/credit/credit-provider';
import { CreditPenaltyModel, type CreditPenaltyDoc } from './credit-penalty.model';
import { creditProvider } from './credit.service';

/**
 * Delivers the penalty outbox to the credit provider. A worker claims one due penalty at a time by taking its lease
 * with a conditional `findOneAndUpdate`, so two workers (or a restarted BFF) never deliver the same penalty at once;
 * a worker that dies mid-delivery leaves a lease that expires, and the penalty is claimed again. Failures are
 * retried with exponential backoff; every attempt is recorded on the penalty. The provider dedupes by idempotency
 * key, which covers the one case leases cannot (a worker dying after the platform accepted but before recording it).
 */
export interface OutboxOptions {
  /** How long a claimed penalty stays with its worker before another may take it. */
  leaseMs?: number;
  /** How often an idle worker looks for due penalties. */
  pollMs?: number;
  /** First retry delay (at least 1 s); doubled per failed attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: pino.Logger;
}

export interface DrainResult { delivered: number; failed: number }

export function retryDelayMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function createPenaltyOutbox(provider: CreditProvider, opts: OutboxOptions = {}) {
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 2_000;
  // at least 1 s, so a failed penalty is not due again within the same drain
  const base = Math.max(1_000, opts.baseBackoffMs ?? 5_000);
  const max = opts.maxBackoffMs ?? 3_600_000;
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function claim(): Promise<CreditPenaltyDoc | null> {
    const now = new Date();
    return CreditPenaltyModel.findOneAndUpdate(
      {
        'delivery.deliveredAt': null,
        'delivery.nextAttemptAt': { $lte: now },
        $or: [{ 'delivery.leaseUntil': null }, { 'delivery.leaseUntil': { $lte: now } }],
      },
      { $set: { 'delivery.leaseUntil': new Date(now.getTime() + leaseMs), 'delivery.leaseOwner': owner }, $inc: { 'delivery.attempts': 1 } },
      { sort: { 'delivery.nextAttemptAt': 1, _id: 1 }, new: true },
    ).lean<CreditPenaltyDoc>();
  }

  /** Claims and delivers one due penalty; null when none is due. */
  async function deliverNext(): Promise<'delivered' | 'failed' | null> {
    const penalty = await claim();
    if (!penalty) return null;
    const mine = { _id: penalty._id, 'delivery.leaseOwner': owner };
    try {
      await provider.reportPenalty({
        idempotencyKey: penalty.idempotencyKey,
        subject: { id: String(penalty.subjectId), uscc: penalty.uscc },
        inspectionId: String(penalty.inspectionId),
        matterCode: penalty.matterCode,
        reason: penalty.reason,
        checklistItemIds: penalty.checklistItemIds,
        evidenceMediaIds: penalty.evidenceMediaIds,
        flaggedAt: penalty.flaggedAt,
      });
    } catch (err) {
      const lastError = String((err as Error).message ?? err).slice(0, 300);
      const nextAttemptAt = new Date(Date.now() + retryDelayMs(penalty.delivery.attempts, base, max));
      await CreditPenaltyModel.updateOne(mine, {
        $set: { 'delivery.lastError': lastError, 'delivery.nextAttemptAt': nextAttemptAt, 'delivery.leaseUntil': null, 'delivery.leaseOwner': null },
      });
      opts.logger?.warn({ penaltyId: String(penalty._id), attempts: penalty.delivery.attempts, lastError }, 'credit penalty not delivered');
      return 'failed';
    }
    await CreditPenaltyModel.updateOne(mine, {
      $set: { 'delivery.deliveredAt': new Date(), 'delivery.lastError': null, 'delivery.leaseUntil': null, 'delivery.leaseOwner': null },
    });
    opts.logger?.info({ penaltyId: String(penalty._id), attempts: penalty.delivery.attempts }, 'credit penalty delivered');
    return 'delivered';
  }

  /** Delivers every penalty due now, one attempt each (a failed one waits for its backoff), then says what happened. */
  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0 };
    for (let outcome = await deliverNext(); outcome !== null; outcome = await deliverNext()) result[outcome]++;
    return result;
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(() => {
      inFlight = drain()
        .catch((err: Error) => opts.logger?.error({ err: err.message }, 'penalty outbox round failed'))
        .finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    owner,
    drain,
    deliverNext,
    /** Starts polling; idempotent. */
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    /** Stops polling and waits for a delivery in progress to finish and be recorded. */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
export type PenaltyOutbox = ReturnType<typeof createPenaltyOutbox>;

/** One pass over the due penalties with the configured provider (tests, and an operator's manual push). */
export async function drainOutbox(opts: OutboxOptions = {}): Promise<DrainResult> {
  return createPenaltyOutbox(creditProvider(), opts).drain();
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pino from 'pino';
import { PenaltyRefused, type CreditProvider } from '../../infra/credit/credit-provider';
import {
  CreditPenaltyClaimModel, CreditPenaltyModel, type CreditPenaltyClaimDoc, type CreditPenaltyDoc,
} from './credit-penalty.model';
import { creditProvider } from './credit.service';
import { findSubject } from '../subjects/subjects.service';
import { isDuplicateKey } from '../../infra/db';

/**
 * Delivers the penalty outbox to the credit provider, exactly once per flag. A worker owns a delivery attempt by
 * inserting its claim (unique on penalty and attempt number: FerretDB's findAndModify is not atomic, a unique index
 * is), so two workers or a restarted BFF never deliver the same penalty at once. A claim is a lease: a worker that
 * dies mid-delivery leaves a claim that expires, and the next attempt number is claimed by another worker. After
 * winning a claim the worker reads the penalty again, so one delivered (or not yet due) meanwhile is left alone.
 * Failures are retried with exponential backoff and every attempt is recorded. The provider dedupes by idempotency
 * key, which covers the one case leases cannot: a worker dying after the platform accepted but before recording it.
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

export interface DrainResult { delivered: number; failed: number; refused: number }

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
  // set by stop(): a round in progress ends after the penalty it is delivering
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  const isDue = (p: CreditPenaltyDoc | null, now: Date): p is CreditPenaltyDoc =>
    !!p && p.delivery.deliveredAt === null && !p.delivery.refusedAt && p.delivery.nextAttemptAt <= now;

  /** Takes the next attempt of this penalty unless another worker holds a live claim on it. */
  async function claim(penaltyId: CreditPenaltyDoc['_id']): Promise<CreditPenaltyClaimDoc | null> {
    const now = new Date();
    const [latest] = await CreditPenaltyClaimModel.find({ penaltyId }).sort({ attempt: -1 }).limit(1).lean<CreditPenaltyClaimDoc[]>();
    if (latest && latest.finishedAt === null && latest.leaseUntil > now) return null;
    try {
      const created = await CreditPenaltyClaimModel.create({
        penaltyId, attempt: (latest?.attempt ?? 0) + 1, owner, claimedAt: now, leaseUntil: new Date(now.getTime() + leaseMs),
      });
      return created.toObject() as CreditPenaltyClaimDoc;
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  const finish = (c: CreditPenaltyClaimDoc, outcome: 'delivered' | 'failed' | 'refused' | 'not_due') =>
    CreditPenaltyClaimModel.updateOne({ _id: c._id }, { $set: { finishedAt: new Date(), outcome } });

  async function deliver(penalty: CreditPenaltyDoc, c: CreditPenaltyClaimDoc): Promise<'delivered' | 'failed' | 'refused'> {
    const attempts = penalty.delivery.attempts + 1;
    try {
      // the seed tier is the local provider's starting point for a subject without records
      const seedCreditTier = (await findSubject(String(penalty.subjectId)))?.seedCreditTier ?? null;
      await provider.reportPenalty({
        idempotencyKey: penalty.idempotencyKey,
        subject: { id: String(penalty.subjectId), uscc: penalty.uscc, seedCreditTier },
        inspectionId: penalty.inspectionId ? String(penalty.inspectionId) : null,
        ...(penalty.applicationId ? { applicationId: String(penalty.applicationId) } : {}),
        matterCode: penalty.matterCode,
        reason: penalty.reason,
        checklistItemIds: penalty.checklistItemIds,
        evidenceMediaIds: penalty.evidenceMediaIds,
        flaggedAt: penalty.flaggedAt,
      });
    } catch (err) {
      if (err instanceof PenaltyRefused) {
        // sending it again cannot help: stop, and keep the platform's words for staff
        const lastError = `信用平台拒收（HTTP ${err.status}）：${err.platformMessage}`.slice(0, 300);
        await CreditPenaltyModel.updateOne({ _id: penalty._id }, {
          $set: { 'delivery.attempts': attempts, 'delivery.refusedAt': new Date(), 'delivery.lastError': lastError },
        });
        await finish(c, 'refused');
        opts.logger?.error({ penaltyId: String(penalty._id), attempts, status: err.status }, 'credit penalty refused by the platform: staff must act');
        return 'refused';
      }
      const lastError = String((err as Error).message ?? err).slice(0, 300);
      const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts, base, max));
      await CreditPenaltyModel.updateOne({ _id: penalty._id }, {
        $set: { 'delivery.attempts': attempts, 'delivery.lastError': lastError, 'delivery.nextAttemptAt': nextAttemptAt },
      });
      await finish(c, 'failed');
      opts.logger?.warn({ penaltyId: String(penalty._id), attempts, lastError }, 'credit penalty not delivered');
      return 'failed';
    }
    // recorded on the penalty before the claim is released: a worker that claims next reads it as delivered
    await CreditPenaltyModel.updateOne({ _id: penalty._id }, {
      $set: { 'delivery.attempts': attempts, 'delivery.deliveredAt': new Date(), 'delivery.lastError': null },
    });
    await finish(c, 'delivered');
    opts.logger?.info({ penaltyId: String(penalty._id), attempts }, 'credit penalty delivered');
    return 'delivered';
  }

  /** Delivers every penalty due now, one attempt each (a failed one waits for its backoff), then says what happened. */
  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0, refused: 0 };
    const due = await CreditPenaltyModel.find(
      { 'delivery.deliveredAt': null, 'delivery.refusedAt': null, 'delivery.nextAttemptAt': { $lte: new Date() } }, { _id: 1 },
    ).sort({ 'delivery.nextAttemptAt': 1, _id: 1 }).limit(500).lean<Pick<CreditPenaltyDoc, '_id'>[]>();
    for (const { _id } of due) {
      if (stopping) break;
      const c = await claim(_id);
      if (!c) continue;
      const penalty = await CreditPenaltyModel.findById(_id).lean<CreditPenaltyDoc>();
      if (!isDue(penalty, new Date())) { await finish(c, 'not_due'); continue; }
      result[await deliver(penalty, c)]++;
    }
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
export type PenaltyOutbox = ReturnType<typeof createPenaltyOutbox>;

/** One pass over the due penalties with the configured provider (tests, and an operator's manual push). */
export async function drainOutbox(opts: OutboxOptions = {}): Promise<DrainResult> {
  return createPenaltyOutbox(creditProvider(), opts).drain();
}

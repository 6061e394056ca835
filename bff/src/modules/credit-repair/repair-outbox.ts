import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pino from 'pino';
import { creditTierLabels, type CreditTier } from '@ycta/shared';
import { PenaltyRefused, type CreditProvider } from '../../infra/credit/credit-provider';
import { isDuplicateKey } from '../../infra/db';
import { appendEvent } from '../ledger/ledger.service';
import { findSubject } from '../subjects/subjects.service';
import { retryDelayMs } from '../credit/penalty-outbox';
import { RepairCaseModel } from './repair-case.model';
import { RepairForwardClaimModel, RepairForwardModel, type RepairForwardDoc } from './repair-forward.model';

/**
 * Forwards approved repairs to the credit provider, exactly once per case (see repair-forward.model.ts), and keeps the
 * tier it answers on the case, with a notice to the applicant and an event on the case's chain. Failures wait with
 * exponential backoff; a platform refusal stops and keeps the platform's words for staff.
 */
export interface RepairOutboxOptions { leaseMs?: number; pollMs?: number; baseBackoffMs?: number; maxBackoffMs?: number; logger?: pino.Logger }

export function createRepairOutbox(provider: CreditProvider, opts: RepairOutboxOptions = {}) {
  const leaseMs = opts.leaseMs ?? 60_000;
  const base = Math.max(1_000, opts.baseBackoffMs ?? 5_000);
  const max = opts.maxBackoffMs ?? 3_600_000;
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function claim(forwardId: RepairForwardDoc['_id']): Promise<{ _id: unknown } | null> {
    const now = new Date();
    const [latest] = await RepairForwardClaimModel.find({ forwardId }).sort({ attempt: -1 }).limit(1).lean<{ attempt: number; finishedAt: Date | null; leaseUntil: Date }[]>();
    if (latest && latest.finishedAt === null && latest.leaseUntil > now) return null;
    try {
      const created = await RepairForwardClaimModel.create({ forwardId, attempt: (latest?.attempt ?? 0) + 1, owner, leaseUntil: new Date(now.getTime() + leaseMs) });
      return { _id: created._id };
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  async function deliver(f: RepairForwardDoc): Promise<'delivered' | 'failed' | 'refused'> {
    const attempts = f.delivery.attempts + 1;
    let answer: { tier: CreditTier; evaluatedAt: Date };
    try {
      const seedCreditTier = (await findSubject(String(f.subjectId)))?.seedCreditTier ?? null;
      answer = await provider.submitRepair({
        idempotencyKey: f.idempotencyKey, subject: { id: String(f.subjectId), uscc: f.uscc, seedCreditTier },
        caseId: String(f._id), recordIds: f.recordIds, decidedAt: f.decidedAt, commitmentSha256: f.commitmentSha256,
      });
    } catch (err) {
      const refused = err instanceof PenaltyRefused;
      const lastError = (refused ? `信用平台拒收（HTTP ${err.status}）：${err.platformMessage}` : String((err as Error).message ?? err)).slice(0, 300);
      await RepairForwardModel.updateOne({ _id: f._id }, {
        $set: {
          'delivery.attempts': attempts, 'delivery.lastError': lastError,
          ...(refused ? { 'delivery.refusedAt': new Date() } : { 'delivery.nextAttemptAt': new Date(Date.now() + retryDelayMs(attempts, base, max)) }),
        },
      });
      opts.logger?.warn({ caseId: String(f._id), attempts, lastError }, refused ? 'repair refused by the credit platform: staff must act' : 'repair not forwarded');
      return refused ? 'refused' : 'failed';
    }
    await RepairForwardModel.updateOne({ _id: f._id }, {
      $set: { 'delivery.attempts': attempts, 'delivery.deliveredAt': new Date(), 'delivery.lastError': null, tier: answer.tier, evaluatedAt: answer.evaluatedAt },
    });
    const text = `信用修复结果已报送信用平台，您的信用等级现为${creditTierLabels[answer.tier]}色等级`;
    await RepairCaseModel.updateOne({ _id: f._id }, { $set: { tierAfter: answer.tier }, $push: { notices: { at: new Date(), text } } });
    await appendEvent({ inspectionId: f._id, type: 'repair.forwarded', actor: 'system', payload: { idempotencyKey: f.idempotencyKey, tier: answer.tier, attempts } });
    opts.logger?.info({ caseId: String(f._id), attempts, tier: answer.tier }, 'repair forwarded');
    return 'delivered';
  }

  /** Delivers every forward due now, one attempt each, and says what happened. */
  async function drain(): Promise<{ delivered: number; failed: number; refused: number }> {
    const result = { delivered: 0, failed: 0, refused: 0 };
    const due = await RepairForwardModel.find(
      { 'delivery.deliveredAt': null, 'delivery.refusedAt': null, 'delivery.nextAttemptAt': { $lte: new Date() } }, { _id: 1 },
    ).sort({ 'delivery.nextAttemptAt': 1 }).limit(200).lean<{ _id: RepairForwardDoc['_id'] }[]>();
    for (const { _id } of due) {
      const c = await claim(_id);
      if (!c) continue;
      // read again after winning the claim: one delivered meanwhile is left alone
      const f = await RepairForwardModel.findById(_id).lean<RepairForwardDoc>();
      if (f && !f.delivery.deliveredAt && !f.delivery.refusedAt && f.delivery.nextAttemptAt <= new Date()) result[await deliver(f)]++;
      await RepairForwardClaimModel.updateOne({ _id: c._id }, { $set: { finishedAt: new Date() } });
    }
    return result;
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(() => {
      inFlight = drain().catch((err: Error) => opts.logger?.error({ err: err.message }, 'repair outbox round failed')).finally(schedule);
    }, opts.pollMs ?? 2_000);
    timer.unref();
  }

  return {
    owner,
    drain,
    start() { if (!running) { running = true; schedule(); } },
    async stop() { running = false; if (timer) clearTimeout(timer); timer = null; await inFlight; },
  };
}
export type RepairOutbox = ReturnType<typeof createRepairOutbox>;

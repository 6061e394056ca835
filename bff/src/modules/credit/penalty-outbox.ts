import type { CreditProvider } from '../../infra/credit/credit-provider';
import { createOutbox, type DrainResult, type OutboxOptions } from '../../infra/outbox';
import { CreditPenaltyClaimModel, CreditPenaltyModel, type CreditPenaltyDoc } from './credit-penalty.model';
import { creditProvider } from './credit.service';
import { findSubject } from '../subjects/subjects.service';

/** Delivers the penalty outbox (one document per flag of false material) to the credit provider, once per flag. */
export function createPenaltyOutbox(provider: CreditProvider, opts: OutboxOptions = {}) {
  return createOutbox<CreditPenaltyDoc, void>({
    what: 'credit penalty',
    items: CreditPenaltyModel as never,
    claims: CreditPenaltyClaimModel as never,
    claimKey: 'penaltyId',
    async send(penalty) {
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
    },
  }, opts);
}
export type PenaltyOutbox = ReturnType<typeof createPenaltyOutbox>;

/** One pass over the due penalties with the configured provider (tests, and an operator's manual push). */
export async function drainOutbox(opts: OutboxOptions = {}): Promise<DrainResult> {
  return createPenaltyOutbox(creditProvider(), opts).drain();
}

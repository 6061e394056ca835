import { creditTierLabels, type CreditTier } from '@ycta/shared';
import type { CreditProvider } from '../../infra/credit/credit-provider';
import { createOutbox, type OutboxOptions } from '../../infra/outbox';
import { appendEvent } from '../ledger/ledger.service';
import { findSubject } from '../subjects/subjects.service';
import { RepairCaseModel } from './repair-case.model';
import { RepairForwardClaimModel, RepairForwardModel, type RepairForwardDoc } from './repair-forward.model';

/**
 * Forwards approved repairs to the credit provider, exactly once per case (see repair-forward.model.ts), and keeps the
 * tier it answers on the forward and the case, with a notice to the applicant and an event on the case's chain.
 */
export function createRepairOutbox(provider: CreditProvider, opts: OutboxOptions = {}) {
  return createOutbox<RepairForwardDoc, { tier: CreditTier; evaluatedAt: Date }>({
    what: 'credit repair',
    items: RepairForwardModel as never,
    claims: RepairForwardClaimModel as never,
    claimKey: 'forwardId',
    async send(f) {
      const seedCreditTier = (await findSubject(String(f.subjectId)))?.seedCreditTier ?? null;
      return provider.submitRepair({
        idempotencyKey: f.idempotencyKey, subject: { id: String(f.subjectId), uscc: f.uscc, seedCreditTier },
        caseId: String(f._id), recordIds: f.recordIds, decidedAt: f.decidedAt, commitmentSha256: f.commitmentSha256,
      });
    },
    deliveredFields: (answer) => ({ tier: answer.tier, evaluatedAt: answer.evaluatedAt }),
    async afterDelivery(f, answer, attempts) {
      const text = `信用修复结果已报送信用平台，您的信用等级现为${creditTierLabels[answer.tier]}色等级`;
      await RepairCaseModel.updateOne({ _id: f._id }, { $set: { tierAfter: answer.tier }, $push: { notices: { at: new Date(), text } } });
      await appendEvent({ inspectionId: f._id, type: 'repair.forwarded', actor: 'system', payload: { idempotencyKey: f.idempotencyKey, tier: answer.tier, attempts } });
    },
  }, opts);
}
export type RepairOutbox = ReturnType<typeof createRepairOutbox>;

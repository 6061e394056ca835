import { tierAfterPenalty, type CreditTier } from '@ycta/shared';
import { CreditRecordModel, type CreditRecordDoc } from '../../modules/credit/credit-record.model';
import { creditNoRecord, type CreditLookup, type CreditProvider, type CreditSubject, type PenaltyReport } from './credit-provider';
import { isDuplicateKey } from '../db';

/** The latest local record of a USCC: the one that counts. */
export async function latestCreditRecord(uscc: string): Promise<CreditRecordDoc | null> {
  return CreditRecordModel.findOne({ uscc }).sort({ recordedAt: -1, _id: -1 }).lean<CreditRecordDoc>();
}

/**
 * Tiers from the `creditRecords` staff maintain; a subject without any record falls back to its seed tier (demo
 * data). A penalty appends a record one tier lower than the current one (black stays black; a subject with no tier
 * at all is recorded as blue, one below the ordinary orange).
 */
export function createLocalCreditProvider(): CreditProvider {
  async function current(subject: CreditSubject): Promise<CreditLookup | null> {
    const record = subject.uscc ? await latestCreditRecord(subject.uscc) : null;
    if (record) {
      return { tier: record.tier, ...(record.score === null ? {} : { score: record.score }), source: 'local', checkedAt: new Date() };
    }
    if (subject.seedCreditTier) return { tier: subject.seedCreditTier, source: 'seed', checkedAt: new Date() };
    return null;
  }

  return {
    kind: 'local',
    async lookup(subject) {
      const found = await current(subject);
      if (!found) throw creditNoRecord();
      return found;
    },
    async reportPenalty(penalty: PenaltyReport) {
      const entryKey = `penalty:${penalty.idempotencyKey}`;
      if (await CreditRecordModel.exists({ entryKey })) return;
      const before = await current(penalty.subject);
      // a person has no USCC to keep records under: the flag and its ledger event remain the record
      if (!penalty.subject.uscc) return;
      const tier: CreditTier = before ? tierAfterPenalty(before.tier) : 'blue';
      try {
        await CreditRecordModel.create({
          uscc: penalty.subject.uscc, tier, score: null, origin: 'penalty', recordedBy: 'system', recordedAt: new Date(),
          reason: `踏勘发现虚假材料（事项 ${penalty.matterCode}）：${penalty.reason}`, entryKey,
        });
      } catch (err) {
        // another delivery of the same penalty got there first: it is recorded once, which is all we want
        if (!isDuplicateKey(err)) throw err;
      }
    },
  };
}

import { tierAfterPenalty, tierAfterRepair, shanghaiDate, type CreditTier } from '@ycta/shared';
import { CreditRecordModel, type CreditRecordDoc } from '../../modules/credit/credit-record.model';
import { DishonestyRecordModel, type DishonestyRecordDoc } from '../../modules/credit-repair/dishonesty-record.model';
import { currentRepairPolicy } from '../../modules/credit-repair/repair-policy.service';
import { creditNoRecord, type CreditLookup, type CreditProvider, type CreditSubject, type PenaltyReport, type ProviderRecord, type RepairReport } from './credit-provider';
import { isDuplicateKey } from '../db';

/** The latest local record of a USCC: the one that counts. */
export async function latestCreditRecord(uscc: string): Promise<CreditRecordDoc | null> {
  return CreditRecordModel.findOne({ uscc }).sort({ recordedAt: -1, _id: -1 }).lean<CreditRecordDoc>();
}

/** Inserts once under its unique key; a second arrival of the same thing is not an error. */
async function createOnce(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

const toProviderRecord = (r: DishonestyRecordDoc): ProviderRecord => ({
  providerId: String(r._id), kind: r.kind, departmentCode: r.departmentCode, decisionNo: r.decisionNo, decidedOn: r.decidedOn,
  purpose: r.purpose, severity: r.severity, fulfilled: r.fulfilled, legallyUnrepairable: r.legallyUnrepairable, repaired: r.state === 'repaired',
});

/**
 * Tiers from the `creditRecords` staff maintain; a subject without any record falls back to its seed tier (demo
 * data). A penalty appends a record one tier lower than the current one (black stays black; a subject with no tier
 * at all is recorded as blue, one below the ordinary orange) and becomes a dishonesty record (kind false_material,
 * issued by this office) the subject can later repair. A repair appends the tier the policy's tier rule gives from
 * the records still counting (`tierAfterRepair`).
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
      // a person has no USCC to keep records under: the flag and its ledger event remain the record
      if (!penalty.subject.uscc) return;
      const uscc = penalty.subject.uscc;
      const entryKey = `penalty:${penalty.idempotencyKey}`;
      await createOnce(() => DishonestyRecordModel.create({
        uscc, kind: 'false_material', departmentCode: 'approval', decisionNo: `虚假材料-${penalty.idempotencyKey.slice(-8)}`,
        decidedOn: shanghaiDate(penalty.flaggedAt), purpose: `踏勘发现虚假材料（事项 ${penalty.matterCode}）：${penalty.reason}`,
        severity: 'general', fulfilled: true, origin: 'penalty', entryKey, recordedBy: 'system', recordedAt: new Date(),
      }));
      if (await CreditRecordModel.exists({ entryKey })) return;
      const before = await current(penalty.subject);
      const tier: CreditTier = before ? tierAfterPenalty(before.tier) : 'blue';
      // another delivery of the same penalty may get there first: it is recorded once, which is all we want
      await createOnce(() => CreditRecordModel.create({
        uscc, tier, score: null, origin: 'penalty', recordedBy: 'system', recordedAt: new Date(),
        reason: `踏勘发现虚假材料（事项 ${penalty.matterCode}）：${penalty.reason}`, entryKey,
      }));
    },
    async listRecords(subject) {
      if (!subject.uscc) return [];
      const docs = await DishonestyRecordModel.find({ uscc: subject.uscc }).sort({ decidedOn: -1, _id: -1 }).lean<DishonestyRecordDoc[]>();
      return docs.map(toProviderRecord);
    },
    async submitRepair(repair: RepairReport) {
      const entryKey = `repair:${repair.idempotencyKey}`;
      const done = await CreditRecordModel.findOne({ entryKey }).lean<CreditRecordDoc>();
      if (done) return { tier: done.tier, evaluatedAt: done.recordedAt };
      const uscc = repair.subject.uscc;
      if (!uscc) throw creditNoRecord();
      const before = await current(repair.subject);
      const policy = await currentRepairPolicy();
      // records under repair in another case still count until they are decided
      const counting = await DishonestyRecordModel.find({ uscc, state: { $ne: 'repaired' } }, { kind: 1, severity: 1 })
        .lean<Pick<DishonestyRecordDoc, 'kind' | 'severity'>[]>();
      const tier = tierAfterRepair(before?.tier ?? policy.tierRule.base, counting, policy.tierRule);
      const evaluatedAt = new Date();
      await createOnce(() => CreditRecordModel.create({
        uscc, tier, score: null, origin: 'repair', recordedBy: 'system', recordedAt: evaluatedAt, entryKey,
        reason: `信用修复（申请编号 ${repair.caseId.slice(-8)}，${repair.recordIds.length} 条记录已修复，规则 ${policy.version}）`,
      }));
      const stored = await CreditRecordModel.findOne({ entryKey }).lean<CreditRecordDoc>();
      return { tier: stored?.tier ?? tier, evaluatedAt: stored?.recordedAt ?? evaluatedAt };
    },
  };
}

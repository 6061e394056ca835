import { CreditTier, type PresiteFigures } from '@ycta/shared';
import { PresiteAdviceModel, PresiteRequestModel, type PresiteAdviceDoc } from './presite.model';

/** Office figures of 预选址: requests, share advised 符合, average working days to advise, by credit tier. */
export async function presiteFigures(): Promise<PresiteFigures> {
  const requests = await PresiteRequestModel.find({}, { creditTier: 1 }).lean<Array<{ creditTier: CreditTier | null }>>();
  const advices = await PresiteAdviceModel.find({}, { creditTier: 1, decision: 1, workingDaysTaken: 1 })
    .lean<Array<Pick<PresiteAdviceDoc, 'creditTier' | 'decision' | 'workingDaysTaken'>>>();
  const average = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const tiers = [...CreditTier.options, 'unknown'] as const;
  return {
    requests: requests.length,
    advised: advices.length,
    compliantShare: advices.length ? advices.filter((a) => a.decision === 'compliant').length / advices.length : null,
    averageWorkingDays: average(advices.map((a) => a.workingDaysTaken)),
    byTier: tiers.map((tier) => {
      const mine = advices.filter((a) => (a.creditTier ?? 'unknown') === tier);
      return {
        tier, requests: requests.filter((r) => (r.creditTier ?? 'unknown') === tier).length, advised: mine.length,
        compliant: mine.filter((a) => a.decision === 'compliant').length, averageWorkingDays: average(mine.map((a) => a.workingDaysTaken)),
      };
    }),
  };
}

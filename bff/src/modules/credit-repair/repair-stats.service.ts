import { shanghaiDate, workingDaysBetween, type RepairStats } from '@ycta/shared';
import { RepairCaseModel, type RepairCaseDoc } from './repair-case.model';

/**
 * Office figures of credit repair, from the per-case documents (one per case, each holding its items and decisions):
 * a scan of the cases, not of events, so its cost is the number of cases.
 */
export async function repairStats(): Promise<RepairStats> {
  const cases = await RepairCaseModel.find({}, { state: 1, submittedAt: 1, decidedAt: 1, deadline: 1, uscc: 1, subjectId: 1, 'items.kind': 1, 'items.decision.accept': 1 })
    .lean<Pick<RepairCaseDoc, 'state' | 'submittedAt' | 'decidedAt' | 'deadline' | 'uscc' | 'subjectId' | 'items'>[]>();
  const decided = cases.filter((c) => c.state === 'decided' && c.decidedAt);
  const repairedBusinesses = new Set<string>();
  const recordsRepairedByKind: Record<string, number> = {};
  for (const c of decided) {
    for (const i of c.items) {
      if (!i.decision?.accept) continue;
      recordsRepairedByKind[i.kind] = (recordsRepairedByKind[i.kind] ?? 0) + 1;
      repairedBusinesses.add(String(c.subjectId));
    }
  }
  // days are working days from submission to decision, the unit the five-day limit is counted in
  const days = decided.map((c) => Math.max(0, workingDaysBetween(shanghaiDate(c.submittedAt), shanghaiDate(c.decidedAt!)).days));
  const inTime = decided.filter((c) => shanghaiDate(c.decidedAt!) <= c.deadline).length;
  return {
    cases: cases.length,
    decidedCases: decided.length,
    businessesRepaired: repairedBusinesses.size,
    recordsRepairedByKind,
    averageDays: decided.length ? Math.round((days.reduce((a, b) => a + b, 0) / decided.length) * 10) / 10 : null,
    shareDecidedInTime: decided.length ? Math.round((inTime / decided.length) * 1000) / 1000 : null,
  };
}

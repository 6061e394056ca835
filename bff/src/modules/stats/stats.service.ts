import type { DurationFigure, OfficeStats } from '@ycta/shared';
import { CreditTier as CreditTiers } from '@ycta/shared';
import { Types } from 'mongoose';
import { UserModel } from '../auth/auth.model';
import { liveTotals, Totals, type Contribution } from './stats.figures';
import { InspectionHistoryModel, type InspectionHistoryRecord } from './stats.history.model';

export interface StatsRange { from?: string; to?: string }

function concludedWithin(range: StatsRange) {
  const bounds: Record<string, Date> = {};
  if (range.from) bounds.$gte = new Date(range.from);
  if (range.to) bounds.$lt = new Date(range.to);
  return Object.keys(bounds).length ? { concludedAt: bounds } : {};
}

/** The history registered before the system (seeded once; inspectors by name). */
async function seededHistory(range: StatsRange): Promise<Contribution[]> {
  const records = await InspectionHistoryModel.find(
    concludedWithin(range),
    { _id: 0, matterCode: 1, matterName: 1, mode: 1, inspector: 1, creditTier: 1, requestedAt: 1, concludedAt: 1, durationSeconds: 1 },
  ).lean<InspectionHistoryRecord[]>();
  return records.map((r) => ({
    matterCode: r.matterCode,
    matterName: r.matterName,
    mode: r.mode,
    inspectorId: r.inspector,
    creditTier: r.creditTier,
    durationSeconds: r.durationSeconds,
    requestToConclusionSeconds: r.requestedAt ? Math.round((r.concludedAt.getTime() - r.requestedAt.getTime()) / 1000) : null,
  }));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Average and median of a histogram of seconds, in the given unit (seconds per unit), to one decimal. */
export function durationFigure(histogram: Map<number, number>, unitSeconds: number): DurationFigure {
  const values = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = values.reduce((sum, [, n]) => sum + n, 0);
  if (!count) return { count: 0, average: null, median: null };
  const at = (k: number) => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (k < seen) return value;
    }
    return values.at(-1)![0];
  };
  const mid = Math.floor(count / 2);
  const median = count % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  const sum = values.reduce((total, [value, n]) => total + value * n, 0);
  return { count, average: round1(sum / count / unitSeconds), median: round1(median / unitSeconds) };
}

/** Live totals with inspectors named (two ids of one name count together, as before), the seeded history added. */
async function officeTotals(range: StatsRange): Promise<{ totals: Totals; seeded: number }> {
  const [live, history] = await Promise.all([liveTotals(range), seededHistory(range)]);
  const ids = [...live.inspectors.keys()].filter((id) => Types.ObjectId.isValid(id));
  const users = ids.length ? await UserModel.find({ _id: { $in: ids } }, { displayName: 1 }).lean<{ _id: unknown; displayName: string }[]>() : [];
  const nameOf = new Map(users.map((u) => [String(u._id), u.displayName]));
  const totals = new Totals().merge(live);
  totals.inspectors.clear();
  for (const [id, n] of live.inspectors) {
    const name = nameOf.get(id) ?? '未分配';
    const mine = totals.inspectors.get(name) ?? { remote: 0, onsite: 0 };
    totals.inspectors.set(name, { remote: mine.remote + n.remote, onsite: mine.onsite + n.onsite });
  }
  for (const c of history) totals.add(c);
  return { totals, seeded: history.length };
}

/** The office's figures over concluded inspections, live and seeded history together. */
export async function officeStats(range: StatsRange = {}, now = new Date()): Promise<OfficeStats> {
  const { totals, seeded } = await officeTotals(range);
  const byMatter = [...totals.matters].filter(([, n]) => n.remote + n.onsite > 0).map(([matterCode, n]) => ({
    matterCode, matterName: n.name, remote: n.remote, onsite: n.onsite, remoteShare: n.remote / (n.remote + n.onsite),
  })).sort((a, b) => b.remote - a.remote || b.onsite - a.onsite || a.matterCode.localeCompare(b.matterCode));
  const byInspector = [...totals.inspectors].filter(([, n]) => n.remote + n.onsite > 0).map(([inspector, n]) => ({ inspector, ...n }))
    .sort((a, b) => b.remote + b.onsite - (a.remote + a.onsite) || a.inspector.localeCompare(b.inspector));
  const remote = byMatter.reduce((sum, m) => sum + m.remote, 0);
  const onsite = byMatter.reduce((sum, m) => sum + m.onsite, 0);
  const inspections = remote + onsite;

  return {
    generatedAt: now.toISOString(),
    totals: {
      inspections,
      remote,
      onsite,
      remoteShare: inspections ? remote / inspections : null,
      matters: byMatter.length,
      mattersWithRemote: byMatter.filter((m) => m.remote > 0).length,
    },
    durationMinutes: {
      remote: durationFigure(totals.durations.remote, 60),
      onsite: durationFigure(totals.durations.onsite, 60),
    },
    requestToConclusionHours: durationFigure(totals.durations.r2c, 3600),
    byMatter,
    byInspector,
    creditTiers: CreditTiers.options.map((tier) => ({ tier, count: totals.tiers.get(tier) ?? 0 })),
    seededHistory: seeded,
  };
}

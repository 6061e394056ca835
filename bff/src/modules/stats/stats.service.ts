import type { CreditTier, DurationFigure, InspectionMode, OfficeStats } from '@ycta/shared';
import { CreditTier as CreditTiers } from '@ycta/shared';
import { ApplicationModel } from '../applications/applications.model';
import { UserModel } from '../auth/auth.model';
import { InspectionModel } from '../inspections/inspection.model';
import { InspectionHistoryModel, type InspectionHistoryRecord } from './stats.history.model';

/** One concluded inspection, as the figures see it: live or seeded history alike. */
interface Counted {
  matterCode: string;
  matterName: string;
  mode: InspectionMode;
  inspector: string;
  creditTier: CreditTier | null;
  durationSeconds: number | null;
  requestToConclusionSeconds: number | null;
}

export interface StatsRange { from?: string; to?: string }

function concludedWithin(range: StatsRange) {
  const bounds: Record<string, Date> = {};
  if (range.from) bounds.$gte = new Date(range.from);
  if (range.to) bounds.$lt = new Date(range.to);
  return Object.keys(bounds).length ? { concludedAt: bounds } : {};
}

/**
 * Live concluded inspections, read with narrow projections (FerretDB has no $lookup: applications and users are
 * fetched by id and joined here).
 */
async function liveInspections(range: StatsRange): Promise<Counted[]> {
  const all = await InspectionModel.find(
    { status: 'concluded', ...concludedWithin(range) },
    { applicationId: 1, matterCode: 1, mode: 1, inspectorIds: 1, createdAt: 1, concludedAt: 1, durationSeconds: 1 },
  ).lean<{ applicationId: unknown; matterCode: string; mode: InspectionMode; inspectorIds: unknown[]; createdAt: Date; concludedAt: Date | null; durationSeconds?: number | null }[]>();
  // calls held for other cases (a joint visit, a 预选址 look) have their own figures
  const inspections = all.filter((i) => i.applicationId);
  if (!inspections.length) return [];
  const applications = await ApplicationModel.find(
    { _id: { $in: inspections.map((i) => i.applicationId) } },
    { matterName: 1, 'creditSnapshot.tier': 1 },
  ).lean<{ _id: unknown; matterName: string; creditSnapshot?: { tier?: CreditTier } | null }[]>();
  const inspectorIds = [...new Set(inspections.flatMap((i) => i.inspectorIds.map(String)))];
  const users = await UserModel.find({ _id: { $in: inspectorIds } }, { displayName: 1 }).lean<{ _id: unknown; displayName: string }[]>();
  const applicationOf = new Map(applications.map((a) => [String(a._id), a]));
  const nameOf = new Map(users.map((u) => [String(u._id), u.displayName]));
  return inspections.map((i) => {
    const application = applicationOf.get(String(i.applicationId));
    const firstInspector = i.inspectorIds[0] === undefined ? '' : String(i.inspectorIds[0]);
    return {
      matterCode: i.matterCode,
      matterName: application?.matterName ?? i.matterCode,
      mode: i.mode,
      inspector: nameOf.get(firstInspector) ?? '未分配',
      creditTier: application?.creditSnapshot?.tier ?? null,
      durationSeconds: i.durationSeconds ?? null,
      requestToConclusionSeconds: i.mode === 'remote' && i.concludedAt
        ? Math.round((i.concludedAt.getTime() - i.createdAt.getTime()) / 1000) : null,
    };
  });
}

async function seededHistory(range: StatsRange): Promise<Counted[]> {
  const records = await InspectionHistoryModel.find(
    concludedWithin(range),
    { _id: 0, matterCode: 1, matterName: 1, mode: 1, inspector: 1, creditTier: 1, requestedAt: 1, concludedAt: 1, durationSeconds: 1 },
  ).lean<InspectionHistoryRecord[]>();
  return records.map((r) => ({
    matterCode: r.matterCode,
    matterName: r.matterName,
    mode: r.mode,
    inspector: r.inspector,
    creditTier: r.creditTier,
    durationSeconds: r.durationSeconds,
    requestToConclusionSeconds: r.requestedAt ? Math.round((r.concludedAt.getTime() - r.requestedAt.getTime()) / 1000) : null,
  }));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Average and median of the known values, in the given unit (seconds per unit), to one decimal. */
export function durationFigure(seconds: (number | null)[], unitSeconds: number): DurationFigure {
  const values = seconds.filter((s): s is number => s !== null).sort((a, b) => a - b);
  if (!values.length) return { count: 0, average: null, median: null };
  const mid = Math.floor(values.length / 2);
  const median = values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  const sum = values.reduce((a, b) => a + b, 0);
  return { count: values.length, average: round1(sum / values.length / unitSeconds), median: round1(median / unitSeconds) };
}

function tally<K>(items: Counted[], keyOf: (c: Counted) => K | null): Map<K, { remote: number; onsite: number }> {
  const counts = new Map<K, { remote: number; onsite: number }>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const entry = counts.get(key) ?? { remote: 0, onsite: 0 };
    entry[item.mode] += 1;
    counts.set(key, entry);
  }
  return counts;
}

/** The office's figures over concluded inspections, live and seeded history together. */
export async function officeStats(range: StatsRange = {}, now = new Date()): Promise<OfficeStats> {
  const [live, history] = await Promise.all([liveInspections(range), seededHistory(range)]);
  const all = [...live, ...history];
  const remote = all.filter((c) => c.mode === 'remote');
  const onsite = all.filter((c) => c.mode === 'onsite');

  const names = new Map(all.map((c) => [c.matterCode, c.matterName]));
  const byMatter = [...tally(all, (c) => c.matterCode)].map(([matterCode, n]) => ({
    matterCode, matterName: names.get(matterCode) ?? matterCode, ...n, remoteShare: n.remote / (n.remote + n.onsite),
  })).sort((a, b) => b.remote - a.remote || b.onsite - a.onsite || a.matterCode.localeCompare(b.matterCode));
  const byInspector = [...tally(all, (c) => c.inspector)].map(([inspector, n]) => ({ inspector, ...n }))
    .sort((a, b) => b.remote + b.onsite - (a.remote + a.onsite) || a.inspector.localeCompare(b.inspector));
  const tiers = tally(all, (c) => c.creditTier);

  return {
    generatedAt: now.toISOString(),
    totals: {
      inspections: all.length,
      remote: remote.length,
      onsite: onsite.length,
      remoteShare: all.length ? remote.length / all.length : null,
      matters: byMatter.length,
      mattersWithRemote: byMatter.filter((m) => m.remote > 0).length,
    },
    durationMinutes: {
      remote: durationFigure(remote.map((c) => c.durationSeconds), 60),
      onsite: durationFigure(onsite.map((c) => c.durationSeconds), 60),
    },
    requestToConclusionHours: durationFigure(remote.map((c) => c.requestToConclusionSeconds), 3600),
    byMatter,
    byInspector,
    creditTiers: CreditTiers.options.map((tier) => {
      const n = tiers.get(tier);
      return { tier, count: n ? n.remote + n.onsite : 0 };
    }),
    seededHistory: history.length,
  };
}

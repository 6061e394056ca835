import { Schema, Types, model } from 'mongoose';
import type { CreditTier, InspectionMode } from '@ycta/shared';
import { isDuplicateKey } from '../../infra/db';
import { ApplicationModel } from '../applications/applications.model';
import { InspectionModel } from '../inspections/inspection.model';
import { ensureBuilt } from '../inspections/inspections.feed';
import { listHead, readEntry, settledPlace, type Entry } from '../inspections/inspections.postings';

/**
 * The office figures over live inspections without reading every inspection: running totals over the list of
 * concluded inspections (`concluded` in `inspections.postings.ts`, in conclusion order), kept as immutable documents.
 * `upto:<j>` holds the totals of entries 0 … j·K−1 (K = `stride`); the totals of the first p entries are the
 * nearest `upto` plus fewer than K entries read by `_id`, and the figures of a time range are the difference of two
 * such prefixes (the list is in conclusion order, so a time's position is found by bisection over the entries'
 * `at`). A read costs about K + log₂(conclusions) `_id` reads, whatever the history.
 *
 * Counts and sums are not kept with `$inc` (not atomic on FerretDB): each `upto` is a pure function of the entries
 * before it, so racing readers write the same document and the unique `_id` keeps one. Durations are kept as
 * histograms (seconds → count), so averages and medians are exact. An entry counts only at its inspection's settled
 * place (a racing writer may have listed it twice). Inspector names are looked up at read time (they can change).
 */
export const stride = 16;

/** One concluded inspection as the figures count it. */
export interface Contribution {
  matterCode: string; matterName: string; mode: InspectionMode; inspectorId: string | null; creditTier: CreditTier | null;
  durationSeconds: number | null; requestToConclusionSeconds: number | null;
}

// objects, not nested arrays: FerretDB stores no arrays of arrays
type Pairs = { k: string; n: number }[];
interface Stored { matters: { code: string; name: string; remote: number; onsite: number }[]; inspectors: { who: string; remote: number; onsite: number }[]; tiers: Pairs; remote: Pairs; onsite: Pairs; r2c: Pairs }

/** Totals: per matter and per inspector (remote, onsite), per tier, and duration histograms in seconds. */
export class Totals {
  readonly matters = new Map<string, { name: string; remote: number; onsite: number }>();
  readonly inspectors = new Map<string, { remote: number; onsite: number }>();
  readonly tiers = new Map<string, number>();
  readonly durations = { remote: new Map<number, number>(), onsite: new Map<number, number>(), r2c: new Map<number, number>() };

  add(c: Contribution, sign = 1): this {
    const matter = this.matters.get(c.matterCode) ?? { name: c.matterName, remote: 0, onsite: 0 };
    matter[c.mode] += sign;
    this.matters.set(c.matterCode, matter);
    const who = c.inspectorId ?? '';
    const inspector = this.inspectors.get(who) ?? { remote: 0, onsite: 0 };
    inspector[c.mode] += sign;
    this.inspectors.set(who, inspector);
    if (c.creditTier) this.tiers.set(c.creditTier, (this.tiers.get(c.creditTier) ?? 0) + sign);
    bump(this.durations[c.mode], c.durationSeconds, sign);
    if (c.mode === 'remote') bump(this.durations.r2c, c.requestToConclusionSeconds, sign);
    return this;
  }

  merge(other: Totals, sign = 1): this {
    for (const [code, m] of other.matters) {
      const mine = this.matters.get(code) ?? { name: m.name, remote: 0, onsite: 0 };
      this.matters.set(code, { name: mine.name, remote: mine.remote + sign * m.remote, onsite: mine.onsite + sign * m.onsite });
    }
    for (const [who, n] of other.inspectors) {
      const mine = this.inspectors.get(who) ?? { remote: 0, onsite: 0 };
      this.inspectors.set(who, { remote: mine.remote + sign * n.remote, onsite: mine.onsite + sign * n.onsite });
    }
    for (const [tier, n] of other.tiers) this.tiers.set(tier, (this.tiers.get(tier) ?? 0) + sign * n);
    for (const key of ['remote', 'onsite', 'r2c'] as const) for (const [s, n] of other.durations[key]) bump(this.durations[key], s, sign * n);
    return this;
  }

  toStored(): Stored {
    const pairs = (m: Map<number | string, number>): Pairs => [...m].filter(([, n]) => n !== 0).map(([k, n]) => ({ k: String(k), n }));
    return {
      matters: [...this.matters].map(([code, m]) => ({ code, name: m.name, remote: m.remote, onsite: m.onsite })),
      inspectors: [...this.inspectors].map(([who, n]) => ({ who, remote: n.remote, onsite: n.onsite })),
      tiers: pairs(this.tiers), remote: pairs(this.durations.remote), onsite: pairs(this.durations.onsite), r2c: pairs(this.durations.r2c),
    };
  }

  static fromStored(s: Stored): Totals {
    const t = new Totals();
    for (const { code, name, remote, onsite } of s.matters) t.matters.set(code, { name, remote, onsite });
    for (const { who, remote, onsite } of s.inspectors) t.inspectors.set(who, { remote, onsite });
    for (const { k, n } of s.tiers) t.tiers.set(k, n);
    for (const key of ['remote', 'onsite', 'r2c'] as const) for (const { k, n } of s[key]) t.durations[key].set(Number(k), n);
    return t;
  }
}

function bump(histogram: Map<number, number>, seconds: number | null, by: number): void {
  if (seconds === null) return;
  const n = (histogram.get(seconds) ?? 0) + by;
  if (n === 0) histogram.delete(seconds);
  else histogram.set(seconds, n);
}

const figuresSchema = new Schema({ _id: { type: String, required: true }, j: Number, totals: Schema.Types.Mixed }, { collection: 'office_figures', versionKey: false });
const FiguresModel = model('OfficeFigures', figuresSchema);
const uptoId = (j: number) => `upto:${j}`;

const list = 'concluded';

/** What entry n adds: nothing unless it is its inspection's settled place and a concluded application's call. */
async function contributionAt(n: number): Promise<Contribution | null> {
  const entry = await readEntry(list, n);
  if (!entry?.inspectionId || await settledPlace(list, entry) !== n) return null;
  const i = await InspectionModel.findById(entry.inspectionId, { applicationId: 1, matterCode: 1, mode: 1, inspectorIds: 1, status: 1, createdAt: 1, concludedAt: 1, durationSeconds: 1 })
    .lean<{ applicationId?: Types.ObjectId | null; matterCode: string; mode: InspectionMode; inspectorIds: Types.ObjectId[]; status: string; createdAt: Date; concludedAt: Date | null; durationSeconds?: number | null }>();
  // calls held for other cases (a joint visit, a 预选址 look) have their own figures
  if (!i || i.status !== 'concluded' || !i.applicationId) return null;
  const application = await ApplicationModel.findById(i.applicationId, { matterName: 1, 'creditSnapshot.tier': 1 })
    .lean<{ matterName: string; creditSnapshot?: { tier?: CreditTier } | null }>();
  return {
    matterCode: i.matterCode, matterName: application?.matterName ?? i.matterCode, mode: i.mode,
    inspectorId: i.inspectorIds[0] === undefined ? null : String(i.inspectorIds[0]),
    creditTier: application?.creditSnapshot?.tier ?? null,
    durationSeconds: i.durationSeconds ?? null,
    requestToConclusionSeconds: i.mode === 'remote' && i.concludedAt ? Math.round((i.concludedAt.getTime() - i.createdAt.getTime()) / 1000) : null,
  };
}

/** The totals of entries [from, to), read by `_id` in parallel. */
async function totalsOf(from: number, to: number): Promise<Totals> {
  const contributions = await Promise.all(Array.from({ length: Math.max(0, to - from) }, (_v, k) => contributionAt(from + k)));
  const totals = new Totals();
  for (const c of contributions) if (c) totals.add(c);
  return totals;
}

/** The totals of the first j·K entries: stored, or made from the nearest stored one below and kept. */
async function upto(j: number): Promise<Totals> {
  if (j === 0) return new Totals();
  const stored = await FiguresModel.findById(uptoId(j)).lean<{ totals: Stored }>();
  if (stored) return Totals.fromStored(stored.totals);
  let below = j - 1;
  let base: Totals | undefined;
  for (; below > 0; below--) {
    const found = await FiguresModel.findById(uptoId(below)).lean<{ totals: Stored }>();
    if (found) { base = Totals.fromStored(found.totals); break; }
  }
  let totals = base ?? new Totals();
  for (let k = below + 1; k <= j; k++) {
    totals = totals.merge(await totalsOf((k - 1) * stride, k * stride));
    await FiguresModel.create({ _id: uptoId(k), j: k, totals: totals.toStored() }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
  }
  return totals;
}

/** The totals of the first p entries. */
async function prefix(p: number): Promise<Totals> {
  const j = Math.floor(p / stride);
  return (await upto(j)).merge(await totalsOf(j * stride, p));
}

async function concludedAtOf(n: number): Promise<number> {
  const entry = await readEntry(list, n) as Entry | null;
  if (entry?.at) return new Date(entry.at).getTime();
  const i = entry ? await InspectionModel.findById(entry.inspectionId, { concludedAt: 1 }).lean<{ concludedAt: Date | null }>() : null;
  return i?.concludedAt ? i.concludedAt.getTime() : 0;
}

/** The first position in [0, end) concluded at or after `time` (the list is in conclusion order). */
async function positionOf(time: Date, end: number): Promise<number> {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await concludedAtOf(mid) < time.getTime()) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The totals of live inspections concluded in [from, to). */
export async function liveTotals(range: { from?: string; to?: string }): Promise<Totals> {
  await ensureBuilt();
  const end = await listHead(list) + 1;
  const [start, stop] = await Promise.all([
    range.from ? positionOf(new Date(range.from), end) : 0,
    range.to ? positionOf(new Date(range.to), end) : end,
  ]);
  if (stop <= start) return new Totals();
  const [upper, lower] = await Promise.all([prefix(stop), start > 0 ? prefix(start) : new Totals()]);
  return upper.merge(lower, -1);
}

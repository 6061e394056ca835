import { z } from 'zod';
import { CreditTier, creditTierLabels } from './credit-tier';

/**
 * 综合查一次 (joint supervision): the pure rules of planning and judging one joint visit — how often a subject may be
 * visited by credit tier, the reproducible "双随机" draw of subjects and inspectors, and how the departments'
 * judgments combine. No I/O: the BFF stores the plan's seed and the table version it used, and anyone can redo the
 * draw from them.
 *
 * Legal basis of the frequency table: 《国务院关于在市场监管领域全面推行部门联合"双随机、一公开"监管的意见》
 * (国发〔2019〕5号), part 二(五): "对信用较好、风险较低的市场主体，可合理降低抽查比例和频次……；对信用风险一般的市场主体，
 * 按常规比例和频次抽查；对违法失信、风险较高的市场主体，适当提高抽查比例和频次". The day counts are local policy
 * (Haikou's "综合查一次" sets its own): parameters with these defaults, editable by admin as a new version.
 */

export const FrequencyRule = z.object({
  /** Fewest days between two routine joint visits of one subject; 0: no minimum. */
  minIntervalDays: z.number().int().min(0).max(3650),
  /** Subjects of this tier are tracked: every plan of their scene draws them first until their findings close. */
  tracked: z.boolean(),
});
export type FrequencyRule = z.infer<typeof FrequencyRule>;

export const FrequencyTable = z.object({
  version: z.string().min(1).max(40),
  basis: z.string().min(1).max(500),
  rules: z.object({ red: FrequencyRule, orange: FrequencyRule, blue: FrequencyRule, black: FrequencyRule }),
  /** A subject with open findings is visited again regardless of tier, no sooner than this many days after its last visit. */
  openFindingsMinIntervalDays: z.number().int().min(0).max(3650),
});
export type FrequencyTable = z.infer<typeof FrequencyTable>;

export const defaultFrequencyTable: FrequencyTable = {
  version: '2026-11.1',
  basis: '国发〔2019〕5号《关于在市场监管领域全面推行部门联合"双随机、一公开"监管的意见》：信用好、风险低的降低抽查比例和频次，' +
    '违法失信、风险高的提高抽查比例和频次；间隔天数为本地参数（默认值）。',
  rules: {
    red: { minIntervalDays: 365, tracked: false },
    orange: { minIntervalDays: 180, tracked: false },
    blue: { minIntervalDays: 90, tracked: false },
    black: { minIntervalDays: 30, tracked: true },
  },
  openFindingsMinIntervalDays: 0,
};

export interface FrequencyInput {
  tier: CreditTier;
  /** The subject's last joint visit of any scene (UTC), or null when never visited. */
  lastVisitedAt: Date | null;
  /** Rectifications still open from earlier visits. */
  openFindings: number;
  /** A complaint about the subject lifts the minimum interval (the table's "unless a complaint"). */
  complaint: boolean;
  now: Date;
}

export type FrequencyVerdict =
  | { eligible: true; tracked: boolean; reason: string }
  | { eligible: false; reason: string; nextEligibleAt: Date };

const dayMs = 86_400_000;

/** Whether a subject may be drawn into a plan now, and why (the reason is shown to the coordinator). */
export function frequencyVerdict(table: FrequencyTable, input: FrequencyInput): FrequencyVerdict {
  const rule = table.rules[input.tier];
  const tierText = `信用等级${creditTierLabels[input.tier]}色`;
  if (input.complaint) return { eligible: true, tracked: true, reason: `${tierText}；有投诉举报，不受检查间隔限制` };
  const tracked = rule.tracked || input.openFindings > 0;
  const interval = input.openFindings > 0 ? Math.min(rule.minIntervalDays, table.openFindingsMinIntervalDays) : rule.minIntervalDays;
  if (input.lastVisitedAt) {
    const next = new Date(input.lastVisitedAt.getTime() + interval * dayMs);
    if (next > input.now) {
      return { eligible: false, reason: `${tierText}，${interval} 天内至多检查一次，上次检查距今 ${Math.floor((input.now.getTime() - input.lastVisitedAt.getTime()) / dayMs)} 天`, nextEligibleAt: next };
    }
  }
  const why = input.openFindings > 0 ? `${tierText}；有 ${input.openFindings} 项整改未完成，跟踪检查` : rule.tracked ? `${tierText}，重点跟踪` : tierText;
  return { eligible: true, tracked, reason: why };
}

/**
 * A seeded pseudo-random stream (xmur3 string hash → sfc32): the same seed gives the same draw on every machine, so
 * an auditor can redo a plan's draw from its stored seed. Not for secrets.
 */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  let a = next(), b = next(), c = next(), d = next();
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** Fisher–Yates over a copy, driven by `random`. Input order matters for reproducibility: sort it first. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface DrawCandidate { subjectId: string; verdict: FrequencyVerdict }
export interface DrawInput {
  seed: string;
  candidates: DrawCandidate[];
  /** How many subjects to visit; tracked subjects come first and count toward it. */
  count: number;
  /** Each department's inspector pool (user ids). */
  pools: Record<string, string[]>;
}
export interface DrawnVisit { subjectId: string; tracked: boolean; inspectors: Record<string, string> }
export interface DrawResult {
  visits: DrawnVisit[];
  skipped: { subjectId: string; reason: string; nextEligibleAt: Date }[];
  /** Eligible subjects not drawn this time (the random part left them out). */
  notDrawn: string[];
}

export class DrawError extends Error {
  constructor(readonly code: 'EMPTY_POOL' | 'POOL_TOO_SMALL', readonly department: string) {
    super(code === 'EMPTY_POOL' ? `部门 ${department} 没有检查人员` : `部门 ${department} 的检查人员不足以让每次检查人员不重复`);
  }
}

/**
 * 双随机: random subjects (tracked ones first), then per visit one random inspector from each department's pool,
 * never the same person twice in one visit (a person may sit in two departments' pools). Reproducible: candidates
 * and pools are sorted before the seeded shuffles.
 */
export function drawJointPlan(input: DrawInput): DrawResult {
  const random = seededRandom(input.seed);
  const byId = (a: DrawCandidate, b: DrawCandidate) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0);
  const sorted = [...input.candidates].sort(byId);
  const skipped = sorted.flatMap((c) => (c.verdict.eligible ? [] : [{ subjectId: c.subjectId, reason: c.verdict.reason, nextEligibleAt: c.verdict.nextEligibleAt }]));
  const eligible = sorted.filter((c) => c.verdict.eligible);
  const tracked = shuffled(eligible.filter((c) => c.verdict.eligible && c.verdict.tracked), random);
  const routine = shuffled(eligible.filter((c) => c.verdict.eligible && !c.verdict.tracked), random);
  const chosen = [...tracked, ...routine].slice(0, Math.max(0, input.count));
  const departments = Object.keys(input.pools).sort();
  for (const d of departments) if ((input.pools[d] ?? []).length === 0) throw new DrawError('EMPTY_POOL', d);
  const visits = chosen.map((c) => {
    const taken = new Set<string>();
    const inspectors: Record<string, string> = {};
    for (const d of departments) {
      const pool = shuffled([...new Set(input.pools[d])].sort(), random).filter((p) => !taken.has(p));
      const pick = pool[0];
      if (!pick) throw new DrawError('POOL_TOO_SMALL', d);
      taken.add(pick);
      inspectors[d] = pick;
    }
    return { subjectId: c.subjectId, tracked: c.verdict.eligible && c.verdict.tracked, inspectors };
  });
  const drawn = new Set(chosen.map((c) => c.subjectId));
  return { visits, skipped, notDrawn: eligible.filter((c) => !drawn.has(c.subjectId)).map((c) => c.subjectId) };
}

export const JointItemResult = z.enum(['pass', 'fail', 'not_applicable']);
export type JointItemResult = z.infer<typeof JointItemResult>;
export const JointOutcome = z.enum(['pass', 'rectify', 'serious']);
export type JointOutcome = z.infer<typeof JointOutcome>;

export const jointOutcomeLabels: Record<JointOutcome, string> = { pass: '合格', rectify: '责令整改', serious: '严重问题' };

export interface JudgedItem { department: string; result: JointItemResult | null; serious: boolean }

/**
 * One visit's result from every department's items: complete only when every item is judged; any failed item means
 * rectification, a failed item the scene marks serious makes it serious (and a credit penalty).
 */
export function combineJointResult(items: JudgedItem[]): { complete: boolean; outcome: JointOutcome | null; pendingDepartments: string[] } {
  const pending = [...new Set(items.filter((i) => i.result === null).map((i) => i.department))].sort();
  if (pending.length > 0) return { complete: false, outcome: null, pendingDepartments: pending };
  const failed = items.filter((i) => i.result === 'fail');
  const outcome: JointOutcome = failed.some((i) => i.serious) ? 'serious' : failed.length > 0 ? 'rectify' : 'pass';
  return { complete: true, outcome, pendingDepartments: [] };
}

/** Visits a joint inspection spares the business: each department would otherwise have come on its own. */
export const visitsSpared = (departmentCount: number) => Math.max(0, departmentCount - 1);

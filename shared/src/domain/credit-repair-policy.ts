import { z } from 'zod';
import { CreditTier } from './credit-tier';

/**
 * Credit repair (信用修复) rules as versioned data. The defaults follow 国家发展改革委《信用修复管理办法》
 * (国家发展和改革委员会令第36号, 2025-11-20, in force 2026-04-01; it repealed the 2023 《失信行为纠正后的信用信息
 * 修复管理办法（试行）》): failings are 轻微 / 一般 / 严重; 轻微 ones are in principle not published (at most 3
 * months) and may be repaired once the legal duty is fulfilled; 一般 ones are published at least 3 months (at most
 * 1 year); 严重 ones at least 1 year (at most 3 years). A repair needs the minimum period passed, the failing
 * corrected and the duties fulfilled, and a public credit commitment. Where the measures leave a kind to its own
 * rules (经营异常名录, 严重失信主体名单) the row says so and what the default assumes. Staff edit the table as a new
 * version (`PUT /credit-repair/policy`); every case keeps the version it was decided under.
 */
export const RecordKind = z.enum(['administrative_penalty', 'abnormal_operation', 'serious_dishonesty', 'false_material']);
export type RecordKind = z.infer<typeof RecordKind>;
export const recordKindLabels: Record<RecordKind, string> = {
  administrative_penalty: '行政处罚',
  abnormal_operation: '经营异常名录',
  serious_dishonesty: '严重失信主体名单',
  false_material: '踏勘发现虚假材料',
};

export const Severity = z.enum(['minor', 'general', 'serious']);
export type Severity = z.infer<typeof Severity>;
export const severityLabels: Record<Severity, string> = { minor: '轻微', general: '一般', serious: '严重' };

export const RepairPolicyRow = z.object({
  kind: RecordKind,
  severity: Severity,
  /** Minimum publicity period in months before a repair may be asked for (0: as soon as the duty is fulfilled). */
  minMonths: z.number().int().min(0).max(120),
  /** The proof a repair of such a record needs, uploaded per record (the commitment is signed in the case). */
  proofs: z.array(z.string().min(1).max(40)).min(1).max(6),
  /** Why: the article or local rule the row follows, for people. */
  basis: z.string().min(2).max(300),
});
export type RepairPolicyRow = z.infer<typeof RepairPolicyRow>;

/**
 * The `local` provider's tier after a repair (documented rule, part of the policy version): a subject on the serious
 * dishonesty list stays black; otherwise each active record weighs `points[severity]`; from `blackAt` points the tier
 * is black, from `blueAt` blue, below that the base tier. A repair never lowers a tier.
 */
export const TierRule = z.object({
  base: CreditTier,
  points: z.object({ minor: z.number().int().min(0), general: z.number().int().min(0), serious: z.number().int().min(0) }),
  blueAt: z.number().int().min(1),
  blackAt: z.number().int().min(1),
});
export type TierRule = z.infer<typeof TierRule>;

export const RepairPolicy = z.object({
  version: z.string().min(1).max(40),
  source: z.string().min(2).max(500),
  rows: z.array(RepairPolicyRow).min(1).max(40),
  tierRule: TierRule,
  commitment: z.object({ version: z.string().min(1).max(40), text: z.string().min(20).max(2000) }),
});
export type RepairPolicy = z.infer<typeof RepairPolicy>;

const nationalMeasures = '国家发展改革委《信用修复管理办法》（令第36号，2026年4月1日起施行）';
const penaltyProofs = ['罚款缴纳凭证', '整改完成材料'];
const row = (kind: RecordKind, severity: Severity, minMonths: number, proofs: string[], basis: string): RepairPolicyRow =>
  ({ kind, severity, minMonths, proofs, basis });

export const defaultRepairPolicy: RepairPolicy = {
  version: '2026-04.1',
  source: `${nationalMeasures}；经营异常名录与严重失信主体名单另按认定部门规定（默认值见各行说明）`,
  rows: [
    row('administrative_penalty', 'minor', 0, penaltyProofs, `${nationalMeasures}：轻微失信信息原则上不予公示，法定责任履行完毕即可申请修复`),
    row('administrative_penalty', 'general', 3, penaltyProofs, `${nationalMeasures}：一般失信信息最短公示期 3 个月，最长 1 年`),
    row('administrative_penalty', 'serious', 12, [...penaltyProofs, '信用修复培训证明'], `${nationalMeasures}：严重失信信息最短公示期 1 年，最长 3 年`),
    row('abnormal_operation', 'minor', 0, ['整改完成材料'], '异常名录：纠正后（如补报年报、核实住所）即可申请移出；默认不设最短期限（按市场监管部门规定，未逐条核实）'),
    row('abnormal_operation', 'general', 0, ['整改完成材料'], '异常名录：纠正后即可申请移出；默认不设最短期限（按市场监管部门规定，未逐条核实）'),
    row('abnormal_operation', 'serious', 0, ['整改完成材料'], '异常名录：纠正后即可申请移出；默认不设最短期限（按市场监管部门规定，未逐条核实）'),
    row('serious_dishonesty', 'minor', 12, ['整改完成材料', '信用修复培训证明'], '严重失信主体名单：按严重失信信息最短公示 1 年（各名单另有规定的从其规定，未逐一核实）'),
    row('serious_dishonesty', 'general', 12, ['整改完成材料', '信用修复培训证明'], '严重失信主体名单：按严重失信信息最短公示 1 年（各名单另有规定的从其规定，未逐一核实）'),
    row('serious_dishonesty', 'serious', 12, ['整改完成材料', '信用修复培训证明'], '严重失信主体名单：按严重失信信息最短公示 1 年（各名单另有规定的从其规定，未逐一核实）'),
    row('false_material', 'minor', 0, ['更正后的真实材料'], `本办虚假材料记录按行政处罚信息处理：${nationalMeasures}轻微失信信息`),
    row('false_material', 'general', 3, ['更正后的真实材料', '整改完成材料'], `本办虚假材料记录按行政处罚信息处理：${nationalMeasures}一般失信信息最短 3 个月`),
    row('false_material', 'serious', 12, ['更正后的真实材料', '信用修复培训证明'], `本办虚假材料记录按行政处罚信息处理：${nationalMeasures}严重失信信息最短 1 年`),
  ],
  tierRule: { base: 'orange', points: { minor: 0, general: 1, serious: 3 }, blueAt: 2, blackAt: 3 },
  commitment: {
    version: 'commitment-2026-04.1',
    text: '本主体郑重承诺：已纠正所列失信行为并履行相关法定义务；所提交的修复材料真实、合法、有效；'
      + '修复后将依法诚信经营，自觉接受监督。如有虚假，愿承担相应法律责任，并同意将本承诺及履行情况记入信用记录、向社会公开。',
  },
};

/** One record as the rules see it. Dates are Asia/Shanghai calendar dates (YYYY-MM-DD). */
export interface RepairableRecord {
  kind: RecordKind;
  severity: Severity;
  decidedOn: string;
  fulfilled: boolean;
  /** A law, regulation or central policy says this one may not be repaired. */
  legallyUnrepairable: boolean;
  state: 'active' | 'under_repair' | 'repaired';
}

export type EligibilityStatus = 'now' | 'from' | 'fulfil_first' | 'never' | 'under_repair' | 'repaired';
export interface Eligibility {
  status: EligibilityStatus;
  /** The earliest date a repair may be asked for (YYYY-MM-DD), when the rules give one. */
  from: string | null;
  proofs: string[];
  /** In Chinese, for the applicant. */
  reason: string;
}

/** `date` plus whole calendar months, kept to the month's last day (03-31 + 1 month = 04-30). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function policyRow(policy: RepairPolicy, kind: RecordKind, severity: Severity): RepairPolicyRow | null {
  return policy.rows.find((r) => r.kind === kind && r.severity === severity) ?? null;
}

/** Whether, from when, or why not a record can be repaired on `today`, and what proof it needs. */
export function repairEligibility(record: RepairableRecord, policy: RepairPolicy, today: string): Eligibility {
  const rule = policyRow(policy, record.kind, record.severity);
  const proofs = rule?.proofs ?? [];
  if (record.state === 'repaired') return { status: 'repaired', from: null, proofs, reason: '已修复，不再计入信用评价' };
  if (record.state === 'under_repair') return { status: 'under_repair', from: null, proofs, reason: '修复申请审核中' };
  if (record.legallyUnrepairable || !rule) {
    return { status: 'never', from: null, proofs: [], reason: '依照法律法规规定，该记录不可修复' };
  }
  const from = addMonths(record.decidedOn, rule.minMonths);
  if (from > today) {
    return { status: 'from', from, proofs, reason: `最短公示期 ${rule.minMonths} 个月未满，${from.slice(0, 4)}年${Number(from.slice(5, 7))}月${Number(from.slice(8))}日起可申请` };
  }
  if (!record.fulfilled) return { status: 'fulfil_first', from, proofs, reason: '请先履行处罚决定的法定义务（如缴清罚款），再申请修复' };
  return { status: 'now', from, proofs, reason: '现在可以申请修复' };
}

const tierOrder: CreditTier[] = ['red', 'orange', 'blue', 'black'];
const better = (a: CreditTier, b: CreditTier) => (tierOrder.indexOf(a) <= tierOrder.indexOf(b) ? a : b);

/** The `local` provider's tier after a repair, by the policy's documented tier rule (see `TierRule`). */
export function tierAfterRepair(
  current: CreditTier, active: readonly Pick<RepairableRecord, 'kind' | 'severity'>[], rule: TierRule,
): CreditTier {
  const points = active.reduce((sum, r) => sum + rule.points[r.severity], 0);
  const computed: CreditTier = active.some((r) => r.kind === 'serious_dishonesty') || points >= rule.blackAt ? 'black'
    : points >= rule.blueAt ? 'blue' : rule.base;
  return better(current, computed);
}

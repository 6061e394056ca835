import type { CreditTier, MatterCreditPolicy, RemoteRule } from './credit-tier';
import { creditTierLabels } from './credit-tier';

/**
 * The credit gate's rules (DESIGN.md, Credit): pure functions over a tier and a matter's override. Bump the version
 * whenever a rule or a text changes: every credit snapshot records the version it was decided under.
 */
export const CREDIT_POLICY_VERSION = '2026-11.2';

/** The default table: who may be inspected remotely without a matter override. */
export const defaultRemoteRules: Readonly<Record<CreditTier, RemoteRule>> = {
  red: 'allowed',
  orange: 'allowed',
  blue: 'staff_approval',
  black: 'refused',
};

export interface CreditPrivileges {
  /** 容缺受理: accepted with non-essential material still missing. */
  acceptWithGaps: boolean;
  /** 告知承诺: a written commitment replaces some proof. */
  commitment: boolean;
  /** 优先预约: first pick of inspection slots. */
  priorityBooking: boolean;
}

/**
 * 国办发〔2020〕42号 excludes applicants with serious bad-credit records or a past false commitment from 告知承诺 until
 * repaired; the office's graded table (2026-11.2) gives 容缺受理 to orange as well, 告知承诺 to red only.
 */
const privilegeTable: Readonly<Record<CreditTier, CreditPrivileges>> = {
  red: { acceptWithGaps: true, commitment: true, priorityBooking: true },
  orange: { acceptWithGaps: true, commitment: false, priorityBooking: true },
  blue: { acceptWithGaps: false, commitment: false, priorityBooking: false },
  black: { acceptWithGaps: false, commitment: false, priorityBooking: false },
};

/** What a matter must tell the policy: its standard time limit and its optional credit override. */
export interface MatterForCredit {
  /** The matter's standard time limit in working days. */
  timeLimitWorkingDays: number;
  creditPolicy?: MatterCreditPolicy | null;
}

/** What the gate decides on a remote request: remote allowed, staff decide, or remote refused (on-site route). */
export type RemoteDecision = RemoteRule;

export function remoteDecision(tier: CreditTier, matterPolicy?: MatterCreditPolicy | null): RemoteDecision {
  return matterPolicy?.remote?.[tier] ?? defaultRemoteRules[tier];
}

/** Black-tier subjects of matters on the dishonest list are refused outright, on-site included. */
export function refusedOutright(tier: CreditTier, matterPolicy?: MatterCreditPolicy | null): boolean {
  return tier === 'black' && matterPolicy?.refuseDishonest === true;
}

/** The tier's privileges under the default table, narrowed by the matter's policy where it takes one away. */
export function privileges(tier: CreditTier, matterPolicy?: MatterCreditPolicy | null): CreditPrivileges {
  const base = privilegeTable[tier];
  const narrowed = matterPolicy?.privileges?.[tier] ?? {};
  return {
    acceptWithGaps: base.acceptWithGaps && narrowed.acceptWithGaps !== false,
    commitment: base.commitment && narrowed.commitment !== false,
    priorityBooking: base.priorityBooking,
  };
}

/** Why the applicant has (or lacks) 容缺受理 and 告知承诺, in plain Chinese, for the materials page. */
export function privilegeText(tier: CreditTier, granted: CreditPrivileges): string {
  const label = `${creditTierLabels[tier]}色等级`;
  const base = privilegeTable[tier];
  const narrowedBy = (key: 'acceptWithGaps' | 'commitment') => base[key] && !granted[key] ? '（本事项不适用）' : '';
  if (granted.acceptWithGaps && granted.commitment) {
    return `您的信用等级为${label}，可享受容缺受理（次要材料可先受理、限期后补）和告知承诺（部分证明可以书面承诺代替）。`;
  }
  if (granted.acceptWithGaps) {
    return `您的信用等级为${label}，可享受容缺受理（次要材料可先受理、限期后补）；告知承诺仅适用于红色等级${narrowedBy('commitment')}。`;
  }
  if (tier === 'black') {
    return `您的信用等级为${label}（失信主体），依照规定在信用修复前不适用容缺受理和告知承诺，请提交全部材料。`;
  }
  return `您的信用等级为${label}，${narrowedBy('acceptWithGaps') ? '本事项不适用容缺受理和告知承诺' : '不适用容缺受理和告知承诺（红色、橙色等级可享受）'}，请提交全部材料。`;
}

/** Red tier: the matter's own red-tier limit, else 30 % shorter rounded down, never under one working day. */
export function timeLimitWorkingDays(tier: CreditTier, matter: MatterForCredit): number {
  const standard = matter.timeLimitWorkingDays;
  if (tier !== 'red') return standard;
  const own = matter.creditPolicy?.redTierTimeLimitWorkingDays;
  return Math.max(1, own ?? Math.floor(standard * 0.7));
}

/** One tier lower after a penalty (false material found); black stays black. */
export function tierAfterPenalty(tier: CreditTier): CreditTier {
  const order: CreditTier[] = ['red', 'orange', 'blue', 'black'];
  return order[Math.min(order.indexOf(tier) + 1, order.length - 1)] as CreditTier;
}

export type RemoteRequestOutcome = 'remote_approved' | 'awaiting_credit_approval' | 'onsite_required' | 'refused';

/** How credit is repaired: shown with every refusal so the applicant knows the way back. */
export const creditRepairText =
  '信用修复：纠正失信行为、履行相关义务（如缴清罚款、整改到位）后，可在“我的信用”中一次提交多条失信记录的' +
  '修复申请，由各认定部门 5 个工作日内办结，审核通过后信用等级将按规定恢复；修复后可重新申请远程踏勘。';

const onsiteRouteText = '您可以继续办理现场踏勘：工作人员将与您联系预约现场踏勘时间。';

/** The Chinese explanation shown to the applicant for the gate's outcome. */
export function remoteOutcomeText(outcome: RemoteRequestOutcome, tier: CreditTier, reason?: string): string {
  const label = `${creditTierLabels[tier]}色等级`;
  switch (outcome) {
    case 'remote_approved':
      return `您的信用等级为${label}，可以申请远程踏勘。`;
    case 'awaiting_credit_approval':
      return `您的信用等级为${label}，远程踏勘需经窗口工作人员审核同意，请耐心等待审核结果。`;
    case 'onsite_required':
      return `${reason ?? `您的信用等级为${label}，不能使用远程踏勘。`}${onsiteRouteText}${tier === 'black' ? creditRepairText : ''}`;
    case 'refused':
      return `您的信用等级为${label}，已被列入失信名单，本事项对失信主体不予受理（现场踏勘亦不可办理）。${creditRepairText}`;
  }
}

/** Why a black-tier remote request goes on-site: the reason stored with the transition. */
export function blackTierReason(): string {
  return '您的信用等级为黑色等级（失信主体），依照信用分级分类监管规定不能使用远程踏勘。';
}

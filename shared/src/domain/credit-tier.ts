import { z } from 'zod';

/** Credit tiers, best first. Black means listed as dishonest (失信). */
export const CreditTier = z.enum(['red', 'orange', 'blue', 'black']);
export type CreditTier = z.infer<typeof CreditTier>;

export const creditTierLabels: Record<CreditTier, string> = { red: '红', orange: '橙', blue: '蓝', black: '黑' };

export const RemoteRule = z.enum(['allowed', 'staff_approval', 'refused']);
export type RemoteRule = z.infer<typeof RemoteRule>;

/** A matter's override of the default credit policy (DESIGN.md, Credit). Absent keys use the default table. */
export const MatterCreditPolicy = z.object({
  remote: z.partialRecord(CreditTier, RemoteRule).optional(),
  /** The matter's own time limit for red-tier subjects (e.g. 5 → 2 working days); else 30 % shorter. */
  redTierTimeLimitWorkingDays: z.number().int().min(1).optional(),
  /** Matters on the dishonest list refuse black-tier subjects outright, on-site included. */
  refuseDishonest: z.boolean().optional(),
  /**
   * A matter may narrow (never widen) the default 容缺受理 / 告知承诺 privileges of a tier: `false` takes one away,
   * `true` only keeps what the default table gives.
   */
  privileges: z.partialRecord(CreditTier, z.object({
    acceptWithGaps: z.boolean().optional(),
    commitment: z.boolean().optional(),
  })).optional(),
});
export type MatterCreditPolicy = z.infer<typeof MatterCreditPolicy>;

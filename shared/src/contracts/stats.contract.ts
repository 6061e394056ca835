import { z } from 'zod';
import { defineContract } from '../contract';
import { IsoDateTime } from './common';
import { CreditTier } from '../domain/credit-tier';
import { InspectionMode } from '../domain/inspection-state';

export const StatsQuery = z.object({
  /** Only inspections concluded at or after this time (UTC). */
  from: IsoDateTime.optional(),
  /** Only inspections concluded before this time (UTC). */
  to: IsoDateTime.optional(),
});

/** Minutes or hours over a set of concluded inspections; null when the set is empty. */
export const DurationFigure = z.object({
  count: z.number().int(),
  average: z.number().nullable(),
  median: z.number().nullable(),
});
export type DurationFigure = z.infer<typeof DurationFigure>;

export const MatterFigure = z.object({
  matterCode: z.string(),
  matterName: z.string(),
  remote: z.number().int(),
  onsite: z.number().int(),
  /** remote / (remote + onsite), 0..1. */
  remoteShare: z.number(),
});

export const InspectorFigure = z.object({ inspector: z.string(), remote: z.number().int(), onsite: z.number().int() });

export const OfficeStats = z.object({
  generatedAt: IsoDateTime,
  totals: z.object({
    inspections: z.number().int(),
    remote: z.number().int(),
    onsite: z.number().int(),
    /** remote / inspections, 0..1; null when there are none. */
    remoteShare: z.number().nullable(),
    /** Matters with at least one concluded inspection. */
    matters: z.number().int(),
    /** Matters with at least one remote inspection. */
    mattersWithRemote: z.number().int(),
  }),
  /** First join → conclusion, minutes, per mode. */
  durationMinutes: z.record(InspectionMode, DurationFigure),
  /** Remote request (inspection created by the credit gate) → conclusion, hours; remote inspections only. */
  requestToConclusionHours: DurationFigure,
  byMatter: z.array(MatterFigure),
  byInspector: z.array(InspectorFigure),
  creditTiers: z.array(z.object({ tier: CreditTier, count: z.number().int() })),
  /** How many of the counted inspections are seeded history (imported past records), not live inspections. */
  seededHistory: z.number().int(),
});
export type OfficeStats = z.infer<typeof OfficeStats>;

export const statsContract = defineContract({
  officeStats: {
    method: 'GET', path: '/stats', summary: '办件统计：远程/现场踏勘数量、时长、按事项与踏勘人员、信用等级分布', auth: ['staff', 'admin'],
    query: StatsQuery, responses: { 200: OfficeStats },
  },
});

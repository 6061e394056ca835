import type { CreditTier } from '@ycta/shared/domain/credit-tier';

/** Kept here (not imported from shared's runtime) so zod stays out of the weapp package. */
export const creditTierNames: Record<CreditTier, string> = { red: '红色等级', orange: '橙色等级', blue: '蓝色等级', black: '黑色等级' };

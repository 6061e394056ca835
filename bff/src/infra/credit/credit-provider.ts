import type { CreditSource, CreditTier } from '@ycta/shared';
import { AppError } from '../../lib/app-error';

/** The subject whose credit is asked for. `seedCreditTier` is the demo/seed fallback only the local provider uses. */
export interface CreditSubject {
  id: string;
  /** 统一社会信用代码; null for a person, whom only the seed tier covers. */
  uscc: string | null;
  seedCreditTier?: CreditTier | null;
}

export interface CreditLookup {
  tier: CreditTier;
  score?: number;
  source: CreditSource;
  checkedAt: Date;
}

/** A credit penalty (false material found in an inspection, or a false commitment), delivered once per flag under its idempotency key. */
export interface PenaltyReport {
  idempotencyKey: string;
  subject: CreditSubject;
  /** Null for a false commitment found without an inspection (then `applicationId` names the case). */
  inspectionId: string | null;
  applicationId?: string;
  matterCode: string;
  reason: string;
  checklistItemIds: string[];
  evidenceMediaIds: string[];
  flaggedAt: Date;
}

/** Where tiers come from: the provincial platform (`http`) or the staff-maintained records (`local`). */
export interface CreditProvider {
  readonly kind: 'http' | 'local';
  /** The subject's current tier; throws `CREDIT.UNAVAILABLE` rather than ever guessing one. */
  lookup(subject: CreditSubject): Promise<CreditLookup>;
  /** Delivers a penalty; safe to repeat with the same idempotency key. Throws when not delivered. */
  reportPenalty(penalty: PenaltyReport): Promise<void>;
}

/**
 * The platform answered that it will not take this penalty as sent (a bad request, an unknown subject): sending it
 * again cannot help, so the outbox stops and keeps the platform's words for staff to act on.
 */
export class PenaltyRefused extends Error {
  constructor(readonly status: number, readonly platformMessage: string) {
    super(`refused by the credit platform (status ${status}): ${platformMessage}`);
    this.name = 'PenaltyRefused';
  }
}

export function creditUnavailable(cause?: unknown): AppError {
  return new AppError('CREDIT.UNAVAILABLE', { cause });
}

export function creditNoRecord(): AppError {
  return new AppError('CREDIT.NO_RECORD');
}

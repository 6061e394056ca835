import type { CreditSource, CreditTier, RecordKind, Severity } from '@ycta/shared';
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

/** A dishonesty record as the provider knows it (the BFF keeps its own copy with the repair state). */
export interface ProviderRecord {
  /** The provider's id: the platform's record id (`http`) or our own record id (`local`). */
  providerId: string;
  kind: RecordKind;
  departmentCode: string;
  decisionNo: string;
  /** YYYY-MM-DD (Asia/Shanghai). */
  decidedOn: string;
  purpose: string;
  severity: Severity;
  fulfilled: boolean;
  legallyUnrepairable: boolean;
  /** The provider already counts it as repaired. */
  repaired: boolean;
}

/** An approved repair (the records accepted in one case), forwarded once under its idempotency key. */
export interface RepairReport {
  idempotencyKey: string;
  subject: CreditSubject;
  caseId: string;
  /** Provider ids of the records accepted. */
  recordIds: string[];
  decidedAt: Date;
  commitmentSha256: string;
}

/** Where tiers come from: the provincial platform (`http`) or the staff-maintained records (`local`). */
export interface CreditProvider {
  readonly kind: 'http' | 'local';
  /** The subject's current tier; throws `CREDIT.UNAVAILABLE` rather than ever guessing one. */
  lookup(subject: CreditSubject): Promise<CreditLookup>;
  /** Delivers a penalty; safe to repeat with the same idempotency key. Throws when not delivered. */
  reportPenalty(penalty: PenaltyReport): Promise<void>;
  /** The subject's dishonesty records (throws `CREDIT.UNAVAILABLE` when the source is down). */
  listRecords(subject: CreditSubject): Promise<ProviderRecord[]>;
  /**
   * Applies an approved repair and answers the tier the provider recomputed; safe to repeat with the same key.
   * Throws `PenaltyRefused` when the platform refuses it for good, anything else when it may pass later.
   */
  submitRepair(repair: RepairReport): Promise<{ tier: CreditTier; evaluatedAt: Date }>;
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

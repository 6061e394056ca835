import type { Types } from 'mongoose';
import type { AcceptanceStatus, CreditTier } from '@ycta/shared';

/**
 * What the acceptance module keeps on an application document (`materials`, `acceptance`, and the append-only
 * `materialLog`). Every change goes through the application's change journal (`commitChange`), so racing writers
 * get exactly one version each; every fact is also an event on the application's own record chain.
 */
export interface StoredMaterialFile {
  fileId: Types.ObjectId;
  sha256: string;
  size: number;
  type: string;
  uploadedAt: Date;
  supplement: boolean;
}

export interface StoredCommitmentCheck {
  dueOn: string;
  status: 'open' | 'kept' | 'false';
  method: 'inspection' | 'document' | null;
  note: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  penaltyId: string | null;
}

export interface StoredMaterial {
  materialId: string;
  name: string;
  state: 'missing' | 'file' | 'gap' | 'commitment';
  files: StoredMaterialFile[];
  gap: { declaredAt: Date; dueOn: string | null; closedAt: Date | null } | null;
  commitment: {
    signerName: string;
    textVersion: string;
    text: string;
    consequences: string;
    signedAt: Date;
    check: StoredCommitmentCheck | null;
  } | null;
  returnReason: string | null;
}

export interface StoredPrivileges {
  tier: CreditTier;
  source: string;
  checkedAt: Date;
  policyVersion: string;
  acceptWithGaps: boolean;
  commitment: boolean;
  explanation: string;
}

export interface StoredAcceptance {
  status: AcceptanceStatus;
  materialsVersion: string;
  privileges: StoredPrivileges | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  acceptedOn: string | null;
  supplementDueOn: string | null;
  clockStoppedOn: string | null;
  /** Working days the clock stood still before it ran again (added to the time limit). */
  pausedWorkingDays?: number;
  reason: string | null;
}

/** One line of `materialLog`: what changed, by whom (the journal holds the full before/after). */
export interface MaterialLogEntry {
  kind: string;
  materialId: string | null;
  by: string;
  at: Date;
}

/** The acceptance of a new application: materials being prepared under the matter's current list. */
export function freshAcceptance(materialsVersion: string): StoredAcceptance {
  return {
    status: 'preparing', materialsVersion, privileges: null, submittedAt: null, decidedAt: null, decidedBy: null,
    acceptedOn: null, supplementDueOn: null, clockStoppedOn: null, pausedWorkingDays: 0, reason: null,
  };
}

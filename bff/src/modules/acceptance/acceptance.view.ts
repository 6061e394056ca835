import type { AcceptanceQueueItem, ApplicationMaterial, MaterialsView } from '@ycta/shared';
import type { MaterialsCase } from './acceptance.case';
import type { StoredAcceptance, StoredMaterial } from './acceptance.model';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

function toMaterial(m: StoredMaterial): ApplicationMaterial {
  return {
    materialId: m.materialId,
    name: m.name,
    state: m.state,
    files: m.files.map((f) => ({ fileId: String(f.fileId), sha256: f.sha256, size: f.size, type: f.type, uploadedAt: iso(f.uploadedAt)!, supplement: f.supplement })),
    gap: m.gap ? { declaredAt: iso(m.gap.declaredAt)!, dueOn: m.gap.dueOn, closedAt: iso(m.gap.closedAt) } : null,
    commitment: m.commitment
      ? {
        signerName: m.commitment.signerName, textVersion: m.commitment.textVersion, text: m.commitment.text,
        consequences: m.commitment.consequences, signedAt: iso(m.commitment.signedAt)!,
        check: m.commitment.check ? { ...m.commitment.check, decidedAt: iso(m.commitment.check.decidedAt) } : null,
      }
      : null,
    returnReason: m.returnReason,
  };
}

function toAcceptance(a: StoredAcceptance): MaterialsView['acceptance'] {
  return {
    status: a.status,
    materialsVersion: a.materialsVersion,
    privileges: a.privileges ? { ...a.privileges, checkedAt: iso(a.privileges.checkedAt)! } : null,
    submittedAt: iso(a.submittedAt),
    decidedAt: iso(a.decidedAt),
    decidedBy: a.decidedBy,
    acceptedOn: a.acceptedOn,
    supplementDueOn: a.supplementDueOn,
    clockStoppedOn: a.clockStoppedOn,
    pausedWorkingDays: a.pausedWorkingDays ?? 0,
    reason: a.reason,
  };
}

export function toMaterialsView(c: MaterialsCase): MaterialsView {
  return {
    applicationId: String(c.app._id),
    applicationStatus: c.app.status,
    matterName: c.app.matterName,
    subjectName: c.app.subjectName,
    siteAddress: c.app.siteAddress,
    acceptance: toAcceptance(c.acceptance),
    requirements: c.requirements,
    materials: c.materials.map(toMaterial),
  };
}

export function toQueueItem(c: MaterialsCase): AcceptanceQueueItem {
  return {
    applicationId: String(c.app._id),
    subjectName: c.app.subjectName,
    matterName: c.app.matterName,
    siteAddress: c.app.siteAddress,
    acceptance: toAcceptance(c.acceptance),
    openGaps: c.materials.filter((m) => m.gap && !m.gap.closedAt).length,
    openChecks: c.materials.filter((m) => m.commitment?.check?.status === 'open').length,
  };
}

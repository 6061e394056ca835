import {
  isFinal, privilegeText, privileges, type MaterialRequirement, type Matter, type MatterMaterials, type RecordEventType,
} from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { commitChange } from '../applications/application-changes';
import { ApplicationModel, type ApplicationRecord } from '../applications/applications.model';
import { getApplicationForUser } from '../applications/applications.service';
import { checkCredit } from '../credit/credit.service';
import { appendEvent, type RecordActorInput } from '../ledger/ledger.service';
import { getMatter, getMatterMaterials } from '../matters/matters.service';
import { freshAcceptance, type MaterialLogEntry, type StoredAcceptance, type StoredMaterial, type StoredPrivileges } from './acceptance.model';

/**
 * One application's materials case: what the matter requires (the version it was filed under), what was handed in,
 * and the acceptance state. Read, change in memory, then `saveCase` commits the whole change through the
 * application's journal (exactly one of racing writers wins) and appends the fact to the application's record chain.
 */
export interface MaterialsCase {
  app: ApplicationRecord;
  matter: Matter;
  requirements: MatterMaterials;
  materials: StoredMaterial[];
  acceptance: StoredAcceptance;
}

function emptyMaterial(m: MaterialRequirement): StoredMaterial {
  return { materialId: m.id, name: m.name, state: 'missing', files: [], gap: null, commitment: null, returnReason: null };
}

/** The case of an application already read; applications filed before materials existed start on the current list. */
export async function caseOf(app: ApplicationRecord): Promise<MaterialsCase> {
  const matter = await getMatter(app.matterCode);
  const acceptance = app.acceptance ?? freshAcceptance(matter.materials.version);
  const requirements = acceptance.materialsVersion === matter.materials.version
    ? matter.materials
    : await getMatterMaterials(app.matterCode, acceptance.materialsVersion);
  const stored = app.materials ?? [];
  const materials = requirements.items.map((r) => stored.find((s) => s.materialId === r.id) ?? emptyMaterial(r));
  return { app, matter, requirements, materials: structuredClone(materials), acceptance: structuredClone(acceptance) };
}

export async function loadCase(user: AuthUser, applicationId: string): Promise<MaterialsCase> {
  return caseOf(await getApplicationForUser(user, applicationId));
}

export function requirementOf(c: MaterialsCase, materialId: string): { requirement: MaterialRequirement; material: StoredMaterial } {
  const requirement = c.requirements.items.find((r) => r.id === materialId);
  const material = c.materials.find((m) => m.materialId === materialId);
  if (!requirement || !material) {
    throw new AppError('MATERIAL.NOT_FOUND', { message: `本事项（${c.matter.name}）没有这项材料`, details: { materialId } });
  }
  return { requirement, material };
}

/** 容缺 / 告知承诺 for this application: decided once from the tier read now under the matter's policy, and kept. */
export async function ensurePrivileges(c: MaterialsCase): Promise<StoredPrivileges> {
  if (c.acceptance.privileges) return c.acceptance.privileges;
  const snapshot = await checkCredit(String(c.app.subjectId));
  const granted = privileges(snapshot.tier, c.matter.creditPolicy);
  c.acceptance.privileges = {
    tier: snapshot.tier,
    source: snapshot.source,
    checkedAt: new Date(snapshot.checkedAt),
    policyVersion: snapshot.policyVersion,
    acceptWithGaps: granted.acceptWithGaps,
    commitment: granted.commitment,
    explanation: privilegeText(snapshot.tier, granted),
  };
  return c.acceptance.privileges;
}

/** While the applicant may still change what they hand in. */
export function requireEditable(c: MaterialsCase, name?: string): void {
  if (isFinal(c.app.status) || c.acceptance.status === 'refused') {
    throw new AppError('MATERIAL.SUPPLEMENT_AFTER_DECISION', { message: `申请已办结，不能再提交${name ? `“${name}”` : '材料'}` });
  }
  if (c.acceptance.status !== 'preparing' && c.acceptance.status !== 'returned') {
    throw new AppError('MATERIAL.NOT_EDITABLE', { message: `材料已提交受理，${name ? `“${name}”` : '材料'}当前不能修改` });
  }
}

export interface CaseChange {
  event: RecordEventType;
  actor: AuthUser | 'system';
  materialId?: string;
  payload: Record<string, unknown>;
  /** Extra application fields set with the change (e.g. the shortened time limit at acceptance). */
  set?: Record<string, unknown>;
}

const actorOf = (a: AuthUser | 'system'): RecordActorInput => (a === 'system' ? 'system' : { id: a.id, role: a.role });

/** Commits the case's materials and acceptance as the application's next version, then records the fact. */
export async function saveCase(c: MaterialsCase, change: CaseChange): Promise<ApplicationRecord> {
  const entry: MaterialLogEntry = {
    kind: change.event, materialId: change.materialId ?? null, by: change.actor === 'system' ? 'system' : change.actor.id, at: new Date(),
  };
  const won = await commitChange(c.app._id, c.app.version ?? 0, {
    kind: 'materials',
    set: { ...change.set, materials: c.materials, acceptance: c.acceptance },
    push: { materialLog: entry },
  });
  if (!won) throw new AppError('ACCEPTANCE.INVALID_STATE', { message: '材料或受理状态已发生变化，请刷新后重试' });
  await appendEvent({
    inspectionId: c.app._id, type: change.event, actor: actorOf(change.actor),
    payload: { applicationId: String(c.app._id), ...(change.materialId ? { materialId: change.materialId } : {}), ...change.payload },
  });
  return (await ApplicationModel.findById(c.app._id).lean<ApplicationRecord>())!;
}

/** The earliest deadline among the gaps still open, or null. */
export function earliestOpenGap(materials: StoredMaterial[]): string | null {
  const open = materials.filter((m) => m.gap && !m.gap.closedAt && m.gap.dueOn).map((m) => m.gap!.dueOn!).sort();
  return open[0] ?? null;
}

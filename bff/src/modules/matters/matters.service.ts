import { Matter, MatterMaterials } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { matterCatalogue } from './matters.catalogue';
import { MatterModel } from './matters.model';

const projection = { _id: 0, code: 1, name: 1, description: 1, checklist: 1, timeLimitWorkingDays: 1, creditPolicy: 1, policyVersion: 1, materials: 1 };

export async function listMatters(): Promise<Matter[]> {
  const docs = await MatterModel.find({}, projection).sort({ code: 1 }).lean();
  return docs.map((d) => Matter.parse(d));
}

/** The matter with this code; 404 `MATTER.NOT_FOUND` when the catalogue has none. */
export async function getMatter(code: string): Promise<Matter> {
  const doc = await MatterModel.findOne({ code }, projection).lean();
  if (!doc) throw new AppError('MATTER.NOT_FOUND');
  return Matter.parse(doc);
}

/** A matter's material list at `version` (the current one or an earlier one an application was filed under). */
export async function getMatterMaterials(code: string, version: string): Promise<MatterMaterials> {
  const doc = await MatterModel.findOne({ code }, { materials: 1, materialVersions: 1 }).lean<{ materials: unknown; materialVersions?: unknown[] }>();
  if (!doc) throw new AppError('MATTER.NOT_FOUND');
  const found = [doc.materials, ...(doc.materialVersions ?? [])].find((m) => (m as { version?: string } | null)?.version === version);
  if (!found) throw new AppError('MATTER.NOT_FOUND', { message: `事项材料清单版本 ${version} 不存在` });
  return MatterMaterials.parse(found);
}

/**
 * Staff or admin publish a new material list: it becomes current for new applications; the one it replaces is kept in
 * `materialVersions`, so every application still reads the version it was filed under. A version number is never reused.
 */
export async function putMatterMaterials(code: string, materials: MatterMaterials): Promise<Matter> {
  const doc = await MatterModel.findOne({ code }, { materials: 1, materialVersions: 1 }).lean<{ materials: { version: string } | null; materialVersions?: Array<{ version: string }> }>();
  if (!doc) throw new AppError('MATTER.NOT_FOUND');
  const used = [doc.materials, ...(doc.materialVersions ?? [])].some((m) => m?.version === materials.version);
  if (used) throw new AppError('MATTER.MATERIALS_VERSION_EXISTS');
  await MatterModel.updateOne({ code }, { $set: { materials }, ...(doc.materials ? { $push: { materialVersions: doc.materials } } : {}) });
  return getMatter(code);
}

const catalogueNames = new Map(matterCatalogue.map((m) => [m.code, m.name]));

/** The name people read for a matter code (lists show many at once: no database read per row). */
export function matterNameOf(code: string): string {
  return catalogueNames.get(code) ?? '其他审批事项';
}

/** Seeds the catalogue; a matter already there is left as it is, except that one without materials gets the seeded list. */
export async function seedMatters(matters: readonly Matter[]): Promise<number> {
  let created = 0;
  for (const m of matters) {
    const res = await MatterModel.updateOne({ code: m.code }, { $setOnInsert: m }, { upsert: true });
    created += res.upsertedCount;
    if (res.upsertedCount === 0) {
      await MatterModel.updateOne({ code: m.code, materials: null }, { $set: { materials: m.materials } });
    }
  }
  return created;
}

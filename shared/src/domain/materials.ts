import { z } from 'zod';
import type { CreditPrivileges } from './credit-policy';

/**
 * What a matter asks an applicant to hand in (申请材料), as versioned data with its legal basis: which files count,
 * whether the material may be supplemented later (容缺受理 / 后补) or replaced by a signed commitment (告知承诺).
 * Pure rules only; the BFF stores the choices and the files.
 */

/** File kinds a material accepts; the type is read from the bytes, never from the name. */
export const MaterialFileKind = z.enum(['image', 'pdf']);
export type MaterialFileKind = z.infer<typeof MaterialFileKind>;

export const materialFileTypes: Record<MaterialFileKind, readonly string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
  pdf: ['application/pdf'],
};

export const materialKindLabels: Record<MaterialFileKind, string> = { image: '照片', pdf: 'PDF' };

/** The text the applicant signs instead of a proof, and what a false one costs. Versioned: the record keeps which. */
export const CommitmentText = z.object({
  version: z.string().min(1),
  text: z.string().min(10),
  consequences: z.string().min(10),
});
export type CommitmentText = z.infer<typeof CommitmentText>;

export const MaterialRequirement = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
  name: z.string().min(2),
  /** What counts as this material, in plain words. */
  whatCounts: z.string().min(2),
  acceptedKinds: z.array(MaterialFileKind).min(1),
  /** Never gap-able: without it the application is not accepted. */
  essential: z.boolean(),
  /** May be handed in later (后补) within `supplementWorkingDays` of acceptance, by tiers with 容缺受理. */
  gapAllowed: z.boolean(),
  supplementWorkingDays: z.number().int().min(1).max(60).optional(),
  /** May be replaced by this signed commitment, by tiers with 告知承诺; null when not. */
  commitment: CommitmentText.nullable(),
}).refine((m) => !(m.essential && m.gapAllowed), { message: '要件材料不能容缺后补', path: ['gapAllowed'] })
  .refine((m) => !m.gapAllowed || m.supplementWorkingDays !== undefined, { message: '容缺材料须规定后补期限', path: ['supplementWorkingDays'] });
export type MaterialRequirement = z.infer<typeof MaterialRequirement>;

/** A matter's material list, versioned like the credit policy; every application keeps the version it was filed under. */
export const MatterMaterials = z.object({
  version: z.string().min(1),
  /** The texts the list follows (national and local), as citations people can look up. */
  basis: z.array(z.string().min(4)).min(1),
  /** A commitment is verified (核查) within this many working days of acceptance. */
  commitmentCheckWorkingDays: z.number().int().min(1).max(120),
  items: z.array(MaterialRequirement),
}).refine((m) => new Set(m.items.map((i) => i.id)).size === m.items.length, { message: '材料编号不能重复', path: ['items'] });
export type MatterMaterials = z.infer<typeof MatterMaterials>;

export type MaterialChoice = 'file' | 'gap' | 'commitment';

export type MaterialChoiceRefusal = 'MATERIAL.GAP_NOT_ALLOWED' | 'MATERIAL.COMMITMENT_NOT_ALLOWED';

/** Why a gap or a commitment is refused for this material under these privileges, in Chinese naming it; null when allowed. */
export function refuseChoice(
  material: MaterialRequirement, choice: MaterialChoice, granted: Pick<CreditPrivileges, 'acceptWithGaps' | 'commitment'>,
): { code: MaterialChoiceRefusal; message: string } | null {
  const name = `“${material.name}”`;
  if (choice === 'gap') {
    if (material.essential) return { code: 'MATERIAL.GAP_NOT_ALLOWED', message: `${name}是要件材料，不能容缺后补，请上传` };
    if (!material.gapAllowed) return { code: 'MATERIAL.GAP_NOT_ALLOWED', message: `本事项的${name}不适用容缺受理，请上传` };
    if (!granted.acceptWithGaps) return { code: 'MATERIAL.GAP_NOT_ALLOWED', message: `您的信用等级不适用容缺受理，${name}须上传` };
  }
  if (choice === 'commitment') {
    if (!material.commitment) return { code: 'MATERIAL.COMMITMENT_NOT_ALLOWED', message: `本事项的${name}不适用告知承诺，请上传` };
    if (!granted.commitment) return { code: 'MATERIAL.COMMITMENT_NOT_ALLOWED', message: `您的信用等级不适用告知承诺，${name}须上传` };
  }
  return null;
}

/** The accepted media types of a material, and the Chinese words for them. */
export function acceptedTypes(material: MaterialRequirement): { types: string[]; words: string } {
  return {
    types: material.acceptedKinds.flatMap((k) => materialFileTypes[k]),
    words: material.acceptedKinds.map((k) => materialKindLabels[k]).join('或'),
  };
}

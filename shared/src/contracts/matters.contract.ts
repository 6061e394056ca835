import { z } from 'zod';
import { defineContract } from '../contract';
import { MatterCreditPolicy } from '../domain/credit-tier';
import { MatterMaterials } from '../domain/materials';

const everyone = ['applicant', 'inspector', 'expert', 'staff', 'admin'] as const;

export const MatterCode = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, '事项编码格式不正确');

/** One point the inspector must see. `id` is stable across policy versions: results and photos refer to it. */
export const ChecklistItem = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
  title: z.string(),
  guidance: z.string(),
  requiresPhoto: z.boolean(),
  /** The material whose commitment (告知承诺) this point verifies: judging it in the inspection settles the 核查. */
  verifiesCommitment: z.string().optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Matter = z.object({
  code: MatterCode,
  name: z.string(),
  description: z.string(),
  checklist: z.array(ChecklistItem),
  /** The standard time limit; the credit module shortens it for red-tier subjects. */
  timeLimitWorkingDays: z.number().int().min(1),
  creditPolicy: MatterCreditPolicy,
  policyVersion: z.string(),
  /** 申请材料: what to hand in, which may be 后补 or replaced by a commitment, under which version and basis. */
  materials: MatterMaterials,
});
export type Matter = z.infer<typeof Matter>;

export const MatterCodeParams = z.object({ code: MatterCode });

export const mattersContract = defineContract({
  listMatters: {
    method: 'GET', path: '/matters', summary: '事项目录（含踏勘要点与信用政策）', auth: everyone,
    responses: { 200: z.object({ items: z.array(Matter) }) },
  },
  putMatterMaterials: {
    method: 'PUT', path: '/matters/:code/materials', summary: '修订事项申请材料清单（新版本，已受理的申请保留原版本）', auth: ['staff', 'admin'],
    params: MatterCodeParams, body: MatterMaterials, responses: { 200: Matter }, errors: ['MATTER.NOT_FOUND', 'MATTER.MATERIALS_VERSION_EXISTS'],
  },
  getMatter: {
    method: 'GET', path: '/matters/:code', summary: '单个事项', auth: everyone,
    params: MatterCodeParams, responses: { 200: Matter }, errors: ['MATTER.NOT_FOUND'],
  },
});

import { z } from 'zod';
import { defineContract } from '../contract';
import { MatterCreditPolicy } from '../domain/credit-tier';

const everyone = ['applicant', 'inspector', 'expert', 'staff', 'admin'] as const;

export const MatterCode = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, '事项编码格式不正确');

/** One point the inspector must see. `id` is stable across policy versions: results and photos refer to it. */
export const ChecklistItem = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
  title: z.string(),
  guidance: z.string(),
  requiresPhoto: z.boolean(),
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
});
export type Matter = z.infer<typeof Matter>;

export const MatterCodeParams = z.object({ code: MatterCode });

export const mattersContract = defineContract({
  listMatters: {
    method: 'GET', path: '/matters', summary: '事项目录（含踏勘要点与信用政策）', auth: everyone,
    responses: { 200: z.object({ items: z.array(Matter) }) },
  },
  getMatter: {
    method: 'GET', path: '/matters/:code', summary: '单个事项', auth: everyone,
    params: MatterCodeParams, responses: { 200: Matter }, errors: ['MATTER.NOT_FOUND'],
  },
});

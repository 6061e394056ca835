import { z } from 'zod';
import { defineContract } from '../contract';

const signedIn = ['applicant', 'inspector', 'expert', 'staff', 'admin', 'dept_reviewer'] as const;

/** A department's stable code, e.g. `fire`, `market`: users, scenes and dishonesty records refer to it. */
export const DepartmentCode = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, '部门编码格式不正确');

/** An issuing / inspecting authority (市场监管, 消防, 卫健, 住建, 文旅, …): data, not code. */
export const Department = z.object({
  code: DepartmentCode,
  name: z.string().min(1).max(40),
  /** How the department is named in a sentence, e.g. 消防. */
  shortName: z.string().min(1).max(12),
});
export type Department = z.infer<typeof Department>;

export const departmentsContract = defineContract({
  listDepartments: {
    method: 'GET', path: '/departments', summary: '部门目录', auth: signedIn,
    responses: { 200: z.object({ items: z.array(Department) }) },
  },
});

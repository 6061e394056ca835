import { z } from 'zod';

export const Role = z.enum(['applicant', 'inspector', 'expert', 'staff', 'admin', 'dept_reviewer']);
export type Role = z.infer<typeof Role>;

export const roleLabels: Record<Role, string> = {
  applicant: '申请人',
  inspector: '踏勘人员',
  expert: '专家',
  staff: '审核人员',
  admin: '管理员',
  dept_reviewer: '部门审核人员',
};

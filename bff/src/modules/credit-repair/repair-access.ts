import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { departmentOf } from '../auth/users.directory';
import { departmentsByCode } from '../departments/departments.service';

/** The department a reviewer decides for; a reviewer bound to none may decide nothing. */
export async function reviewerDepartment(user: AuthUser): Promise<string> {
  const department = await departmentOf(user.id);
  if (!department) throw new AppError('REPAIR.NOT_YOUR_DEPARTMENT', { message: '您的账号未绑定部门，请联系管理员' });
  return department;
}

/** Department names for people, by code; a code the catalogue does not know is shown as 未登记部门, never as a key. */
export async function departmentNames(codes: readonly string[]): Promise<(code: string) => string> {
  const known = await departmentsByCode(codes);
  return (code) => known.get(code)?.name ?? '未登记部门';
}

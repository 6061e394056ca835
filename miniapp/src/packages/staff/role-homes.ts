import type { Role } from '@ycta/shared/roles';
import { expertPages, inspectorPages } from '../inspector/inspector.routes';
import { staffPages } from './staff.routes';

/**
 * Where each role lands after sign-in on h5. Applicants stay on the main package's "my applications"; experts land on
 * 我的邀请: the inspections they were invited to (an invitation link still opens its own page).
 */
export const roleHomes: Record<Exclude<Role, 'applicant'>, string> = {
  inspector: inspectorPages.queue,
  expert: expertPages.invitations,
  staff: staffPages.reviews,
  admin: staffPages.reviews,
  dept_reviewer: staffPages.repairs,
};

export function homeOfRole(role: Role): string | null {
  return role === 'applicant' ? null : roleHomes[role];
}

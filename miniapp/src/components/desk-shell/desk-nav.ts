import type { Role } from '@ycta/shared/roles';
import { expertPages, inspectorPages } from '../../packages/inspector/inspector.routes';
import { staffPages } from '../../packages/staff/staff.routes';
import { jointPages } from '../../packages/joint/joint.routes';

export interface DeskNavEntry {
  /** What a page passes as `DeskShell`'s `active` to light up its entry. */
  key: string;
  label: string;
  url: string;
  /** Who sees the entry; the BFF still decides what each role may do there. */
  roles: readonly Role[];
}

const office: readonly Role[] = ['staff', 'admin'];

/**
 * The desks' navigation, in the order shown. A new desk is one line here plus its page (see DeskShell's doc):
 * new desks belong between 预选址 and 办件统计.
 */
export const deskNav: readonly DeskNavEntry[] = [
  { key: 'queue', label: '踏勘任务', url: inspectorPages.queue, roles: ['inspector'] },
  { key: 'invitations', label: '我的邀请', url: expertPages.invitations, roles: ['expert'] },
  { key: 'approvals', label: '待审批', url: staffPages.approvals, roles: office },
  { key: 'assignment', label: '任务分派', url: staffPages.assignment, roles: office },
  { key: 'reviews', label: '踏勘审阅', url: staffPages.reviews, roles: office },
  { key: 'acceptance', label: '容缺受理', url: staffPages.acceptance, roles: office },
  { key: 'presite', label: '预选址', url: staffPages.presite, roles: office },
  { key: 'repair', label: '信用修复', url: staffPages.repairs, roles: ['dept_reviewer', ...office] },
  { key: 'joint', label: '综合查一次', url: jointPages.plans, roles: office },
  { key: 'joint-visits', label: '综合检查', url: jointPages.visits, roles: ['inspector'] },
  { key: 'figures', label: '办件统计', url: staffPages.figures, roles: office },
];

export function navOfRole(role: Role): DeskNavEntry[] {
  return deskNav.filter((entry) => entry.roles.includes(role));
}

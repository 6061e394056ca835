import { z } from 'zod';
import type { Role } from '../roles';

/** Where an application stands. Names cross process boundaries: never rename one. */
export const ApplicationStatus = z.enum([
  'submitted',
  'awaiting_credit_approval',
  'remote_approved',
  'onsite_required',
  'inspection_booked',
  'inspecting',
  'rectifying',
  'approved',
  'rejected',
  'withdrawn',
  /** An approval taken back: a commitment (告知承诺) it relied on was found false. */
  'revoked',
]);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** Who causes a transition. `system` is the BFF itself (the credit gate, the first join of a call). */
export const ActorKind = z.enum(['applicant', 'inspector', 'staff', 'system']);
export type ActorKind = z.infer<typeof ActorKind>;

export const finalStatuses: readonly ApplicationStatus[] = ['approved', 'rejected', 'withdrawn', 'revoked'];

export function isFinal(status: ApplicationStatus): boolean {
  return finalStatuses.includes(status);
}

interface Transition { from: ApplicationStatus; to: ApplicationStatus; by: ActorKind }

/** Every allowed move besides withdrawal (which any non-final state allows the applicant). */
const table: readonly Transition[] = [
  // the credit gate decides on the applicant's remote request
  { from: 'submitted', to: 'remote_approved', by: 'system' },
  { from: 'submitted', to: 'awaiting_credit_approval', by: 'system' },
  { from: 'submitted', to: 'onsite_required', by: 'system' },
  // blue tier: staff decide
  { from: 'awaiting_credit_approval', to: 'remote_approved', by: 'staff' },
  { from: 'awaiting_credit_approval', to: 'onsite_required', by: 'staff' },
  { from: 'remote_approved', to: 'inspection_booked', by: 'inspector' },
  { from: 'onsite_required', to: 'inspection_booked', by: 'inspector' },
  { from: 'inspection_booked', to: 'inspecting', by: 'system' },
  { from: 'inspecting', to: 'approved', by: 'inspector' },
  { from: 'inspecting', to: 'rejected', by: 'inspector' },
  { from: 'inspecting', to: 'rectifying', by: 'inspector' },
  // re-check after the applicant fixed what was found
  { from: 'rectifying', to: 'inspection_booked', by: 'inspector' },
];

export function canTransition(from: ApplicationStatus, to: ApplicationStatus, actor: ActorKind): boolean {
  if (to === 'withdrawn') return actor === 'applicant' && !isFinal(from);
  // 不予受理 (a supplement deadline missed) or a false commitment (告知承诺不实) ends any open application;
  // a false commitment found after approval revokes it
  if (to === 'rejected' && (actor === 'staff' || actor === 'system') && !isFinal(from)) return true;
  if (from === 'approved' && to === 'revoked') return actor === 'staff' || actor === 'system';
  return table.some((t) => t.from === from && t.to === to && t.by === actor);
}

/** The states this actor may move an application to from `from`, in the table's order. */
export function nextStates(from: ApplicationStatus, actor: ActorKind): ApplicationStatus[] {
  return ApplicationStatus.options.filter((to) => canTransition(from, to, actor));
}

/** Staff and admin act as `staff`; experts cause no application transition at all. */
export function actorKindOf(role: Role): ActorKind | null {
  switch (role) {
    case 'applicant': return 'applicant';
    case 'inspector': return 'inspector';
    case 'staff':
    case 'admin': return 'staff';
    case 'expert':
    case 'dept_reviewer': return null;
  }
}

/** What a signed-in user can do next with an application; the client shows these as buttons. */
export const ApplicationAction = z.enum([
  'request_remote', 'withdraw', 'decide_remote', 'book_inspection', 'conclude_inspection', 'reassign',
]);
export type ApplicationAction = z.infer<typeof ApplicationAction>;

export const applicationActionLabels: Record<ApplicationAction, string> = {
  request_remote: '申请远程踏勘',
  withdraw: '撤回申请',
  decide_remote: '审核远程踏勘申请',
  book_inspection: '预约踏勘',
  conclude_inspection: '作出踏勘结论',
  reassign: '调整踏勘人员',
};

export function actionsFor(status: ApplicationStatus, role: Role): ApplicationAction[] {
  const actor = actorKindOf(role);
  if (!actor) return [];
  const next = nextStates(status, actor);
  const actions: ApplicationAction[] = [];
  // the applicant asks; the credit gate (system) makes the move
  if (actor === 'applicant' && status === 'submitted') actions.push('request_remote');
  if (next.includes('withdrawn')) actions.push('withdraw');
  if (actor === 'staff' && status === 'awaiting_credit_approval') actions.push('decide_remote');
  if (next.includes('inspection_booked')) actions.push('book_inspection');
  if (actor === 'inspector' && status === 'inspecting') actions.push('conclude_inspection');
  if (actor === 'staff' && !isFinal(status)) actions.push('reassign');
  return actions;
}

/** What the applicant sees for each status: a short label and what to do next. */
export const applicationStatusInfo: Record<ApplicationStatus, { label: string; nextStep: string }> = {
  submitted: { label: '已提交', nextStep: '可申请远程踏勘，系统将核验您的信用等级。' },
  awaiting_credit_approval: { label: '待审核远程踏勘', nextStep: '您的信用等级为蓝色，远程踏勘需经审核人员同意，请耐心等待。' },
  remote_approved: { label: '可远程踏勘', nextStep: '请按踏勘要点准备现场并上传照片，等待踏勘人员预约视频踏勘时间。' },
  onsite_required: { label: '需现场踏勘', nextStep: '本次申请需现场踏勘，请等待踏勘人员预约上门时间；修复信用后可再申请远程踏勘。' },
  inspection_booked: { label: '已预约踏勘', nextStep: '请在预约时间进入视频踏勘，提前检查摄像头、麦克风和网络。' },
  inspecting: { label: '踏勘中', nextStep: '踏勘正在进行，请按踏勘人员的要求展示各踏勘要点。' },
  rectifying: { label: '待整改', nextStep: '请按踏勘意见整改，完成后等待踏勘人员预约复查。' },
  approved: { label: '踏勘通过', nextStep: '踏勘已通过，请留意审批结果通知。' },
  rejected: { label: '踏勘未通过', nextStep: '踏勘未通过，可查看踏勘意见，整改后重新提交申请。' },
  withdrawn: { label: '已撤回', nextStep: '申请已撤回，如需办理请重新提交。' },
  revoked: { label: '已撤销', nextStep: '经核查承诺不实，审批决定已撤销，并已记入信用记录；修复信用后可重新申请。' },
};

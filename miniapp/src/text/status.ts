import type { ApplicationStatus } from '@ycta/shared/domain/application-state';

/**
 * The status labels of shared's `applicationStatusInfo`, copied so zod (which that module imports) stays
 * out of the weapp package. status.test.ts fails the moment the two differ.
 */
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  submitted: '已提交',
  awaiting_credit_approval: '待审核远程踏勘',
  remote_approved: '可远程踏勘',
  onsite_required: '需现场踏勘',
  inspection_booked: '已预约踏勘',
  inspecting: '踏勘中',
  rectifying: '待整改',
  approved: '踏勘通过',
  rejected: '踏勘未通过',
  withdrawn: '已撤回',
  revoked: '已撤销',
};

import { Text } from '@tarojs/components';
import type { ApplicationStatus } from '@ycta/shared/domain/application-state';
import './status-badge.css';

const tone: Record<ApplicationStatus, 'progress' | 'action' | 'done' | 'stop'> = {
  submitted: 'action',
  awaiting_credit_approval: 'progress',
  remote_approved: 'action',
  onsite_required: 'progress',
  inspection_booked: 'action',
  inspecting: 'progress',
  rectifying: 'action',
  approved: 'done',
  rejected: 'stop',
  withdrawn: 'stop',
  revoked: 'stop',
};

/** The BFF's label in the colour of what it asks of the applicant (act, wait, done, stopped). */
export function StatusBadge({ status, label }: { status: ApplicationStatus; label: string }) {
  return <Text className={`badge badge--${tone[status]}`}>{label}</Text>;
}

import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { ApprovalsView } from './approvals.view';

export default function ApprovalsPage() {
  return <DeskShell title='远程踏勘审批' active='approvals' width='wide'><ApprovalsView /></DeskShell>;
}

import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { AssignmentView } from './assignment.view';

export default function AssignmentPage() {
  return <DeskShell title='任务分派' active='assignment' width='wide'><AssignmentView /></DeskShell>;
}

import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { PlansView } from './plans.view';

export default function JointPlansPage() {
  return <DeskShell title='综合查一次' active='joint' width='wide'><PlansView /></DeskShell>;
}

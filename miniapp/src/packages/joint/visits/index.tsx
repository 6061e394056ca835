import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { VisitsView } from './visits.view';

export default function JointVisitsPage() {
  return <DeskShell title='我的综合检查' active='joint-visits' width='wide'><VisitsView /></DeskShell>;
}

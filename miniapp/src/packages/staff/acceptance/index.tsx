import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { AcceptanceDeskView } from './acceptance-desk.view';

export default function AcceptancePage() {
  return <DeskShell title='容缺受理' active='acceptance' width='wide'><AcceptanceDeskView /></DeskShell>;
}

import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { RepairsView } from './repairs.view';

export default function RepairsPage() {
  return <DeskShell title='信用修复' active='repair' width='wide'><RepairsView /></DeskShell>;
}

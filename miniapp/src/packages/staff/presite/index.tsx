import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { PresiteDeskView } from './presite-desk.view';

export default function PresiteDeskPage() {
  return <DeskShell title='预选址' active='presite' width='wide'><PresiteDeskView /></DeskShell>;
}

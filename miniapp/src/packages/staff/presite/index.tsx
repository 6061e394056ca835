import { useReturnVisits } from '../../../hooks/use-return-visits';
import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { PresiteDeskView } from './presite-desk.view';

export default function PresiteDeskPage() {
  const visit = useReturnVisits();
  return <DeskShell title='预选址' active='presite' width='wide'><PresiteDeskView visit={visit} /></DeskShell>;
}

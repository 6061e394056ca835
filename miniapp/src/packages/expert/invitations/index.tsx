import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { InvitationsView } from './invitations.view';

export default function ExpertInvitationsPage() {
  return <DeskShell title='我的邀请' active='invitations'><InvitationsView /></DeskShell>;
}

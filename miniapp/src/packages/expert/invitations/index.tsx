import { InvitationsView } from './invitations.view';

export default function ExpertInvitationsPage() {
  return <InvitationsView />;
}

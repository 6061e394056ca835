import { useRouter } from '@tarojs/taro';
import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { expertPages } from '../../inspector/inspector.routes';
import { ExpertOpinionView } from './opinion.view';

/** Opened from the inspector's invitation link: the shell signs in first if needed (and comes back), then it is accepted. */
export default function ExpertOpinionPage() {
  const { params } = useRouter();
  return (
    <DeskShell title='专家意见' active='invitations' back={expertPages.invitations}>
      <ExpertOpinionView invitation={params.invitation} id={params.id} />
    </DeskShell>
  );
}

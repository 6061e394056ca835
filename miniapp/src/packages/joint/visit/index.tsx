import { useRouter } from '@tarojs/taro';
import { api } from '../../../api';
import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { jointPages } from '../joint.routes';
import { VisitView } from './visit.view';

export default function JointVisitPage() {
  const { params } = useRouter();
  const user = api.sessions.load()?.user;
  const back = user?.role === 'inspector' ? jointPages.visits : jointPages.plans;
  return (
    <DeskShell title='综合检查' active={user?.role === 'inspector' ? 'joint-visits' : 'joint'} back={back} width='wide'>
      <VisitView id={params.id ?? ''} userId={user?.id ?? ''} role={user?.role ?? ''} />
    </DeskShell>
  );
}

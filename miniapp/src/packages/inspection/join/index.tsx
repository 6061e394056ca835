import { useRouter } from '@tarojs/taro';
import { JoinView } from './join.view';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';

export default function JoinPage() {
  const { params } = useRouter();
  return (
    <PhoneShell title='进入视频踏勘'>
      <JoinView inspectionId={params.id ?? ''} />
    </PhoneShell>
  );
}

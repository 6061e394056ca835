import { useRouter } from '@tarojs/taro';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';
import { useReturnVisits } from '../../../hooks/use-return-visits';
import { PresiteDetailView } from './detail.view';

export default function PresiteDetailPage() {
  const { params } = useRouter();
  return (
    <PhoneShell title='预选址结果'>
      <PresiteDetailView id={params.id ?? ''} visit={useReturnVisits()} />
    </PhoneShell>
  );
}

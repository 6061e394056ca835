import { useRouter } from '@tarojs/taro';
import { useReturnVisits } from '../../../hooks/use-return-visits';
import { ApplicationDetailView } from './application-detail.view';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';

export default function ApplicationDetailPage() {
  const { params } = useRouter();
  const visit = useReturnVisits();
  return (
    <PhoneShell title='申请详情'>
      <ApplicationDetailView id={params.id ?? ''} visit={visit} />
    </PhoneShell>
  );
}

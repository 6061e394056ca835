import { useRouter } from '@tarojs/taro';
import { RemoteRequestView } from './remote-request.view';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';

export default function RemoteRequestPage() {
  const { params } = useRouter();
  return (
    <PhoneShell title='申请远程踏勘'>
      <RemoteRequestView applicationId={params.id ?? ''} />
    </PhoneShell>
  );
}

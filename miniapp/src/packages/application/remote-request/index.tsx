import { useRouter } from '@tarojs/taro';
import { RemoteRequestView } from './remote-request.view';

export default function RemoteRequestPage() {
  const { params } = useRouter();
  return <RemoteRequestView applicationId={params.id ?? ''} />;
}

import { useRouter } from '@tarojs/taro';
import { useReturnVisits } from '../../../hooks/use-return-visits';
import { ApplicationDetailView } from './application-detail.view';

export default function ApplicationDetailPage() {
  const { params } = useRouter();
  const visit = useReturnVisits();
  return <ApplicationDetailView id={params.id ?? ''} visit={visit} />;
}

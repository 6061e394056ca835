import { useRouter } from '@tarojs/taro';
import { useReturnVisits } from '../../../hooks/use-return-visits';
import { PresiteDetailView } from './detail.view';

export default function PresiteDetailPage() {
  const { params } = useRouter();
  return <PresiteDetailView id={params.id ?? ''} visit={useReturnVisits()} />;
}

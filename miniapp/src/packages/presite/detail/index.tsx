import { useRouter } from '@tarojs/taro';
import { PresiteDetailView } from './detail.view';

export default function PresiteDetailPage() {
  const { params } = useRouter();
  return <PresiteDetailView id={params.id ?? ''} />;
}

import { useRouter } from '@tarojs/taro';
import { JoinView } from './join.view';

export default function JoinPage() {
  const { params } = useRouter();
  return <JoinView inspectionId={params.id ?? ''} />;
}

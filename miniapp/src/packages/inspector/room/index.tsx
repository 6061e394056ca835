import { useRouter } from '@tarojs/taro';
import { InspectorRoomView } from './room.view';

export default function InspectorRoomPage() {
  const { params } = useRouter();
  return <InspectorRoomView id={params.id ?? ''} />;
}

import { WebView } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';

/** weapp only: the h5 video room inside the mini-program (its domain must be a configured business domain). */
export default function WebRoomPage() {
  const { params } = useRouter();
  return <WebView src={decodeURIComponent(params.url ?? '')} />;
}

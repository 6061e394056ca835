import { useRouter } from '@tarojs/taro';
import { readRoomEntry } from '../../call/room-link';
import { RoomView } from './room.view';

/** h5 only (weapp shows it in a <WebView>): the video room. */
export default function RoomPage() {
  const { params } = useRouter();
  return <RoomView entry={readRoomEntry(params)} />;
}

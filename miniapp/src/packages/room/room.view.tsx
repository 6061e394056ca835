import { Text, View } from '@tarojs/components';
import type { RoomEntry } from '../../call/room-link';
import './room.css';

/** The call itself. The RTC module (src/rtc, issue 7) is loaded here, and only here, on h5. */
export function RoomView({ entry }: { entry: RoomEntry | null }) {
  if (!entry) {
    return (
      <View className='room state state--error'>
        <Text className='state__message'>链接无效或已使用。请回到小程序，重新点击“进入视频踏勘”。</Text>
      </View>
    );
  }
  return (
    <View className='room'>
      <Text className='room__status'>{entry.audioOnly ? '正在连接语音踏勘…' : '正在连接视频踏勘…'}</Text>
    </View>
  );
}

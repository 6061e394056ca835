import { Button, Text, View } from '@tarojs/components';
import type { RoomEntry } from '../../call/room-link';
import { goBack } from '../../navigation';
import { useInspectionCall } from './use-inspection-call';
import { VideoTile } from './video-tile';
import './room.css';

const stateText: Record<string, string> = {
  connecting: '正在连接…',
  waiting: '已连接，等待踏勘人员让您进入…',
  'in-call': '视频踏勘进行中',
  reconnecting: '网络中断，正在重新连接…',
  removed: '您已被移出本次踏勘',
  ended: '踏勘已结束',
  failed: '未能进入视频踏勘',
};

const roleNames: Record<string, string> = { inspector: '踏勘人员', expert: '专家', staff: '工作人员', applicant: '申请人' };

function Call({ entry }: { entry: RoomEntry }) {
  const view = useInspectionCall(entry);
  const over = view.state === 'ended' || view.state === 'removed' || view.state === 'failed';
  return (
    <View className='room'>
      <Text className='room__status'>{stateText[view.state] ?? view.state}</Text>
      {view.problem ? <Text className='error-text'>{view.problem}</Text> : null}
      {view.still === 'taking' ? <Text className='room__note'>踏勘人员请求拍照，正在拍摄并上传…</Text> : null}
      {view.still === 'uploaded' ? <Text className='room__note'>照片已上传</Text> : null}
      {view.still === 'failed' ? <Text className='error-text'>照片上传失败，请按踏勘人员提示重试</Text> : null}
      <View className='room__tiles'>
        {view.participants.map((p) => <VideoTile key={p.userId} stream={p.stream} label={`${roleNames[p.role] ?? p.role} ${p.displayName}`} />)}
        {view.localStream && !entry.audioOnly ? <VideoTile stream={view.localStream} label='我' muted /> : null}
      </View>
      {!over && view.call ? (
        <View className='room__controls'>
          {!entry.audioOnly ? <Button className='btn btn--plain' onClick={() => view.call?.switchCamera()}>切换摄像头</Button> : null}
          <Button className='btn btn--warn' onClick={() => view.call?.leave().then(goBack)}>挂断</Button>
        </View>
      ) : null}
      {over ? <Button className='btn btn--plain' onClick={goBack}>返回</Button> : null}
    </View>
  );
}

/** The call itself (h5 only; weapp shows this page in a <WebView>). */
export function RoomView({ entry }: { entry: RoomEntry | null }) {
  if (!entry) {
    return (
      <View className='room'>
        <Text className='error-text'>链接无效或已使用。请回到小程序，重新点击“进入视频踏勘”。</Text>
      </View>
    );
  }
  return <Call entry={entry} />;
}

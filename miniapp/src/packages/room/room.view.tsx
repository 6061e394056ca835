import { View } from '@tarojs/components';
import { signedInUser } from '../../auth/sign-in';
import type { RoomEntry } from '../../call/room-link';
import { ApplicantRoom } from './applicant-room.view';
import { ExpertRoom } from './expert-room.view';
import { useInspectionCall } from './use-inspection-call';
import './room.css';

function Call({ entry }: { entry: RoomEntry }) {
  const view = useInspectionCall(entry);
  return signedInUser()?.role === 'expert'
    ? <ExpertRoom view={view} inspectionId={entry.inspectionId} />
    : <ApplicantRoom view={view} audioOnly={entry.audioOnly} />;
}

/** The call itself (h5 only; weapp shows this page in a <WebView>): the camera holder's room, or the expert's. */
export function RoomView({ entry }: { entry: RoomEntry | null }) {
  if (!entry) {
    return (
      <View className='room-invalid'>
        <View className='error-text'>链接无效或已使用。请回到小程序，重新点击“进入视频踏勘”。</View>
      </View>
    );
  }
  return <Call entry={entry} />;
}

import { Button, Text, View } from '@tarojs/components';
import { ProgressBar } from '../../../components/progress-bar';
import { shanghaiTime } from '../../../text/time';
import type { PendingUpload, Photo } from './use-photo-uploads';
import './photo-upload-list.css';

/** How the BFF judged one photo: its own Chinese reasons when marked stale or far, else accepted. */
export function photoStatus(photo: Photo): { text: string; tone: 'ok' | 'warn' } {
  if (!photo.marks.stale && !photo.marks.far) return { text: '已接收', tone: 'ok' };
  const reasons = photo.marks.reasons.length
    ? photo.marks.reasons
    : [...(photo.marks.stale ? ['拍摄时间早于本次踏勘'] : []), ...(photo.marks.far ? ['拍摄地点距经营场所较远'] : [])];
  // what to do about it, not only what is wrong
  const advice = [
    ...(photo.marks.far ? ['请到经营场所现场重新拍摄；如确实在场所内拍摄，可在视频踏勘时向踏勘人员说明'] : []),
    ...(photo.marks.stale ? ['请现场重新拍摄一张'] : []),
  ];
  return { text: [...reasons, ...advice].join('；'), tone: 'warn' };
}

/**
 * Photos already taken (each with how the BFF judged its time and place) and the ones still on their way (progress,
 * or the failure with a retry): a checklist point's before the call, a 预选址 request's site photos.
 */
export function PhotoUploadList({ photos, pending, what, onRetry }: { photos: Photo[]; pending: PendingUpload[]; what: string; onRetry: (key: string) => void }) {
  return (
    <>
      {photos.map((photo, i) => {
        const status = photoStatus(photo);
        return (
          <View key={photo.id} className={`prepare__photo prepare__photo--${status.tone}`}>
            <Text>照片 {i + 1}：{status.text}</Text>
            {photo.capturedAt ? <Text className='hint'>拍摄于 {shanghaiTime(photo.capturedAt)}</Text> : null}
          </View>
        );
      })}
      {pending.map((u) => (
        <View key={u.key} className='prepare__upload'>
          {u.state === 'failed' ? (
            <>
              <Text className='error-text'>上传失败：{u.error}</Text>
              <Button className='btn btn--plain btn--small' onClick={() => onRetry(u.key)}>重新上传</Button>
            </>
          ) : u.state === 'waiting' ? (
            <Text className='hint'>等待上传…</Text>
          ) : (
            <ProgressBar percent={u.progress} label={`${what}照片上传进度`} />
          )}
        </View>
      ))}
    </>
  );
}

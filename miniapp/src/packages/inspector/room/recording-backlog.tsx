import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { UploadStatus } from '../../../rtc/recorder';
import { recordingUploads } from './use-inspector-call';
import './recording-backlog.css';

/** Follows this inspection's recording uploads on this device; returns how to stop following. */
export type WatchBacklog = (inspectionId: string, onStatus: (s: UploadStatus) => void) => () => void;

/**
 * Opening the uploader also sends what an earlier page (before a reload or a crash) left on this device. H5 only:
 * the mini-program does not record in the page.
 */
export const watchRecordingBacklog: WatchBacklog = (inspectionId, onStatus) => {
  if (process.env.TARO_ENV !== 'h5' || typeof indexedDB === 'undefined') return () => undefined;
  let stop: (() => void) | null = null;
  let gone = false;
  void import('../../../rtc').then((rtc) => {
    if (gone) return;
    const uploader = rtc.tusRecordingUploader(recordingUploads(inspectionId));
    onStatus(uploader.status());
    stop = uploader.subscribe(() => onStatus(uploader.status()));
  });
  return () => { gone = true; stop?.(); };
};

/** "录像上传中：还有 N 段" while chunks recorded on this device wait for the server; after the conclusion too. */
export function RecordingBacklog({ inspectionId, concluded = false, watch = watchRecordingBacklog }: { inspectionId: string; concluded?: boolean; watch?: WatchBacklog }) {
  const [status, setStatus] = useState<UploadStatus | null>(null);
  useEffect(() => watch(inspectionId, setStatus), [inspectionId, watch]);
  if (!status) return null;
  if (status.pending === 0 && status.refused === 0) {
    return concluded ? <View className='hint' role='status'>本机录像已全部上传</View> : null;
  }
  return (
    <View className='recording-backlog' role='status'>
      {status.pending > 0 ? <Text>录像上传中：还有 {status.pending} 段{concluded ? '（请保持本页打开，或稍后再打开本页继续上传）' : ''}</Text> : null}
      {status.refused > 0 ? <Text className='error-text'>{status.refused} 段录像未被接收：{status.refusal}</Text> : null}
      {status.pending > 0 && status.problem ? <Text className='hint'>{status.problem}</Text> : null}
    </View>
  );
}

import { Image, Text, View } from '@tarojs/components';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useEffect, useState } from 'react';
import { shanghaiTime } from '../../../text/time';
import { PhotoProvenance } from '../../../components/photo-provenance';
import { authorisedBlob, viewedMediaPath } from '../media';

/** A photo's thumbnail as a blob URL, read as part of the record's viewing (`viewId`) so it adds no `viewed` event of its own. */
export function useThumbnail(photo: Photo, load = true, viewId?: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!load) return undefined;
    let url: string | null = null;
    authorisedBlob(viewedMediaPath(photo.thumbnailUrl.replace(/^\/api/, ''), viewId)).then((blob) => { url = URL.createObjectURL(blob); setSrc(url); }, () => setSrc(null));
    return () => { if (url) URL.revokeObjectURL(url); };
  }, [photo.thumbnailUrl, load, viewId]);
  return src;
}

/** One photo as evidence: its hash, when it was taken and received, where, and how far from the site. */
export function PhotoEvidence({ photo, pointTitle, loadThumbnails = true, viewId }: { photo: Photo; pointTitle?: string; loadThumbnails?: boolean; viewId?: string }) {
  const src = useThumbnail(photo, loadThumbnails, viewId);
  return (
    <View className='photo-evidence'>
      {src ? <Image className='photo-evidence__thumb' src={src} mode='aspectFill' /> : <View className='photo-evidence__thumb' />}
      <View className='photo-evidence__facts'>
        <Text>要点：{pointTitle ?? '未指定'}{photo.stillRequestId ? '（远程截图）' : ''}</Text>
        <Text className='mono'>SHA-256 {photo.sha256}</Text>
        <Text>拍摄时间：{photo.capturedAt ? shanghaiTime(photo.capturedAt) : '未知'}{photo.captureTimeSource === 'exif' ? '（EXIF）' : photo.captureTimeSource === 'client' ? '（设备上报）' : ''}</Text>
        <Text>接收时间：{shanghaiTime(photo.receivedAt)}</Text>
        <Text>位置：{photo.gps ? `${photo.gps.lat.toFixed(5)}, ${photo.gps.lng.toFixed(5)}` : '未知'}{photo.distanceMeters !== null ? ` · 距场所 ${Math.round(photo.distanceMeters)} 米` : ''}</Text>
        {photo.marks.stale ? <Text className='mark mark--warn'>拍摄时间可疑</Text> : null}
        {photo.marks.far ? <Text className='mark mark--warn'>拍摄地点偏远</Text> : null}
        <PhotoProvenance photo={photo} />
        {photo.marks.reasons.map((r) => <Text key={r} className='hint'>{r}</Text>)}
      </View>
    </View>
  );
}

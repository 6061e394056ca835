import { Button, Text, View } from '@tarojs/components';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useState } from 'react';
import { PhotoUploadList } from '../../inspection/prepare/photo-upload-list';
import { pickNotice, usePhotoUploads } from '../../inspection/prepare/use-photo-uploads';
import { presiteRoutes } from '../presite.routes';

const maxPhotos = 9;

/**
 * 现场照片 (optional): the applicant adds photos of the candidate site through the same intake as inspection photos —
 * with when and where each was taken, so staff see how far from the picked point it was.
 */
export function SitePhotos({ requestId, photos, open }: { requestId: string; photos: Photo[]; open: boolean }) {
  const [added, setAdded] = useState<Photo[]>([]);
  const [notice, setNotice] = useState('');
  const uploads = usePhotoUploads(requestId, (photo) => setAdded((list) => [...list, photo]), presiteRoutes.uploadPhoto);
  const all = [...photos, ...added.filter((a) => !photos.some((p) => p.id === a.id))];
  if (!open && all.length === 0) return null;
  return (
    <View className='card section presite-detail__photos'>
      <Text className='section__title'>现场照片（可选）</Text>
      <Text className='hint'>在拟选场所拍几张外观、入口和周边的照片，工作人员审核时参考。照片会记录拍摄时间和地点。</Text>
      {notice ? <Text className='error-text'>{notice}</Text> : null}
      <PhotoUploadList photos={all} pending={uploads.pending} what='现场' onRetry={uploads.retry} />
      {open && all.length + uploads.pending.length < maxPhotos ? (
        <Button className='btn btn--plain' onClick={() => void uploads.addPhotos('').then((r) => setNotice(pickNotice(r)))}>
          {all.length ? '继续拍照或选择照片' : '拍照或选择照片'}
        </Button>
      ) : null}
    </View>
  );
}

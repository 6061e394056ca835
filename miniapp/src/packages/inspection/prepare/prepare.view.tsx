import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { PhotoUploadList } from './photo-upload-list';
import { pickNotice, usePhotoUploads, type Photo } from './use-photo-uploads';
import './prepare.css';

/** 踏勘前准备: every checklist point with what it needs, its photos, and uploads in progress. */
export function PrepareView({ inspectionId }: { inspectionId: string }) {
  const data = useResource(
    () => Promise.all([
      api.call(routes.getInspection, { params: { id: inspectionId } }),
      api.call(routes.listPhotos, { params: { id: inspectionId } }),
    ]),
    inspectionId,
  );
  const [added, setAdded] = useState<Photo[]>([]);
  const [notice, setNotice] = useState('');
  const uploads = usePhotoUploads(inspectionId, (photo) => setAdded((list) => [...list, photo]));

  const take = async (checklistItemId: string) => {
    setNotice(pickNotice(await uploads.addPhotos(checklistItemId)));
  };

  return (
    <View className='prepare'>
      <AsyncView resource={data} isEmpty={([inspection]) => inspection.checklist.length === 0} empty={<Text>本事项没有需要提前拍照的踏勘要点</Text>}>
        {([inspection, photos]) => {
          const all = [...photos.items, ...added];
          return (
            <>
              <View className='card section'>
                <Text className='prepare__title'>踏勘要点拍照</Text>
                {inspection.siteAddress ? <Text className='hint'>经营场所：{inspection.siteAddress}</Text> : null}
                <Text className='hint'>请按下列要点逐项拍照上传，踏勘人员会在视频踏勘前查看。照片会记录拍摄时间和地点。</Text>
              </View>
              {notice ? <Text className='error-text'>{notice}</Text> : null}
              {inspection.checklist.map((point, index) => {
                const mine = all.filter((p) => p.checklistItemId === point.id);
                const waiting = uploads.pending.filter((p) => p.checklistItemId === point.id);
                return (
                  <View key={point.id} className='card section prepare__point'>
                    <Text className='prepare__point-title'>{index + 1}. {point.title}</Text>
                    <Text className='hint'>{point.guidance}</Text>
                    <PhotoUploadList photos={mine} pending={waiting} what={point.title} onRetry={uploads.retry} />
                    <Button className='btn btn--primary' onClick={() => take(point.id)}>
                      {mine.length ? '继续拍照或选择照片' : '拍照或选择照片'}
                    </Button>
                  </View>
                );
              })}
            </>
          );
        }}
      </AsyncView>
    </View>
  );
}

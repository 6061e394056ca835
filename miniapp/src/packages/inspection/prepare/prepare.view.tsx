import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { ProgressBar } from '../../../components/progress-bar';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiTime } from '../../../text/time';
import { usePhotoUploads, type Photo } from './use-photo-uploads';
import './prepare.css';

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
    const result = await uploads.addPhotos(checklistItemId);
    setNotice([
      result?.refused ? `有 ${result.refused} 个文件不是照片，未上传：只能上传 JPG、PNG 或 HEIC 格式的照片。` : '',
      result && !result.located ? '未获取到位置，照片将不带拍摄地点上传。可在设置中允许使用位置信息。' : '',
    ].filter(Boolean).join(''));
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
                    {mine.map((photo, i) => {
                      const status = photoStatus(photo);
                      return (
                        <View key={photo.id} className={`prepare__photo prepare__photo--${status.tone}`}>
                          <Text>照片 {i + 1}：{status.text}</Text>
                          {photo.capturedAt ? <Text className='hint'>拍摄于 {shanghaiTime(photo.capturedAt)}</Text> : null}
                        </View>
                      );
                    })}
                    {waiting.map((u) => (
                      <View key={u.key} className='prepare__upload'>
                        {u.state === 'failed' ? (
                          <>
                            <Text className='error-text'>上传失败：{u.error}</Text>
                            <Button className='btn btn--plain btn--small' onClick={() => uploads.retry(u.key)}>重新上传</Button>
                          </>
                        ) : u.state === 'waiting' ? (
                          <Text className='hint'>等待上传…</Text>
                        ) : (
                          <ProgressBar percent={u.progress} label={`${point.title}照片上传进度`} />
                        )}
                      </View>
                    ))}
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

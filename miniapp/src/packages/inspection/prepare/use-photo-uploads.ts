import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import type { ResultOf } from '../../../api/route';
import { routes } from '../../../api/routes';
import { presiteRoutes } from '../../presite/presite.routes';

export type Photo = ResultOf<NonNullable<(typeof routes.uploadPhoto)['contract']>>;

export interface PendingUpload {
  key: string;
  checklistItemId: string;
  filePath: string;
  capturedAt: string;
  location: { lat: number; lng: number; accuracy: number } | null;
  progress: number;
  state: 'uploading' | 'waiting' | 'failed';
  error?: string;
}

let counter = 0;

/** Where photos go: an inspection's points (the default), or a 预选址 request's site photos — the same intake. */
type PhotoRoute = typeof routes.uploadPhoto | typeof presiteRoutes.uploadPhoto;

/**
 * Photos on their way to the BFF, one at a time (phones on a weak network do better that way). A failed
 * one stays in the list with its reason and can be sent again; uploaded ones are never touched again.
 */
export function usePhotoUploads(ownerId: string, onUploaded: (photo: Photo) => void, target: PhotoRoute = routes.uploadPhoto) {
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const uploadedRef = useRef(onUploaded);
  uploadedRef.current = onUploaded;

  const patch = (key: string, change: Partial<PendingUpload>) =>
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const send = useCallback((item: PendingUpload) => {
    queue.current = queue.current.then(async () => {
      patch(item.key, { state: 'uploading', progress: 0, error: undefined });
      try {
        // both routes take the same multipart form and answer 201 with a Photo
        const photo = await api.upload(target as typeof routes.uploadPhoto, { id: ownerId }, {
          filePath: item.filePath,
          formData: {
            checklistItemId: item.checklistItemId,
            capturedAt: item.capturedAt,
            ...(item.location ? { lat: String(item.location.lat), lng: String(item.location.lng), accuracy: String(item.location.accuracy) } : {}),
          },
          onProgress: (progress) => patch(item.key, { progress }),
        });
        setPending((list) => list.filter((p) => p.key !== item.key));
        uploadedRef.current(photo);
      } catch (err) {
        patch(item.key, { state: 'failed', error: messageOf(err) });
      }
    });
  }, [ownerId, target]);

  /** Take or choose photos for one checklist point, with where the phone is, and send them. */
  const addPhotos = useCallback(async (checklistItemId: string): Promise<{ located: boolean; refused: number } | null> => {
    let files: string[];
    let refused = 0;
    try {
      const chosen = await Taro.chooseMedia({ count: 9, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['original'] });
      // a file that is not a picture (a .txt picked from the album) is said to be refused, never silently dropped
      // (WeChat says 'image'; h5 gives the file's MIME type, e.g. image/jpeg or text/plain)
      const pictures = chosen.tempFiles.filter((f) => !f.fileType || /^image(\/|$)/.test(String(f.fileType)));
      refused = chosen.tempFiles.length - pictures.length;
      files = pictures.map((f) => f.tempFilePath);
    } catch {
      return null; // cancelled
    }
    if (!files.length) return { located: true, refused };
    const capturedAt = new Date().toISOString();
    let location: PendingUpload['location'] = null;
    try {
      // WGS-84 like EXIF and the site's registered point (shared/src/domain/geo.ts); h5 supports nothing else
      const here = await Taro.getLocation({ type: 'wgs84' });
      location = { lat: here.latitude, lng: here.longitude, accuracy: here.accuracy };
    } catch {
      // Location refused: the photo still goes, the inspector sees it has no place.
    }
    const items = files.map<PendingUpload>((filePath) => ({
      key: `upload-${++counter}`, checklistItemId, filePath, capturedAt, location, progress: 0, state: 'waiting',
    }));
    setPending((list) => [...list, ...items]);
    items.forEach(send);
    return { located: location !== null, refused };
  }, [send]);

  const retry = useCallback((key: string) => {
    const item = pending.find((p) => p.key === key);
    if (item) send(item);
  }, [pending, send]);

  return { pending, addPhotos, retry };
}

/** What to tell the person after a pick: files that were not pictures, and photos going without a place. */
export function pickNotice(result: { located: boolean; refused: number } | null): string {
  return [
    result?.refused ? `有 ${result.refused} 个文件不是照片，未上传：只能上传 JPG、PNG 或 HEIC 格式的照片。` : '',
    result && !result.located ? '未获取到位置，照片将不带拍摄地点上传。可在设置中允许使用位置信息。' : '',
  ].filter(Boolean).join('');
}

import { Image, Text, View } from '@tarojs/components';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useEffect, useState } from 'react';
import { shanghaiTime } from '../../../text/time';
import { authorisedBlob } from '../../staff/media';

/** Media needs the bearer token: the thumbnail comes as a blob URL, released when the still leaves the screen. */
function StillThumb({ photo }: { photo: Photo }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let current = true;
    authorisedBlob(photo.thumbnailUrl.replace(/^\/api/, '')).then((blob) => {
      url = URL.createObjectURL(blob);
      if (current) setSrc(url);
    }, () => undefined);
    return () => { current = false; if (url) URL.revokeObjectURL(url); };
  }, [photo.thumbnailUrl]);
  return src ? <Image className='still__thumb' src={src} mode='aspectFill' /> : <View className='still__thumb' />;
}

/** Stills taken on the inspector's request, newest first, as they arrive. */
export function StillGallery({ stills }: { stills: Photo[] }) {
  const newestFirst = [...stills].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return (
    <View className='card section' aria-label='截图'>
      <Text className='section__title'>截图（{stills.length}）</Text>
      {newestFirst.map((p) => (
        <View key={p.id} className='still'>
          <StillThumb photo={p} />
          <Text className='hint'>{p.checklistItemId ?? '未指定要点'} · 接收 {shanghaiTime(p.receivedAt)}{p.width ? ` · ${p.width}×${p.height}` : ''}</Text>
        </View>
      ))}
    </View>
  );
}

import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useEffect, useState } from 'react';
import { authorisedBlob } from '../../staff/media';
import { PhotoEvidence } from '../../staff/review/photo-evidence';

/** A photo large, over the room, with its evidence: capture time, distance to the site, hash. */
export function PhotoViewer({ photo, title, onClose }: { photo: Photo; title: string; onClose: () => void }) {
  const [src, setSrc] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    let url: string | null = null;
    authorisedBlob(photo.url.replace(/^\/api/, '')).then((blob) => { url = URL.createObjectURL(blob); setSrc(url); }, (err: Error) => setProblem(err.message));
    return () => { if (url) URL.revokeObjectURL(url); };
  }, [photo.url]);
  useEffect(() => {
    const esc = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [onClose]);
  return (
    <div className='photo-viewer' role='dialog' aria-label={`照片：${title}`}>
      <div className='photo-viewer__bar'>
        <strong>{title} · {photo.stillRequestId ? '远程截图' : '预传照片'}{photo.width ? ` · ${photo.width}×${photo.height}` : ''}</strong>
        <button type='button' className='call-stage__tool' onClick={onClose}>关闭</button>
      </div>
      <div className='photo-viewer__image'>{src ? <img src={src} alt={title} /> : <span>{problem || '正在载入原图…'}</span>}</div>
      <PhotoEvidence photo={photo} loadThumbnails={false} />
    </div>
  );
}

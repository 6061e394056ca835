import { useEffect, useRef } from 'react';

/** One participant's video (h5 DOM: the room page exists only in the h5 build). */
export function VideoTile({ stream, label, muted = false }: { stream: MediaStream | null; label: string; muted?: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return (
    <div className='tile'>
      {stream ? <video ref={video} className='tile__video' autoPlay playsInline muted={muted} /> : <div className='tile__empty'>等待画面…</div>}
      <span className='tile__label'>{label}</span>
    </div>
  );
}

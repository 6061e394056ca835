import { useEffect, useRef } from 'react';

/** One participant's video (h5 DOM). */
export function RoomTile({ stream, label, muted = false }: { stream: MediaStream | null; label: string; muted?: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return (
    <div className='room-tile'>
      {stream ? <video ref={video} autoPlay playsInline muted={muted} /> : <div className='room-tile__empty'>等待画面…</div>}
      <span className='room-tile__label'>{label}</span>
    </div>
  );
}

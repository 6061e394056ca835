import { useEffect, useRef } from 'react';

/**
 * One participant's video (h5 DOM: rooms exist only in the h5 build). A button when it can be put on stage. Remote
 * tiles play their sound; your own is muted to avoid an echo.
 */
export function VideoTile({ stream, label, muted = false, audioMuted = false, className = '', onSelect }: {
  stream: MediaStream | null; label: string; muted?: boolean; audioMuted?: boolean; className?: string; onSelect?: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  const body = (
    <>
      {stream?.getVideoTracks().length ? <video ref={video} className='tile__video' autoPlay playsInline muted={muted} /> : <div className='tile__empty'>{stream ? '仅语音' : '等待画面…'}</div>}
      <span className='tile__label'>{label}{audioMuted ? ' · 已静音' : ''}</span>
    </>
  );
  return onSelect
    ? <button type='button' className={`tile tile--button ${className}`} aria-label={`放大 ${label}`} onClick={onSelect}>{body}</button>
    : <div className={`tile ${className}`}>{body}</div>;
}

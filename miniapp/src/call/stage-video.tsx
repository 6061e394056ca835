import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { fromPicture, pictureBox, toPicture } from './frame-geometry';

export interface ShownPointer { key: number; x: number; y: number; mine?: boolean }

/**
 * A video (or a frozen frame) with "这里" markers at spots of its picture. A click on the picture reports the spot
 * (0–1 of the picture, whatever the element crops or letterboxes), so every screen marks the same place.
 */
export function StageVideo({ stream, frozenFrame = null, fit, pointers, onPoint, muted = false, label }: {
  stream: MediaStream | null;
  /** A still frame shown instead of the live picture (data URL) with its size. */
  frozenFrame?: { url: string; width: number; height: number } | null;
  fit: 'cover' | 'contain';
  pointers: ShownPointer[];
  onPoint?: (spot: { x: number; y: number }) => void;
  muted?: boolean;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [, redraw] = useState(0);

  useEffect(() => {
    const v = video.current;
    if (v) v.srcObject = stream;
    const again = () => redraw((n) => n + 1);
    v?.addEventListener('resize', again);
    window.addEventListener('resize', again);
    return () => { v?.removeEventListener('resize', again); window.removeEventListener('resize', again); };
  }, [stream]);

  const geometry = () => {
    const element = box.current?.getBoundingClientRect() ?? { width: 0, height: 0, left: 0, top: 0 };
    const picture = frozenFrame ?? { width: video.current?.videoWidth ?? 0, height: video.current?.videoHeight ?? 0 };
    return { element, picture: pictureBox(element, picture, fit) };
  };
  const click = (e: MouseEvent<HTMLDivElement>) => {
    if (!onPoint) return;
    const { element, picture } = geometry();
    const spot = toPicture(picture, e.clientX - element.left, e.clientY - element.top);
    if (spot) onPoint(spot);
  };
  const { picture } = geometry();

  return (
    <div ref={box} className={`stage-video stage-video--${fit} ${onPoint ? 'stage-video--pointable' : ''}`} onClick={click} role='group' aria-label={label}>
      <video ref={video} className='stage-video__video' autoPlay playsInline muted={muted} style={frozenFrame ? { visibility: 'hidden' } : undefined} />
      {frozenFrame ? <img className='stage-video__frozen' src={frozenFrame.url} alt='定格画面' /> : null}
      {pointers.map((p) => {
        const at = fromPicture(picture, p);
        return (
          <div key={p.key} className={`pointer-marker ${p.mine ? 'pointer-marker--mine' : ''}`} role='status'
            data-x={p.x.toFixed(4)} data-y={p.y.toFixed(4)} style={{ left: `${at.x}px`, top: `${at.y}px` }}>
            <span>这里</span>
          </div>
        );
      })}
    </div>
  );
}

/** Pointers shown for a few seconds each: `add` one as it arrives. */
export function usePointers(lifetimeMs = 4000): [ShownPointer[], (p: Omit<ShownPointer, 'key'>) => void, () => void] {
  const [shown, setShown] = useState<ShownPointer[]>([]);
  const next = useRef(0);
  const add = (p: Omit<ShownPointer, 'key'>) => {
    const key = next.current++;
    setShown((list) => [...list, { ...p, key }]);
    setTimeout(() => setShown((list) => list.filter((x) => x.key !== key)), lifetimeMs);
  };
  return [shown, add, () => setShown([])];
}

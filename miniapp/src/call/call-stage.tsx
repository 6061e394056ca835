import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CallParticipant } from '../rtc';
import { roleNames } from './room-shell';
import { StageVideo, type ShownPointer } from './stage-video';
import { VideoTile } from './video-tile';

type Frame = { url: string; width: number; height: number };

/** The picture now on the stage, as a still frame (what 定格 holds). */
function grabFrame(container: HTMLElement | null): Frame | null {
  const video = container?.querySelector('video');
  if (!video?.videoWidth) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return { url: canvas.toDataURL('image/jpeg', 0.92), width: canvas.width, height: canvas.height };
}

/** The frozen frame with its marks drawn in, as a JPEG: the still that goes on the record. */
async function markedFrame(frame: Frame, marks: { x: number; y: number }[]): Promise<Blob> {
  const img = new Image();
  img.src = frame.url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = frame.width;
  canvas.height = frame.height;
  const g = canvas.getContext('2d')!;
  g.drawImage(img, 0, 0);
  const r = Math.max(12, Math.round(frame.width / 40));
  g.lineWidth = Math.max(3, r / 4);
  g.strokeStyle = '#fa9d3b';
  for (const m of marks) {
    g.beginPath();
    g.arc(m.x * frame.width, m.y * frame.height, r, 0, Math.PI * 2);
    g.stroke();
  }
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('保存定格画面失败'))), 'image/jpeg', 0.92));
}

/**
 * The desk rooms' stage (inspector, expert): one participant large — the applicant's camera unless someone else is
 * chosen — with everyone as thumbnails below; fullscreen on demand; a click on the picture points there for everyone;
 * 定格 holds a frame to mark and, where the page allows, save as a still.
 */
export function CallStage({ participants, localStream, mutedPeers, pointers, onPoint, onSaveFrozen, tools }: {
  participants: CallParticipant[];
  localStream: MediaStream | null;
  mutedPeers: string[];
  pointers: ShownPointer[];
  onPoint(spot: { x: number; y: number }, frozen: boolean): void;
  onSaveFrozen?: (still: Blob) => Promise<void>;
  tools?: ReactNode;
}) {
  const stage = useRef<HTMLDivElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [frozen, setFrozen] = useState<Frame | null>(null);
  const [marks, setMarks] = useState<{ x: number; y: number }[]>([]);
  const [saving, setSaving] = useState('');
  const staged = participants.find((p) => p.userId === chosen) ?? participants.find((p) => p.role === 'applicant') ?? participants[0] ?? null;
  const stagedId = staged?.userId ?? null;

  // another picture on stage: a frame held from the one before means nothing
  useEffect(() => { setFrozen(null); setMarks([]); }, [stagedId]);

  const label = (p: CallParticipant) => `${roleNames[p.role] ?? p.role} ${p.displayName}`;
  const point = (spot: { x: number; y: number }) => {
    if (frozen) setMarks((m) => [...m, spot]);
    onPoint(spot, frozen !== null);
  };
  const freeze = () => {
    if (frozen) { setFrozen(null); setMarks([]); setSaving(''); return; }
    setFrozen(grabFrame(stage.current));
  };
  const save = () => {
    if (!frozen || !onSaveFrozen) return;
    setSaving('正在保存…');
    markedFrame(frozen, marks).then(onSaveFrozen).then(() => setSaving('定格画面已保存为当前要点的截图'), (err: Error) => setSaving(`保存失败：${err.message}`));
  };

  return (
    <div className='call-stage'>
      <div ref={stage} className='call-stage__stage' data-testid='stage'>
        {staged ? (
          <StageVideo stream={staged.stream} fit='contain' frozenFrame={frozen} label={`主画面：${label(staged)}`}
            pointers={[...pointers, ...marks.map((m, i) => ({ key: -1 - i, ...m, mine: true }))]} onPoint={point} />
        ) : <div className='call-stage__empty'>等待申请人进入…</div>}
        {staged ? <span className='call-stage__label'>{label(staged)}{mutedPeers.includes(staged.userId) ? ' · 已静音' : ''}{frozen ? ' · 已定格' : ''}</span> : null}
      </div>
      <div className='call-stage__tools'>
        <button type='button' className='call-stage__tool' disabled={!staged} onClick={() => void stage.current?.requestFullscreen?.()}>全屏</button>
        <button type='button' className='call-stage__tool' disabled={!staged} onClick={freeze}>{frozen ? '取消定格' : '定格画面'}</button>
        {frozen && onSaveFrozen ? <button type='button' className='call-stage__tool call-stage__tool--primary' onClick={save}>保存定格为截图</button> : null}
        {tools}
        <span className='hint'>{saving || (staged ? '点击画面，对方屏幕上会在同一位置显示“这里”' : '')}</span>
      </div>
      <div className='call-stage__thumbs'>
        {participants.map((p) => (
          <VideoTile key={p.userId} stream={p.stream} label={label(p)} audioMuted={mutedPeers.includes(p.userId)}
            className={p.userId === stagedId ? 'tile--staged' : ''} onSelect={() => setChosen(p.userId)} />
        ))}
        {localStream ? <VideoTile stream={localStream} label='我' muted /> : null}
      </div>
    </div>
  );
}

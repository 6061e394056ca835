import { useEffect, useState } from 'react';
import { useCameraControls } from '../../call/camera-controls';
import { RoomShell, callStateText, roleNames } from '../../call/room-shell';
import { StageVideo, usePointers } from '../../call/stage-video';
import { VideoTile } from '../../call/video-tile';
import { goBack } from '../../navigation';
import type { CallView } from './use-inspection-call';

const stillText = {
  taking: (title: string | null) => `踏勘人员请求拍照${title ? `：${title}` : ''}。请对准并保持手机稳定，正在拍摄上传…`,
  uploaded: (title: string | null) => `照片已送达踏勘人员${title ? `（${title}）` : ''}`,
  failed: () => '照片上传失败，请按踏勘人员提示重试',
};

/**
 * The camera holder's room (a phone): their own rear-camera picture is the whole screen — it is what the inspector
 * sees — with the others as small tiles, what to show now, the inspector's "这里", and the controls within thumb reach.
 */
export function ApplicantRoom({ view, audioOnly }: { view: CallView; audioOnly: boolean }) {
  const [pointers, addPointer] = usePointers();
  const [muted, setMuted] = useState(false);
  const camera = useCameraControls(audioOnly ? null : view.localStream);
  const over = view.state === 'ended' || view.state === 'removed' || view.state === 'failed';
  const hangUp = () => { void view.call?.leave(); goBack(); };

  useEffect(() => view.call?.on('pointer', (p) => addPointer({ x: p.x, y: p.y })), [view.call, addPointer]);
  const mute = () => { view.call?.setMuted(!muted); setMuted(!muted); };

  return (
    <RoomShell tone='dark' title='视频踏勘' status={callStateText[view.state] ?? ''} recording={view.state === 'in-call'} leave={{ label: over ? '返回' : '挂断', onClick: over ? goBack : hangUp }}>
      <div className='applicant-room'>
        {audioOnly ? <div className='applicant-room__audio'>仅语音通话：踏勘人员会请您拍照上传</div> : (
          <div className='applicant-room__preview' data-testid='own-preview'>
            <StageVideo stream={view.localStream} fit='cover' muted pointers={pointers} label='我的摄像头画面（踏勘人员看到的画面）' />
          </div>
        )}
        <div className='applicant-room__top'>
          {view.focus ? (
            <div className='applicant-room__prompt' role='status' data-testid='point-prompt'>
              <strong>请对准：{view.focus.title}</strong>
              {view.focus.guidance ? <span>{view.focus.guidance}</span> : null}
            </div>
          ) : null}
          {view.still ? <div className={`applicant-room__still applicant-room__still--${view.still.state}`} role='alert'>{stillText[view.still.state](view.still.title)}</div> : null}
          {/* a call that is over (the inspection was concluded) is news, not a fault */}
          {view.problem ? (
            view.state === 'ended'
              ? <div className='applicant-room__problem applicant-room__problem--over' role='status'>{view.problem}</div>
              : <div className='applicant-room__problem' role='alert'>{view.problem}</div>
          ) : null}
          {view.state !== 'in-call' ? (
            <div className='applicant-room__state'>
              <span>{callStateText[view.state]}</span>
              {view.state === 'failed' ? <button type='button' className='applicant-room__retry' onClick={view.retry}>重新连接</button> : null}
            </div>
          ) : null}
        </div>
        <div className='applicant-room__pips'>
          {view.participants.map((p) => (
            <VideoTile key={p.userId} className='tile--pip' stream={p.stream} audioMuted={view.mutedPeers.includes(p.userId)} label={`${roleNames[p.role] ?? p.role} ${p.displayName}`} />
          ))}
        </div>
        {!over && view.call ? (
          <div className='applicant-room__controls'>
            {camera.zoom ? (
              <label className='applicant-room__zoom'>缩放
                <input className='applicant-room__zoom-range' type='range' min={camera.zoom.min} max={camera.zoom.max} step={camera.zoom.step || 0.1} value={camera.zoom.value} onChange={(e) => camera.zoom?.set(Number(e.target.value))} />
              </label>
            ) : null}
            <div className='applicant-room__buttons'>
              <button type='button' className={`round ${muted ? 'round--on' : ''}`} aria-pressed={muted} onClick={mute}>{muted ? '取消静音' : '静音'}</button>
              {!audioOnly ? <button type='button' className='round' onClick={() => void view.call?.switchCamera()}>切换摄像头</button> : null}
              {camera.torch ? <button type='button' className={`round ${camera.torch.on ? 'round--on' : ''}`} aria-pressed={camera.torch.on} onClick={camera.torch.toggle}>手电筒</button> : null}
              <button type='button' className='round round--hangup' onClick={hangUp}>挂断</button>
            </div>
          </div>
        ) : null}
      </div>
    </RoomShell>
  );
}

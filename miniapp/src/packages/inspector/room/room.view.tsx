import { Text, View } from '@tarojs/components';
import type { ChecklistPointState, InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { CallStage } from '../../../call/call-stage';
import { RoomShell, callStateText, roleNames } from '../../../call/room-shell';
import { usePointers } from '../../../call/stage-video';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { goBack } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import type { LiveOpinion } from '../../../rtc';
import { inspectorRoutes } from '../inspector.routes';
import { ChecklistPanel } from './checklist-panel';
import { ConclusionForm } from './conclusion-form';
import { EndCaseCall } from './end-case-call';
import { FlagFalseMaterial, Invite } from './room-tools';
import { RecordingBacklog } from './recording-backlog';
import { openInspectorCall, useInspectorCall, type OpenCall } from './use-inspector-call';
import { uploadFrozenStill } from './frozen-still';
import './room.css';

const stateText: Record<string, string> = { ...callStateText, waiting: '已连接', reconnecting: '正在重新连接…（已作出的判定都已保存）', removed: '已离开', ended: '通话已结束' };

function People({ call }: { call: ReturnType<typeof useInspectorCall> }) {
  return (
    <View className='card section'>
      <Text className='section__title'>参与人</Text>
      {call.participants.map((p) => (
        <View key={p.userId} className='people__row'>
          <Text>{roleNames[p.role] ?? p.role} {p.displayName}{call.mutedPeers.includes(p.userId) ? '（已静音）' : ''}</Text>
          <button type='button' className='call-stage__tool' onClick={() => call.call?.remove(p.userId)}>移出</button>
        </View>
      ))}
      {call.waiting.map((p) => (
        <View key={p.userId} className='people__row'>
          <Text>等待进入：{roleNames[p.role] ?? p.role} {p.displayName}</Text>
          <button type='button' className='call-stage__tool call-stage__tool--primary' onClick={() => call.call?.admit(p.userId)}>允许进入</button>
          <button type='button' className='call-stage__tool' onClick={() => call.call?.remove(p.userId)}>拒绝</button>
        </View>
      ))}
      {!call.participants.length && !call.waiting.length ? <Text className='hint'>还没有其他人进入</Text> : null}
    </View>
  );
}

function Room({ detail: initial, openCall, joinCall }: { detail: InspectionDetail; openCall: OpenCall; joinCall: boolean }) {
  const [detail, setDetail] = useState(initial);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [current, setCurrent] = useState<ChecklistPointState | null>(null);
  const [stillNote, setStillNote] = useState<{ id: string | null; text: string } | null>(null);
  const [opinions, setOpinions] = useState<LiveOpinion[]>([]);
  const [pointers, addPointer] = usePointers();
  const id = detail.id;
  const concluded = detail.status === 'concluded';
  // a call held for a joint visit or a 预选址 look: no licence conclusion, no false-material flag; its host ends it
  const caseCall = !!detail.callFor && detail.callFor.kind !== 'application';
  const call = useInspectorCall(id, openCall, joinCall && !concluded);

  const refreshPhotos = useCallback(() => {
    api.call(inspectorRoutes.listPhotos, { params: { id } }).then((r) => setPhotos(r.items), () => undefined);
  }, [id]);
  // a still is announced over the call the moment it is stored; a slow look every 15 s catches anything missed
  useEffect(() => {
    refreshPhotos();
    if (concluded) return undefined;
    const timer = setInterval(refreshPhotos, 15_000);
    return () => clearInterval(timer);
  }, [refreshPhotos, concluded]);
  useEffect(() => {
    if (!call.call) return undefined;
    const off = [
      call.call.on('pointer', (p) => addPointer({ x: p.x, y: p.y })),
      call.call.on('opinion', (o) => setOpinions((l) => [...l, o])),
      call.call.on('still-arrived', (s) => {
        refreshPhotos();
        setStillNote((n) => (n?.id === s.stillRequestId ? { id: null, text: '截图已收到，见对应要点下' } : n));
      }),
    ];
    return () => off.forEach((f) => f());
  }, [call.call, addPointer, refreshPhotos]);

  const select = (point: ChecklistPointState) => {
    setCurrent(point);
    call.call?.send({ type: 'focus', point: { id: point.id, title: point.title, guidance: point.guidance } });
  };
  const requestStill = () => api.call(inspectorRoutes.requestStill, { params: { id }, body: current ? { checklistItemId: current.id } : {} })
    .then((r) => setStillNote(r.delivered
      ? { id: r.stillRequestId, text: `已请求${current ? `“${current.title}”的` : ''}截图，等待对方上传…` }
      : { id: null, text: '对方暂未连线，连线后再请求' }), (err: unknown) => setStillNote({ id: null, text: messageOf(err) }));
  const onSaved = (point: ChecklistPointState) => setDetail((d) => ({ ...d, checklist: d.checklist.map((p) => (p.id === point.id ? point : p)) }));
  const allOpinions = [...detail.opinions.map((o) => ({ ...o, displayName: '专家' })), ...opinions];

  return (
    <RoomShell title={`${detail.siteAddress ?? '视频踏勘'} · ${detail.statusLabel}`} status={stateText[call.state] ?? call.state} recording={call.recording}
      leave={{ label: '返回', onClick: goBack }}>
      <View className='desk-room inspector-room'>
        <View className='desk-room__main'>
          {call.problem ? <View className='error-text' role='alert'>{call.problem}</View> : null}
          {concluded ? (
            <View className='card section' role='status'>
              <Text className='section__title'>视频踏勘已结束</Text>
              <Text>通话已关闭，不能再次进入。本次踏勘的判定、截图、专家意见和结论如下。</Text>
            </View>
          ) : (
            <>
              <CallStage participants={call.participants} localStream={call.localStream} mutedPeers={call.mutedPeers} pointers={pointers}
                onPoint={(spot, frozen) => { call.call?.send({ type: 'pointer', ...spot, frozen }); if (!frozen) addPointer({ ...spot, mine: true }); }}
                onSaveFrozen={(blob) => uploadFrozenStill(id, current?.id ?? null, blob).then(refreshPhotos)}
                tools={(
                  <button type='button' className='call-stage__tool call-stage__tool--primary' onClick={requestStill}>
                    {current ? `请求截图：${current.title}` : '请求截图'}
                  </button>
                )} />
              {stillNote ? <span className='hint' role='status'>{stillNote.text}</span> : null}
              <People call={call} />
            </>
          )}
          <RecordingBacklog inspectionId={id} concluded={concluded} />
          {!concluded && !caseCall ? (
            <View className='card section inspector-room__tools'>
              <Invite inspectionId={id} />
              <FlagFalseMaterial inspectionId={id} />
            </View>
          ) : null}
        </View>
        <View className='desk-room__side'>
          {allOpinions.length ? (
            <View className='card section' aria-label='专家意见'>
              <Text className='section__title'>专家意见</Text>
              {allOpinions.map((o) => <Text key={o.at}>{shanghaiTime(o.at)} {o.displayName}：{o.text}</Text>)}
            </View>
          ) : null}
          <View className='card'>
            <ChecklistPanel inspectionId={id} checklist={detail.checklist} photos={photos} readOnly={concluded} onSaved={onSaved}
              currentId={current?.id ?? null} onSelect={concluded ? undefined : select} />
          </View>
          {caseCall ? <EndCaseCall detail={detail} onEnded={(d) => { setDetail(d); void call.end(); }} /> : concluded ? (
            <View className='card section'><Text>已作出结论：{detail.conclusion?.summary || detail.statusLabel}</Text></View>
          ) : (
            <ConclusionForm inspectionId={id} onConcluded={(d) => { setDetail(d); void call.end(); }} />
          )}
        </View>
      </View>
    </RoomShell>
  );
}

/** The inspector's room: the stage, the checklist that drives the call, and the conclusion on one screen. */
export function InspectorRoomView({ id, openCall = openInspectorCall, joinCall = true }: { id: string; openCall?: OpenCall; joinCall?: boolean }) {
  const detail = useResource(() => api.call(inspectorRoutes.getInspection, { params: { id } }), id);
  return <AsyncView resource={detail}>{(d) => <Room detail={d} openCall={openCall} joinCall={joinCall} />}</AsyncView>;
}

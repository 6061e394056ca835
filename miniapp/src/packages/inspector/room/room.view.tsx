import { Button, Text, View } from '@tarojs/components';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { QrCode } from '../../../components/qr-code';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiTime } from '../../../text/time';
import { inspectorPages, inspectorRoutes } from '../inspector.routes';
import { ChecklistPanel } from './checklist-panel';
import { ConclusionForm } from './conclusion-form';
import { RecordingBacklog } from './recording-backlog';
import { RoomTile } from './room-tile';
import { StillGallery } from './still-gallery';
import { openInspectorCall, useInspectorCall, type OpenCall } from './use-inspector-call';
import './room.css';

const stateText: Record<string, string> = {
  idle: '', connecting: '正在连接…', waiting: '已连接', 'in-call': '视频踏勘进行中',
  reconnecting: '网络中断，正在重新连接…（已作出的判定都已保存）', removed: '已离开', ended: '通话已结束', failed: '未能进入视频踏勘',
};
const roleNames: Record<string, string> = { inspector: '踏勘人员', expert: '专家', staff: '审核人员', applicant: '申请人' };

/** The invitation link opens the expert's page of this same h5 app (hash route). */
function invitationLink(token: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${inspectorPages.expert(token)}`;
}

function Invite({ inspectionId }: { inspectionId: string }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [problem, setProblem] = useState('');
  const invite = () => api.call(inspectorRoutes.invite, { params: { id: inspectionId }, body: { validMinutes: 24 * 60 } })
    .then((inv) => setLink({ url: invitationLink(inv.token), expiresAt: inv.expiresAt }), (err: unknown) => setProblem(messageOf(err)));
  return (
    <View className='section'>
      <Button className='btn btn--plain btn--small' onClick={invite}>邀请专家</Button>
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
      {link ? (
        <View className='invite'>
          <input className='invite__link' aria-label='专家邀请链接' readOnly value={link.url} onFocus={(e) => e.target.select()} />
          <Button className='btn btn--plain btn--small' onClick={() => void navigator.clipboard?.writeText(link.url)}>复制链接</Button>
          <Text className='hint'>一次性链接，{shanghaiTime(link.expiresAt)} 前有效</Text>
          <QrCode text={link.url} label='专家邀请二维码' />
        </View>
      ) : null}
    </View>
  );
}

function FlagFalseMaterial({ inspectionId }: { inspectionId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const submit = () => api.call(inspectorRoutes.flag, { params: { id: inspectionId }, body: { reason, checklistItemIds: [], evidenceMediaIds: [] } })
    .then(() => { setOutcome('已标记虚假材料，信用惩戒将报送信用平台'); setOpen(false); }, (err: unknown) => setOutcome(messageOf(err)));
  return (
    <View className='section'>
      <Button className='btn btn--warn btn--small' onClick={() => setOpen(!open)}>标记虚假材料</Button>
      {open ? (
        <>
          <textarea aria-label='虚假材料情况' value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button className='btn btn--warn btn--small' onClick={submit}>确认标记</Button>
        </>
      ) : null}
      {outcome ? <View className='hint' role='status'>{outcome}</View> : null}
    </View>
  );
}

function Room({ detail: initial, openCall, joinCall }: { detail: InspectionDetail; openCall: OpenCall; joinCall: boolean }) {
  const [detail, setDetail] = useState(initial);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [stillNote, setStillNote] = useState('');
  const id = detail.id;
  const concluded = detail.status === 'concluded';
  const call = useInspectorCall(id, openCall, joinCall && !concluded);

  const refreshPhotos = useCallback(() => {
    api.call(inspectorRoutes.listPhotos, { params: { id } }).then((r) => setPhotos(r.items), () => undefined);
  }, [id]);
  // stills arrive a few seconds after the request: look again every few seconds while the call runs
  useEffect(() => {
    refreshPhotos();
    if (concluded) return undefined;
    const timer = setInterval(refreshPhotos, 4000);
    return () => clearInterval(timer);
  }, [refreshPhotos, concluded]);

  const requestStill = () => api.call(inspectorRoutes.requestStill, { params: { id }, body: {} })
    .then((r) => { setStillNote(r.delivered ? '已请求截图，等待对方上传…' : '对方暂未连线，连线后再请求'); refreshPhotos(); }, (err: unknown) => setStillNote(messageOf(err)));

  const onSaved = (point: InspectionDetail['checklist'][number]) =>
    setDetail((d) => ({ ...d, checklist: d.checklist.map((p) => (p.id === point.id ? point : p)) }));
  const stills = photos.filter((p) => p.stillRequestId);

  return (
    <View className='inspector-room'>
      <View className='inspector-room__bar'>
        <Text className='inspector-room__title'>{detail.siteAddress ?? detail.matterCode} · {detail.statusLabel}</Text>
        {call.recording ? <View className='recording-dot' role='status'>● 录制中</View> : null}
        <RecordingBacklog inspectionId={id} concluded={concluded} />
        <Text className='hint'>{stateText[call.state] ?? call.state}</Text>
      </View>
      {call.problem ? <View className='error-text' role='alert'>{call.problem}</View> : null}

      <View className='inspector-room__main'>
        <View className='inspector-room__call'>
          <View className='room-tiles'>
            {call.localStream ? <RoomTile stream={call.localStream} label='我' muted /> : null}
            {call.participants.slice(0, 5).map((p) => <RoomTile key={p.userId} stream={p.stream} label={`${roleNames[p.role] ?? p.role} ${p.displayName}`} />)}
          </View>
          <View className='card section'>
            <Text className='section__title'>参与人</Text>
            {call.participants.map((p) => (
              <View key={p.userId} className='people__row'>
                <Text>{roleNames[p.role] ?? p.role} {p.displayName}</Text>
                <Button className='btn btn--plain btn--small' onClick={() => call.call?.remove(p.userId)}>移出</Button>
              </View>
            ))}
            {call.waiting.map((p) => (
              <View key={p.userId} className='people__row'>
                <Text>等待进入：{roleNames[p.role] ?? p.role} {p.displayName}</Text>
                <Button className='btn btn--primary btn--small' onClick={() => call.call?.admit(p.userId)}>允许进入</Button>
                <Button className='btn btn--plain btn--small' onClick={() => call.call?.remove(p.userId)}>拒绝</Button>
              </View>
            ))}
            {!call.participants.length && !call.waiting.length ? <Text className='hint'>还没有其他人进入</Text> : null}
          </View>
          {!concluded ? (
            <View className='card section'>
              <Invite inspectionId={id} />
              <Button className='btn btn--plain btn--small' onClick={requestStill}>请求截图</Button>
              {stillNote ? <Text className='hint'>{stillNote}</Text> : null}
              <FlagFalseMaterial inspectionId={id} />
            </View>
          ) : null}
        </View>

        <View className='inspector-room__side'>
          <StillGallery stills={stills} />
          <View className='card'>
            <ChecklistPanel inspectionId={id} checklist={detail.checklist} photos={photos} readOnly={concluded} onSaved={onSaved} />
          </View>
          {concluded ? (
            <View className='card section'><Text>已作出结论：{detail.conclusion?.summary || detail.statusLabel}</Text></View>
          ) : (
            <ConclusionForm inspectionId={id} onConcluded={(d) => { setDetail(d); void call.end(); }} />
          )}
        </View>
      </View>
    </View>
  );
}

/** The inspector's room: the call, the checklist and the conclusion on one screen. */
export function InspectorRoomView({ id, openCall = openInspectorCall, joinCall = true }: { id: string; openCall?: OpenCall; joinCall?: boolean }) {
  const detail = useResource(() => api.call(inspectorRoutes.getInspection, { params: { id } }), id);
  return <AsyncView resource={detail}>{(d) => <Room detail={d} openCall={openCall} joinCall={joinCall} />}</AsyncView>;
}

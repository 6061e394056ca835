import { Text, View } from '@tarojs/components';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { messageOf } from '../../api/api-error';
import { CallStage } from '../../call/call-stage';
import { RoomShell, callStateText } from '../../call/room-shell';
import { usePointers } from '../../call/stage-video';
import { goBack } from '../../navigation';
import { shanghaiTime } from '../../text/time';
import { inspectorRoutes } from '../inspector/inspector.routes';
import type { CallView } from './use-inspection-call';
import './expert-room.css';

/** The expert's opinion box: each entry goes on the record and shows live in the inspector's room. */
function OpinionBox({ inspectionId, view }: { inspectionId: string; view: CallView }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const [mine, setMine] = useState<{ text: string; at: string }[]>([]);
  const add = () => api.call(inspectorRoutes.addOpinion, { params: { id: inspectionId }, body: { text } })
    .then((o) => { setMine((l) => [...l, o]); setText(''); setProblem(''); }, (err: unknown) => setProblem(messageOf(err)));
  const shown = [...mine, ...view.opinions.filter((o) => !mine.some((m) => m.at === o.at))];
  return (
    <View className='card section'>
      <Text className='section__title'>专家意见（记入踏勘记录）</Text>
      {shown.map((o) => <Text key={o.at}>{shanghaiTime(o.at)}：{o.text}</Text>)}
      <textarea className='desk-room__text' aria-label='专家意见' value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
      <button type='button' className='call-stage__tool call-stage__tool--primary' disabled={!text.trim()} onClick={add}>提交意见</button>
    </View>
  );
}

/**
 * The expert's room (a desktop): the stage with pointing, the checklist read-only with the point being looked at,
 * and the opinion box.
 */
export function ExpertRoom({ view, inspectionId }: { view: CallView; inspectionId: string }) {
  const [detail, setDetail] = useState<InspectionDetail | null>(null);
  const [pointers, addPointer] = usePointers();
  useEffect(() => { api.call(inspectorRoutes.getInspection, { params: { id: inspectionId } }).then(setDetail, () => undefined); }, [inspectionId]);
  useEffect(() => view.call?.on('pointer', (p) => addPointer({ x: p.x, y: p.y })), [view.call, addPointer]);
  const over = view.state === 'ended' || view.state === 'removed' || view.state === 'failed';

  return (
    <RoomShell title={detail?.siteAddress ?? '视频踏勘'} status={callStateText[view.state] ?? ''} recording={view.state === 'in-call'}
      leave={{ label: over ? '返回' : '离开', onClick: () => { void view.call?.leave(); goBack(); } }}>
      <View className='desk-room'>
        <View className='desk-room__main'>
          {view.problem ? (view.state === 'ended' ? <View className='hint' role='status'>{view.problem}</View> : <View className='error-text' role='alert'>{view.problem}</View>) : null}
          {view.state === 'failed' ? <button type='button' className='call-stage__tool call-stage__tool--primary' onClick={view.retry}>重新连接</button> : null}
          <CallStage participants={view.participants} localStream={view.localStream} mutedPeers={view.mutedPeers} pointers={pointers}
            onPoint={(spot, frozen) => { view.call?.send({ type: 'pointer', ...spot, frozen }); addPointer({ ...spot, mine: true }); }} />
        </View>
        <View className='desk-room__side'>
          <View className='card section'>
            <Text className='section__title'>踏勘要点</Text>
            {detail?.checklist.map((p) => (
              <View key={p.id} className={`expert-point ${view.focus?.id === p.id ? 'expert-point--current' : ''}`} aria-current={view.focus?.id === p.id ? 'true' : undefined}>
                <Text className='expert-point__title'>{view.focus?.id === p.id ? '▶ 正在查看：' : ''}{p.title}</Text>
                <Text className='hint'>{p.guidance}</Text>
                <Text className='hint'>{p.result ? { pass: '符合', fail: '不符合', na: '不适用' }[p.result] : '未判定'}</Text>
              </View>
            )) ?? <Text className='hint'>正在加载…</Text>}
          </View>
          <OpinionBox inspectionId={inspectionId} view={view} />
        </View>
      </View>
    </RoomShell>
  );
}

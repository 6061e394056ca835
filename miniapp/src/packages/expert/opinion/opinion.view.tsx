import { Button, Text, View } from '@tarojs/components';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import { ChecklistPanel } from '../../inspector/room/checklist-panel';
import { inspectorRoutes } from '../../inspector/inspector.routes';
import './opinion.css';

/** The invitation is one-time: accept it, then the expert reaches the inspection by its id like any participant. */
async function loadForExpert(invitation: string | undefined, id: string | undefined): Promise<InspectionDetail> {
  const inspectionId = invitation
    ? (await api.call(inspectorRoutes.acceptInvitation, { body: { token: invitation } })).id
    : id ?? '';
  return api.call(inspectorRoutes.getInspection, { params: { id: inspectionId } });
}

function Opinion({ detail }: { detail: InspectionDetail }) {
  const [opinions, setOpinions] = useState(detail.opinions);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  
  const add = () => api.call(inspectorRoutes.addOpinion, { params: { id: detail.id }, body: { text } })
    .then((o) => { setOpinions((list) => [...list, o]); setText(''); setProblem(''); }, (err: unknown) => setProblem(messageOf(err)));
  const join = () => openPage(pages.room({ inspectionId: detail.id, audioOnly: false }));

  return (
    <View className='expert'>
      <View className='card section'>
        <Text className='section__title'>{detail.matterName} · {detail.siteAddress ?? '（无地址）'} · {detail.statusLabel}</Text>
        {detail.status === 'booked' || detail.status === 'in_progress'
          ? <Button className='btn btn--primary' onClick={join}>进入视频踏勘</Button> : null}
      </View>
      <View className='card'>
        <ChecklistPanel inspectionId={detail.id} checklist={detail.checklist} photos={[]} readOnly />
      </View>
      <View className='card section'>
        <Text className='section__title'>专家意见</Text>
        {opinions.map((o) => <Text key={o.at}>{shanghaiTime(o.at)}：{o.text}</Text>)}
        <textarea className='expert__text' aria-label='专家意见' value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
        {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
        <Button className='btn btn--primary' disabled={!text.trim()} onClick={add}>提交意见（记入踏勘记录）</Button>
      </View>
    </View>
  );
}

export function ExpertOpinionView({ invitation, id }: { invitation?: string; id?: string }) {
  const detail = useResource(() => loadForExpert(invitation, id), `${invitation ?? ''}-${id ?? ''}`);
  return <AsyncView resource={detail}>{(d) => <Opinion detail={d} />}</AsyncView>;
}

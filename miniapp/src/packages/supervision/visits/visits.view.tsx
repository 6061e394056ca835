import { Button, Text, View } from '@tarojs/components';
import type { JointVisit } from '@ycta/shared/contracts/joint.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { shanghaiTime, shanghaiDay } from '../../../text/time';
import { jointRoutes } from '../../joint/joint.routes';
import { itemResultLabels, modeLabels, outcomeLabel, statusLabel } from '../../joint/joint-text';
import './visits.css';

const times = ['09:00', '10:00', '11:00', '14:30', '15:30', '16:30'];

/** The business picks the hour of a remote joint visit on its planned day (the departments' inspectors join then). */
function Booking({ visit, onBooked }: { visit: JointVisit; onBooked: (v: JointVisit) => void }) {
  const [problem, setProblem] = useState('');
  const now = Date.now();
  const open = times.filter((t) => Date.parse(`${visit.scheduledDate}T${t}:00+08:00`) > now);
  const book = (t: string) => api.call(jointRoutes.bookVisit, { params: { id: visit.id }, body: { start: new Date(`${visit.scheduledDate}T${t}:00+08:00`).toISOString() } })
    .then(onBooked, (err: unknown) => setProblem(messageOf(err)));
  return (
    <View className='supervision__booking'>
      <Text className='supervision__label'>{visit.bookedSlot ? '改约时间' : '请选择视频检查时间'}（{shanghaiDay(visit.scheduledDate)}）</Text>
      {open.length === 0 ? <Text className='hint'>当天已无可选时间，请联系协调人员。</Text> : (
        <View className='supervision__times'>
          {open.map((t) => <Button key={t} className='btn btn--plain btn--small supervision__time' onClick={() => book(t)}>{t}</Button>)}
        </View>
      )}
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

function VisitCard({ initial }: { initial: JointVisit }) {
  const [visit, setVisit] = useState(initial);
  const [booked, setBooked] = useState('');
  const items = visit.departments.flatMap((d) => d.items.map((i) => ({ department: d.departmentName, ...i })));
  const openCall = visit.outcome ? null : visit.calls.find((c) => !c.endedAt);
  return (
    <View className='card supervision__visit'>
      <Text className='supervision__title'>{visit.sceneName}综合检查 · {modeLabels[visit.mode]}</Text>
      <Text className='supervision__when'>
        {shanghaiDay(visit.scheduledDate)}{visit.bookedSlot ? ` ${shanghaiTime(visit.bookedSlot.start).slice(11)}` : ''} · {statusLabel(visit.status)}
      </Text>
      <Text className='hint'>{visit.departments.length} 个部门一次进门检查：{visit.departments.map((d) => d.departmentName).join('、')}，不再分别上门。</Text>
      {booked ? <View className='supervision__confirm' role='status'>{booked}</View> : null}
      {visit.mode === 'remote' && (visit.status === 'planned' || visit.status === 'booked')
        ? <Booking visit={visit} onBooked={(v) => { setVisit(v); setBooked(`已预约 ${shanghaiTime(v.bookedSlot!.start)}，请届时打开本页，用手机后置摄像头带检查人员查看现场。`); }} /> : null}
      {openCall ? (
        <View className='supervision__call'>
          <Text>检查人员已发起视频检查，请用手机后置摄像头带各部门检查人员查看现场。</Text>
          <Button className='btn btn--primary' onClick={() => openPage(pages.join(openCall.id))}>进入视频检查</Button>
        </View>
      ) : null}
      <View className='supervision__items'>
        <Text className='supervision__label'>{visit.outcome ? '检查结果' : '将检查的内容'}</Text>
        {items.map((i) => (
          <View key={`${i.department}-${i.id}`} className='supervision__item'>
            <Text>{i.department}：{i.title}</Text>
            <Text className={`supervision__result supervision__result--${i.result ?? 'none'}`}>{i.result ? itemResultLabels[i.result] : ''}</Text>
          </View>
        ))}
      </View>
      {visit.outcome ? <Text className='supervision__outcome'>综合结果：{outcomeLabel(visit.outcome)}</Text> : null}
      {visit.rectifications.length > 0 ? (
        <View className='supervision__items'>
          <Text className='supervision__label'>需要整改</Text>
          {visit.rectifications.map((r) => (
            <View key={r.id} className='supervision__rectification'>
              <Text>{r.title}</Text>
              <Text className='hint'>{r.requirement}</Text>
              <Text className='hint'>{r.status === 'open' ? `请于 ${shanghaiDay(r.dueDate)} 前整改完毕，检查人员将复查` : r.status === 'passed' ? '复查合格' : '复查未通过，已重新限期'}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** The business's side of 综合查一次: notices of joint visits, booking the remote ones, results and rectifications. */
export function SupervisionView() {
  const visits = useResource(() => api.call(jointRoutes.listVisits, {}).then((r) => r.items), 'mine');
  return (
    <View className='supervision'>
      <AsyncView resource={visits} isEmpty={(v) => v.length === 0} empty={<Text>暂无综合检查。监管部门安排联合检查时，您会在这里收到通知。</Text>}>
        {(items) => items.map((v) => <VisitCard key={v.id} initial={v} />)}
      </AsyncView>
    </View>
  );
}

import { Button, Text, Textarea, View } from '@tarojs/components';
import type { JointVisit } from '@ycta/shared/contracts/joint.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage } from '../../../navigation';
import { inspectorPages } from '../../inspector/inspector.routes';
import { creditTierNames } from '../../../text/credit';
import { shanghaiTime, shanghaiDay } from '../../../text/time';
import { jointRoutes } from '../joint.routes';
import { itemResultLabels, modeLabels, outcomeLabel, statusLabel } from '../joint-text';
import './visit.css';

type Department = JointVisit['departments'][number];
type Item = Department['items'][number];
type Result = keyof typeof itemResultLabels;

/** One item: its state for everyone; judging buttons for the department's own inspector while the visit is open. */
function ItemRow({ visit, department, item, mine, onChanged }: { visit: JointVisit; department: Department; item: Item; mine: boolean; onChanged: (v: JointVisit) => void }) {
  const [note, setNote] = useState(item.note ?? '');
  const [problem, setProblem] = useState('');
  const judge = (result: Result) => {
    if (result === 'fail' && !note.trim()) { setProblem('判定不合格时请写明发现的问题'); return; }
    setProblem('');
    api.call(jointRoutes.judgeItem, { params: { id: visit.id, departmentCode: department.departmentCode, itemId: item.id }, body: { result, note, photoIds: [] } })
      .then(onChanged, (err: unknown) => setProblem(messageOf(err)));
  };
  return (
    <View className={`joint-item ${item.result ? `joint-item--${item.result}` : ''}`}>
      <View className='joint-item__head'>
        <Text className='joint-item__title'>{item.title}{item.serious ? '（重点项）' : ''}</Text>
        <Text className='joint-item__result'>{item.result ? itemResultLabels[item.result] : '未判定'}</Text>
      </View>
      <Text className='hint'>{item.guidance} · 依据：{item.basis}</Text>
      {item.note ? <Text className='hint'>检查意见：{item.note}</Text> : null}
      {mine && !visit.outcome ? (
        <View className='joint-item__judge'>
          <Textarea className='text-input joint-item__note' aria-label={`${item.title} 检查意见`} placeholder='检查意见（不合格时必填）' value={note} onInput={(e) => setNote(e.detail.value)} />
          <View className='joint-item__buttons'>
            {(Object.keys(itemResultLabels) as Result[]).map((r) => (
              <Button key={r} className={`btn btn--small ${r === 'fail' ? 'btn--warn' : r === 'pass' ? 'btn--primary' : 'btn--plain'}`} onClick={() => judge(r)}>{itemResultLabels[r]}</Button>
            ))}
          </View>
        </View>
      ) : null}
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

/** When every department has judged: the requirements for each failed item, then the combined result. */
function Conclusion({ visit, onChanged }: { visit: JointVisit; onChanged: (v: JointVisit) => void }) {
  const failed = visit.departments.flatMap((d) => d.items.filter((i) => i.result === 'fail').map((i) => ({ key: `${d.departmentCode}:${i.id}`, department: d.departmentName, item: i })));
  const [requirements, setRequirements] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const pending = visit.departments.filter((d) => d.items.some((i) => i.result === null)).map((d) => d.departmentName);
  if (pending.length > 0) return <Text className='hint'>待 {pending.join('、')} 完成判定后汇总结果。</Text>;
  const conclude = () => api.call(jointRoutes.conclude, { params: { id: visit.id }, body: { requirements } }).then(onChanged, (err: unknown) => setProblem(messageOf(err)));
  return (
    <View className='card joint-conclude'>
      <Text className='joint-section__title'>汇总结果</Text>
      {failed.length === 0 ? <Text className='hint'>各部门检查项均合格或不涉及，汇总后本次检查办结。</Text> : failed.map((f) => (
        <View key={f.key} className='joint-conclude__row'>
          <Text>{f.department}：{f.item.title}{f.item.serious ? '（重点项不合格，将报送信用扣减）' : ''}</Text>
          <Textarea className='text-input' aria-label={`${f.item.title} 整改要求`} placeholder='整改要求' value={requirements[f.key] ?? ''} onInput={(e) => setRequirements((r) => ({ ...r, [f.key]: e.detail.value }))} />
        </View>
      ))}
      <Button className='btn btn--primary' onClick={conclude}>汇总各部门结果</Button>
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

function Rectifications({ visit, userId, onChanged }: { visit: JointVisit; userId: string; onChanged: (v: JointVisit) => void }) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const recheck = (id: string, passed: boolean) => {
    const note = notes[id]?.trim();
    if (!note) { setProblem('请填写复查意见'); return; }
    api.call(jointRoutes.recheck, { params: { id: visit.id, rectificationId: id }, body: { passed, note } }).then(onChanged, (err: unknown) => setProblem(messageOf(err)));
  };
  if (visit.rectifications.length === 0) return null;
  return (
    <View className='card joint-rectifications'>
      <Text className='joint-section__title'>整改事项</Text>
      {visit.rectifications.map((r) => {
        const mine = visit.departments.find((d) => d.departmentCode === r.departmentCode)?.inspectorId === userId;
        return (
          <View key={r.id} className='joint-rectification'>
            <Text>{visit.departments.find((d) => d.departmentCode === r.departmentCode)?.departmentName}：{r.title}</Text>
            <Text className='hint'>整改要求：{r.requirement} · 期限 {shanghaiDay(r.dueDate)}</Text>
            <Text className='hint'>{r.status === 'open' ? '待复查' : r.status === 'passed' ? `复查合格（${r.recheckNote}）` : `复查未通过（${r.recheckNote}），已重新限期整改`}</Text>
            {mine && r.status === 'open' ? (
              <View className='joint-item__judge'>
                <Textarea className='text-input' aria-label={`${r.title} 复查意见`} placeholder='复查意见' value={notes[r.id] ?? ''} onInput={(e) => setNotes((n) => ({ ...n, [r.id]: e.detail.value }))} />
                <View className='joint-item__buttons'>
                  <Button className='btn btn--primary btn--small' onClick={() => recheck(r.id, true)}>复查合格</Button>
                  <Button className='btn btn--warn btn--small' onClick={() => recheck(r.id, false)}>复查不合格</Button>
                </View>
              </View>
            ) : null}
          </View>
        );
      })}
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

/** A remote visit is held in the video room: the business's camera and each department's inspector in one call. */
function RemoteCall({ visit, participant, onChanged }: { visit: JointVisit; participant: boolean; onChanged: (v: JointVisit) => void }) {
  const [problem, setProblem] = useState('');
  const open = visit.calls.find((c) => !c.endedAt);
  // the drawn inspectors enter the room; the coordinator starts it for them and the business
  const start = () => api.call(jointRoutes.startCall, { params: { id: visit.id } }).then((v) => {
    onChanged(v);
    const call = v.calls.find((c) => !c.endedAt);
    if (call && participant) openPage(inspectorPages.room(call.id));
  }, (err: unknown) => setProblem(messageOf(err)));
  return (
    <View className='card joint-call'>
      <Text className='joint-section__title'>远程视频检查</Text>
      {visit.calls.map((c) => (
        <Text key={c.id} className='hint'>
          {shanghaiTime(c.startedAt)} 发起 · {c.endedAt ? `已结束，时长 ${Math.max(1, Math.round((c.durationSeconds ?? 0) / 60))} 分钟` : '进行中'}
        </Text>
      ))}
      {!visit.outcome && (participant || !open) ? (
        <Button className='btn btn--primary' onClick={start}>{open ? '进入视频检查' : '发起远程视频检查'}</Button>
      ) : null}
      {open && !participant ? <View className='joint-call__open' role='status'>视频检查已发起，经营主体和各部门检查人员可从各自页面进入。</View> : null}
      <Text className='hint'>经营主体用手机后置摄像头带各部门检查人员查看现场；各部门在视频中只判定本部门的检查项，判定即时记入本次检查。</Text>
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

function ChainBadge({ id }: { id: string }) {
  const verify = useResource(() => api.call(jointRoutes.verifyVisit, { params: { id } }), id);
  if (verify.status !== 'ready') return <Text className='hint'>正在校验检查记录…</Text>;
  return verify.data.ok
    ? <Text className='joint-chain joint-chain--ok'>记录校验通过（{verify.data.length} 条事件，不可篡改）</Text>
    : <View className='joint-chain joint-chain--bad' role='alert'>记录校验未通过：第 {verify.data.firstBroken?.seq} 号事件 {verify.data.firstBroken?.reason}</View>;
}

/** One joint visit on a desk: each department's items (judged by its own inspector), the combined result, rectifications. */
export function VisitView({ id, userId, role }: { id: string; userId: string; role: string }) {
  const [fresh, setFresh] = useState<JointVisit | null>(null);
  const loaded = useResource(() => api.call(jointRoutes.getVisit, { params: { id } }), id);
  return (
    <AsyncView resource={loaded}>
      {(initial) => {
        const visit = fresh ?? initial;
        const participant = visit.departments.some((d) => d.inspectorId === userId);
        return (
          <View className='joint-visit'>
            <View className='card joint-visit__summary'>
              <Text className='joint-visit__subject'>{visit.subjectName}</Text>
              <Text className='hint'>{visit.siteAddress} · {creditTierNames[visit.tier]}{visit.tracked ? ' · 重点跟踪' : ''}</Text>
              <Text className='hint'>{visit.sceneName} · {modeLabels[visit.mode]} · {shanghaiDay(visit.scheduledDate)}{visit.bookedSlot ? ` ${shanghaiTime(visit.bookedSlot.start).slice(11)} 已预约` : ''}</Text>
              <Text className='joint-visit__status'>{statusLabel(visit.status)} · {outcomeLabel(visit.outcome)}{visit.outcome ? ` · 减少入企 ${visit.visitsSpared} 次` : ''}</Text>
              <ChainBadge id={visit.id} />
            </View>
            {visit.mode === 'remote' && (participant || role === 'staff') ? <RemoteCall visit={visit} participant={participant} onChanged={setFresh} /> : null}
            <View className='joint-departments'>
              {visit.departments.map((d) => (
                <View key={d.departmentCode} className='card joint-department'>
                  <Text className='joint-section__title'>{d.departmentName} · {d.inspectorName}{d.inspectorId === userId ? '（我）' : ''}</Text>
                  {d.items.map((item) => <ItemRow key={item.id} visit={visit} department={d} item={item} mine={d.inspectorId === userId} onChanged={setFresh} />)}
                </View>
              ))}
            </View>
            {!visit.outcome && (participant || role === 'staff') ? <Conclusion visit={visit} onChanged={setFresh} /> : null}
            <Rectifications visit={visit} userId={userId} onChanged={setFresh} />
          </View>
        );
      }}
    </AsyncView>
  );
}

import { Button, Text, View } from '@tarojs/components';
import type { ApplicationSummary, InspectorLoad } from '@ycta/shared/contracts/applications.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiDate } from '../../../text/time';
import { staffRoutes } from '../staff.routes';
import { ReassignForm } from './reassign-form';
import './assignment.css';

const finished = new Set(['approved', 'rejected', 'withdrawn']);

async function loadDesk() {
  const [applications, loads] = await Promise.all([
    api.call(staffRoutes.listApplications, { query: { limit: 100 } }),
    api.call(staffRoutes.inspectorLoads),
  ]);
  return { open: applications.items.filter((a) => !finished.has(a.status)), loads: loads.items };
}

function namesOf(ids: string[], loads: InspectorLoad[]): string {
  if (!ids.length) return '未分派';
  return ids.map((id) => loads.find((l) => l.id === id)?.displayName ?? '已停用的账号').join('、');
}

/** 任务分派: each open application with its inspectors; staff move one to others, seeing what each already carries. */
export function AssignmentView() {
  const [round, setRound] = useState(0);
  const desk = useResource(loadDesk, `assignment-${round}`);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState('');

  return (
    <AsyncView resource={desk} isEmpty={(d) => d.open.length === 0} empty={<Text>没有在办的申请。</Text>}>
      {({ open, loads }) => (
        <View className='assignment'>
          <View className='card assignment__loads' aria-label='踏勘人员在办数'>
            <Text className='section__title'>踏勘人员在办申请</Text>
            <View className='assignment__load-row'>
              {loads.map((l) => <Text key={l.id} className='assignment__load'>{l.displayName}：{l.openApplications} 件</Text>)}
            </View>
          </View>
          {done ? <View role='status'><Text className='assignment__done'>{done}</Text></View> : null}
          <View className='assignment__table' aria-label='在办申请'>
            <View className='assignment__row assignment__row--head'>
              <Text>事项</Text><Text>经营主体</Text><Text>状态</Text>
              <Text>踏勘人员</Text><Text>操作</Text>
            </View>
            {open.map((a: ApplicationSummary) => (
              <View key={a.id} className='assignment__case'>
                <View className='assignment__row'>
                  <View className='assignment__cell'><Text>{a.matterName}</Text><Text className='hint'>提交于 {shanghaiDate(a.createdAt)}</Text></View>
                  <View className='assignment__cell'><Text>{a.subjectName}</Text><Text className='hint'>{a.siteAddress}</Text></View>
                  <Text>{a.statusLabel}</Text>
                  <Text className='assignment__inspectors'>{namesOf(a.assignedInspectorIds, loads)}</Text>
                  <Button className='btn btn--plain btn--small' onClick={() => { setEditing(editing === a.id ? null : a.id); setDone(''); }}>
                    {editing === a.id ? '收起' : '调整'}
                  </Button>
                </View>
                {editing === a.id ? (
                  <ReassignForm application={a} loads={loads} onCancel={() => setEditing(null)}
                    onAssigned={(names) => { setEditing(null); setDone(`已将「${a.subjectName} · ${a.matterName}」分派给 ${names}。`); setRound((r) => r + 1); }} />
                ) : null}
              </View>
            ))}
          </View>
        </View>
      )}
    </AsyncView>
  );
}

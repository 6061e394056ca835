import { Text, View } from '@tarojs/components';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage } from '../../../navigation';
import { shanghaiTime, shanghaiDay } from '../../../text/time';
import { jointPages, jointRoutes } from '../joint.routes';
import { modeLabels, statusLabel } from '../joint-text';
import '../plans/plans.css';

/** A department inspector's joint visits, soonest first: where, when, with whom, and what is left to do. */
export function VisitsView() {
  const visits = useResource(() => api.call(jointRoutes.listVisits, {}).then((r) => r.items), 'mine');
  return (
    <AsyncView resource={visits} isEmpty={(v) => v.length === 0} empty={<Text>暂无分派给您的综合检查。协调人员抽取计划后，这里会列出您参加的检查。</Text>}>
      {(items) => (
        <View className='card joint-table' role='table'>
          {items.map((v) => (
            <View key={v.id} className='joint-table__row' role='row' onClick={() => openPage(jointPages.visit(v.id))}>
              <View role='cell'>{shanghaiDay(v.scheduledDate)}{v.bookedSlot ? ` ${shanghaiTime(v.bookedSlot.start).slice(11)}` : ''}</View>
              <View role='cell' className='joint-table__main'>{v.subjectName}</View>
              <View role='cell'>{v.sceneName} · {modeLabels[v.mode]} · {v.departments.map((d) => d.departmentName).join('、')}</View>
              <View role='cell' className='joint-table__status'>{statusLabel(v.status)}</View>
            </View>
          ))}
        </View>
      )}
    </AsyncView>
  );
}

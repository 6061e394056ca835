import { Button, Text, View } from '@tarojs/components';
import type { InspectionSummary } from '@ycta/shared/contracts/inspections.contract';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import { expertPages, inspectorRoutes } from '../../inspector/inspector.routes';
import './invitations.css';

const groups: { title: string; empty: string; has: (i: InspectionSummary) => boolean }[] = [
  { title: '进行中', empty: '没有正在进行的视频踏勘', has: (i) => i.status === 'in_progress' },
  { title: '即将开始', empty: '没有已预约的视频踏勘', has: (i) => i.status === 'booked' || i.status === 'created' },
  { title: '已结束', empty: '还没有结束的踏勘', has: (i) => i.status === 'concluded' || i.status === 'cancelled' },
];

function Invitation({ item }: { item: InspectionSummary }) {
  const live = item.status === 'in_progress' || item.status === 'booked';
  return (
    <View className='invitation card'>
      <View className='invitation__facts'>
        <Text className='invitation__title'>{item.siteAddress ?? '地址未填写'}</Text>
        <Text className='hint'>{item.slot ? `${shanghaiTime(item.slot.start)} 至 ${shanghaiTime(item.slot.end).slice(11)}` : '尚未预约时段'} · {item.statusLabel}</Text>
      </View>
      <View className='invitation__actions'>
        {live ? <Button className='btn btn--small btn--primary' onClick={() => openPage(pages.room({ inspectionId: item.id, audioOnly: false }))}>进入视频踏勘</Button> : null}
        <Button className='btn btn--small btn--plain' onClick={() => openPage(expertPages.opinion(item.id))}>要点与意见</Button>
      </View>
    </View>
  );
}

/** 我的邀请: where an expert lands after signing in — the inspections they were invited to, now, soon and done (the page's DeskShell gives the title). */
export function InvitationsView() {
  const list = useResource(() => api.call(inspectorRoutes.listInspections, { query: { limit: 100 } }), 'invitations');
  return (
    <View className='invitations'>
      <AsyncView resource={list}>
        {(r) => (
          <>
            {groups.map((g) => {
              const items = r.items.filter(g.has);
              return (
                <View key={g.title} className='section'>
                  <Text className='section__title'>{g.title}（{items.length}）</Text>
                  {items.length ? items.map((i) => <Invitation key={i.id} item={i} />) : <Text className='hint'>{g.empty}</Text>}
                </View>
              );
            })}
          </>
        )}
      </AsyncView>
    </View>
  );
}

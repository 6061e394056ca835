import { Button, Text, View } from '@tarojs/components';
import type { ApplicationSummary } from '@ycta/shared/contracts/applications.contract';
import type { InspectionSummary } from '@ycta/shared/contracts/inspections.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import { inspectorPages, inspectorRoutes } from '../inspector.routes';
import { OfferSlots } from './offer-slots';
import './queue.css';

type Tab = 'today' | 'upcoming' | 'unbooked' | 'approval' | 'overdue';
const tabs: [Tab, string][] = [['today', '今日'], ['upcoming', '即将进行'], ['unbooked', '待预约'], ['approval', '待审批'], ['overdue', '已逾期']];
const empty: Record<Tab, string> = {
  today: '今天没有预约的踏勘。', upcoming: '没有即将进行的踏勘。', unbooked: '没有等待提供预约时段的踏勘。',
  approval: '没有等待审批的远程踏勘申请。', overdue: '没有逾期未办结的踏勘。',
};

/** One case; an offer is confirmed in place (the case stays under 待预约 until the applicant books). */
function InspectionItem({ item }: { item: InspectionSummary }) {
  const [offering, setOffering] = useState(false);
  const [offered, setOffered] = useState<string[]>([]);
  const open = item.status === 'created' || item.status === 'booked';
  return (
    <View className='card queue__item'>
      <Text className='queue__address'>{item.siteAddress ?? item.matterName}</Text>
      <Text className='hint'>{item.matterName} · {item.statusLabel}{item.slot ? ` · ${shanghaiTime(item.slot.start)}` : ' · 尚未预约'}</Text>
      <View className='queue__actions'>
        {item.status === 'booked' || item.status === 'in_progress'
          ? <Button className='btn btn--primary btn--small' onClick={() => openPage(inspectorPages.room(item.id))}>进入踏勘间</Button> : null}
        {open ? <Button className='btn btn--plain btn--small' onClick={() => setOffering(!offering)}>提供预约时段</Button> : null}
      </View>
      {offered.length ? (
        <View role='status' className='queue__offered'><Text>已提供 {offered.length} 个时段，申请人会收到通知：{offered.join('；')}</Text></View>
      ) : null}
      {offering ? <OfferSlots inspectionId={item.id} onOffered={(slots) => { setOffering(false); setOffered(slots); }} /> : null}
    </View>
  );
}

type Loaded = { kind: 'inspections'; items: InspectionSummary[] } | { kind: 'applications'; items: ApplicationSummary[] };

async function loadTab(tab: Tab): Promise<Loaded> {
  if (tab === 'approval') {
    const page = await api.call(inspectorRoutes.listApplications, { query: { status: 'awaiting_credit_approval', limit: 50 } });
    return { kind: 'applications', items: page.items };
  }
  // 待预约: no slot booked yet, so in neither today's nor the upcoming list; the inspector offers slots from here
  const query = tab === 'unbooked' ? { status: 'created' as const, limit: 50 } : { when: tab, limit: 50 };
  const list = await api.call(inspectorRoutes.listInspections, { query });
  return { kind: 'inspections', items: list.items };
}

/** The inspector's home: today's calls, the ones coming, requests waiting for approval, and overdue ones. */
export function QueueView() {
  const [tab, setTab] = useState<Tab>('today');
  const queue = useResource(() => loadTab(tab), tab);
  return (
    <View className='queue'>
      <View className='queue__tabs' role='tablist'>
        {tabs.map(([key, label]) => (
          <Button key={key} {...{ role: 'tab', 'aria-selected': tab === key }} className={`btn btn--small ${tab === key ? 'btn--primary' : 'btn--plain'}`} onClick={() => setTab(key)}>{label}</Button>
        ))}
      </View>
      <AsyncView resource={queue} isEmpty={(q) => q.items.length === 0} empty={<Text>{empty[tab]}</Text>}>
        {(q) => (q.kind === 'inspections'
          ? q.items.map((i) => <InspectionItem key={i.id} item={i} />)
          : q.items.map((a) => (
            <View key={a.id} className='card queue__item'>
              <Text className='queue__address'>{a.siteAddress}</Text>
              <Text className='hint'>{a.matterName} · {a.subjectName} · {a.statusLabel}</Text>
            </View>
          )))}
      </AsyncView>
    </View>
  );
}

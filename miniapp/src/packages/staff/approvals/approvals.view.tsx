import { Text, View } from '@tarojs/components';
import type { ApplicationSummary } from '@ycta/shared/contracts/applications.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiTime } from '../../../text/time';
import { staffRoutes } from '../staff.routes';
import { ApprovalCase } from './approval-case';
import './approvals.css';

const listWaiting = () => api.call(staffRoutes.listApplications, { query: { status: 'awaiting_credit_approval', limit: 50 } });

/**
 * 待审批: blue-tier subjects' requests for remote inspection, oldest first (the one waiting longest comes first).
 * Picking one shows its credit evidence and the decision form beside the list.
 */
export function ApprovalsView() {
  const [round, setRound] = useState(0);
  const waiting = useResource(listWaiting, `approvals-${round}`);
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <AsyncView resource={waiting} isEmpty={(p) => p.items.length === 0 && !done}
      empty={<Text>没有等待审批的远程踏勘申请。蓝色等级主体提出申请后会出现在这里。</Text>}>
      {(page) => {
        const items = [...page.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        const current = items.find((a) => a.id === chosen) ?? items[0];
        return (
          <View className='approvals'>
            {done ? <View className='approvals__done' role='status'><Text>{done}</Text></View> : null}
            {items.length === 0 ? <Text className='hint'>没有其他等待审批的申请。</Text> : null}
            <View className='approvals__list' aria-label='待审批申请'>
              {items.map((a: ApplicationSummary) => (
                <View key={a.id} className={`card approvals__item ${a.id === current?.id ? 'approvals__item--current' : ''}`}
                  onClick={() => { setChosen(a.id); setDone(null); }}>
                  <Text className='approvals__matter'>{a.matterName}</Text>
                  <Text>{a.subjectName}</Text>
                  <Text className='hint'>{a.siteAddress}</Text>
                  <Text className='hint'>提交于 {shanghaiTime(a.createdAt)}</Text>
                </View>
              ))}
            </View>
            {current ? (
              <ApprovalCase key={current.id} summary={current}
                onDecided={(message) => { setDone(message); setChosen(null); setRound((r) => r + 1); }} />
            ) : null}
          </View>
        );
      }}
    </AsyncView>
  );
}

import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AcceptanceQueueItem } from '@ycta/shared/contracts/materials.contract';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiDay } from '../../../text/time';
import { AcceptanceCase } from './acceptance-case';
import { acceptanceRoutes } from './acceptance.routes';
import './acceptance.css';

/** What the desk must do with an item, in words, most urgent first. */
function workOf(item: AcceptanceQueueItem): { label: string; tone: 'stop' | 'action' | 'progress' } {
  const a = item.acceptance;
  if (a.status === 'awaiting') return { label: '待受理', tone: 'action' };
  if (a.status === 'returned') return { label: '已退回，待申请人补正', tone: 'progress' };
  if (a.clockStoppedOn) return { label: `后补逾期，${shanghaiDay(a.clockStoppedOn)}起停止计时`, tone: 'stop' };
  if (item.openGaps > 0 && a.supplementDueOn) return { label: `容缺后补中，${shanghaiDay(a.supplementDueOn)}截止`, tone: 'progress' };
  return { label: `${item.openChecks} 项承诺待核查`, tone: 'action' };
}

/** 受理台: the sets handed in, gaps being supplemented, stopped clocks and commitments to verify; one case beside the list. */
export function AcceptanceDeskView() {
  const [round, setRound] = useState(0);
  const queue = useResource(() => api.call(acceptanceRoutes.queue), String(round));
  const [chosen, setChosen] = useState<string | null>(null);

  return (
    <View className='acceptance'>
      <View className='acceptance__list'>
        <Text className='acceptance__heading'>受理事项</Text>
        <AsyncView resource={queue} isEmpty={(d) => d.items.length === 0} empty={<Text>暂无待受理、后补或待核查的申请。申请人提交材料后会出现在这里。</Text>}>
          {(d) => d.items.map((item) => {
            const work = workOf(item);
            return (
              <View
                key={item.applicationId}
                className={`acceptance__item ${item.applicationId === chosen ? 'acceptance__item--chosen' : ''}`}
                aria-selected={item.applicationId === chosen}
                onClick={() => setChosen(item.applicationId)}
              >
                <Text className='acceptance__subject'>{item.subjectName}</Text>
                <Text className='acceptance__matter'>{item.matterName}</Text>
                <Text className='acceptance__address'>{item.siteAddress}</Text>
                <Text className={`acceptance__work acceptance__work--${work.tone}`}>{work.label}</Text>
              </View>
            );
          })}
        </AsyncView>
      </View>
      <View className='acceptance__case'>
        {chosen
          ? <AcceptanceCase key={chosen} id={chosen} onChanged={() => setRound((r) => r + 1)} />
          : <Text className='acceptance__placeholder'>从左侧选择一件申请，查看材料并作出受理决定。</Text>}
      </View>
    </View>
  );
}

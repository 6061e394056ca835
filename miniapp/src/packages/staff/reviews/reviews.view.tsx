import { Button, Input, Text, View } from '@tarojs/components';
import type { InspectionSummary } from '@ycta/shared/contracts/inspections.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import { staffPages, staffRoutes } from '../staff.routes';
import './reviews.css';

const modeLabels = { remote: '远程', onsite: '现场' } as const;

function matches(i: InspectionSummary, text: string, mode: string): boolean {
  if (mode && i.mode !== mode) return false;
  if (!text) return true;
  return [i.siteAddress ?? '', i.matterCode, i.id].some((field) => field.toLowerCase().includes(text.toLowerCase()));
}

/** Finished inspections for review: filter by address, matter or id, and by mode. */
export function ReviewsView() {
  const finished = useResource(() => api.call(staffRoutes.listInspections, { query: { status: 'concluded', limit: 100 } }), 'concluded');
  const [text, setText] = useState('');
  const [mode, setMode] = useState('');

  return (
    <View className='reviews'>
      <View className='card reviews__filters'>
        <Input className='text-input reviews__search' placeholder='搜索地址、事项或编号' value={text} onInput={(e) => setText(e.detail.value)} />
        {[['', '全部'], ['remote', '远程'], ['onsite', '现场']].map(([value, label]) => (
          <Button key={value} className={`btn btn--small ${mode === value ? 'btn--primary' : 'btn--plain'}`} onClick={() => setMode(value!)}>{label}</Button>
        ))}
        <Button className='btn btn--plain btn--small' onClick={() => openPage(staffPages.figures)}>办件统计</Button>
      </View>
      <AsyncView resource={finished} isEmpty={(r) => r.items.length === 0} empty={<Text>还没有办结的踏勘。</Text>}>
        {(r) => {
          const shown = r.items.filter((i) => matches(i, text.trim(), mode));
          if (!shown.length) return <View className='state state--empty'><Text>没有符合条件的踏勘。</Text></View>;
          return shown.map((i) => (
            <View key={i.id} className='card reviews__item' onClick={() => openPage(staffPages.review(i.id))}>
              <Text className='reviews__address'>{i.siteAddress ?? '（无地址）'}</Text>
              <Text className='hint'>{i.matterCode} · {modeLabels[i.mode]} · {i.statusLabel}{i.slot ? ` · ${shanghaiTime(i.slot.start)}` : ''}</Text>
            </View>
          ));
        }}
      </AsyncView>
    </View>
  );
}

import { Button, Input, Text, View } from '@tarojs/components';
import type { InspectionSummary } from '@ycta/shared/contracts/inspections.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useMorePages } from '../../../hooks/use-more-pages';
import { useResource } from '../../../hooks/use-resource';
import { openPage } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import { staffPages, staffRoutes } from '../staff.routes';
import './reviews.css';

const PAGE_SIZE = 30;
const modeLabels = { remote: '远程', onsite: '现场' } as const;
type Mode = '' | 'remote' | 'onsite';

interface Search { q: string; mode: Mode }

const listPage = (search: Search, cursor?: string) => api.call(staffRoutes.listInspections, {
  query: {
    status: 'concluded', order: 'recent', limit: PAGE_SIZE,
    ...(search.q ? { q: search.q } : {}), ...(search.mode ? { mode: search.mode } : {}), ...(cursor ? { cursor } : {}),
  },
});

function ReviewItem({ i }: { i: InspectionSummary }) {
  return (
    <View className='card reviews__item' onClick={() => openPage(staffPages.review(i.id))}>
      <Text className='reviews__address'>{i.siteAddress ?? '（无地址）'}</Text>
      <Text className='hint'>{i.matterName} · {modeLabels[i.mode]} · {i.statusLabel}{i.slot ? ` · ${shanghaiTime(i.slot.start)}` : ''}</Text>
    </View>
  );
}

/**
 * Finished inspections for review, newest first, a page at a time: searched by the BFF (address, matter or id) and
 * filtered by mode, so every one of them stays reachable however many the office has.
 */
export function ReviewsView() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState<Search>({ q: '', mode: '' });
  const first = useResource(() => listPage(search), `reviews-${search.mode}-${search.q}`);
  const more = useMorePages(first.status === 'ready' ? first.data : null, (cursor) => listPage(search, cursor));
  const filtered = search.q !== '' || search.mode !== '';

  return (
    <View className='reviews'>
      <View className='card reviews__filters'>
        <Input className='text-input reviews__search' placeholder='搜索地址、事项或编号' value={text}
          onInput={(e) => setText(e.detail.value)} onConfirm={() => setSearch((s) => ({ ...s, q: text.trim() }))} />
        <Button className='btn btn--primary btn--small' onClick={() => setSearch((s) => ({ ...s, q: text.trim() }))}>搜索</Button>
        {([['', '全部'], ['remote', '远程'], ['onsite', '现场']] as const).map(([value, label]) => (
          <Button key={value} className={`btn btn--small ${search.mode === value ? 'btn--primary' : 'btn--plain'}`} onClick={() => setSearch((s) => ({ ...s, mode: value }))}>{label}</Button>
        ))}
        <Button className='btn btn--plain btn--small' onClick={() => openPage(staffPages.figures)}>办件统计</Button>
        <Button className='btn btn--plain btn--small' onClick={() => openPage(staffPages.presite)}>预选址</Button>
      </View>
      <AsyncView resource={first} isEmpty={(r) => r.items.length === 0}
        empty={<Text>{filtered ? '没有符合条件的踏勘。' : '还没有办结的踏勘。'}</Text>}>
        {() => (
          <>
            {more.items.map((i) => <ReviewItem key={i.id} i={i} />)}
            {more.problem ? <Text className='error-text'>{more.problem}</Text> : null}
            {more.cursor ? <Button className='btn btn--plain' loading={more.busy} disabled={more.busy} onClick={more.loadMore}>加载更多</Button> : null}
          </>
        )}
      </AsyncView>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import type { ApplicationSummary } from '@ycta/shared/contracts/applications.contract';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { messageOf } from '../../api/api-error';
import { routes } from '../../api/routes';
import { AsyncView } from '../../components/async-view';
import { StatusBadge } from '../../components/status-badge';
import { useResource } from '../../hooks/use-resource';
import { openPage, pages } from '../../navigation';
import { shanghaiDate } from '../../text/time';
import './applications.css';

const PAGE_SIZE = 20;

interface Later { items: ApplicationSummary[]; nextCursor: string | null; busy: boolean; problem: string }

function ApplicationCard({ a }: { a: ApplicationSummary }) {
  return (
    <View className='card applications__item' hoverClass='card--pressed' onClick={() => openPage(pages.applicationDetail(a.id))}>
      <View className='applications__row'>
        <Text className='applications__matter'>{a.matterName}</Text>
        <StatusBadge status={a.status} label={a.statusLabel} />
      </View>
      <Text className='applications__address'>{a.siteAddress}</Text>
      <Text className='hint'>提交于 {shanghaiDate(a.createdAt)}</Text>
    </View>
  );
}

/** 我的申请: each application with its status, newest first, a page at a time. `visit` reloads on every show. */
export function ApplicationsView({ visit = 0 }: { visit?: number }) {
  const first = useResource(() => api.call(routes.listApplications, { query: { limit: PAGE_SIZE } }), `applications-${visit}`);
  const [later, setLater] = useState<Later | null>(null);
  const firstPage = first.status === 'ready' ? first.data : null;
  useEffect(() => setLater(null), [firstPage]); // a reload starts the paging over

  const loadMore = async (cursor: string) => {
    setLater((l) => ({ items: l?.items ?? [], nextCursor: cursor, busy: true, problem: '' }));
    try {
      const page = await api.call(routes.listApplications, { query: { limit: PAGE_SIZE, cursor } });
      setLater((l) => ({ items: [...(l?.items ?? []), ...page.items], nextCursor: page.nextCursor, busy: false, problem: '' }));
    } catch (err) {
      setLater((l) => ({ items: l?.items ?? [], nextCursor: cursor, busy: false, problem: messageOf(err) }));
    }
  };

  return (
    <View className='applications'>
      <View className='applications__header'>
        <Text className='applications__title'>我的申请</Text>
        <Button className='btn btn--primary btn--small' onClick={() => openPage(pages.createApplication)}>新建申请</Button>
      </View>
      <AsyncView resource={first} isEmpty={(d) => d.items.length === 0} empty={<Text>您还没有申请。点击“新建申请”开始办理。</Text>}>
        {(d) => {
          const cursor = later ? later.nextCursor : d.nextCursor;
          return (
            <>
              {[...d.items, ...(later?.items ?? [])].map((a) => <ApplicationCard key={a.id} a={a} />)}
              {later?.problem ? <Text className='error-text'>{later.problem}</Text> : null}
              {cursor ? (
                <Button className='btn btn--plain' loading={later?.busy} disabled={later?.busy} onClick={() => loadMore(cursor)}>加载更多</Button>
              ) : null}
            </>
          );
        }}
      </AsyncView>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import type { ApplicationSummary } from '@ycta/shared/contracts/applications.contract';
import { api } from '../../api';
import { routes } from '../../api/routes';
import { AsyncView } from '../../components/async-view';
import { StatusBadge } from '../../components/status-badge';
import { useMorePages } from '../../hooks/use-more-pages';
import { useResource } from '../../hooks/use-resource';
import { signOutEverywhere } from '../../auth/session-guard';
import { openPage, pages } from '../../navigation';
import { shanghaiDate } from '../../text/time';
import './applications.css';
import { PresiteEntry } from './presite-entry';

const PAGE_SIZE = 20;

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
  const more = useMorePages(first.status === 'ready' ? first.data : null,
    (cursor) => api.call(routes.listApplications, { query: { limit: PAGE_SIZE, cursor } }));

  return (
    <View className='applications'>
      <View className='applications__header'>
        <Text className='applications__title'>我的申请</Text>
        <Button className='btn btn--primary btn--small' onClick={() => openPage(pages.createApplication)}>新建申请</Button>
        <Button className='btn btn--plain btn--small' onClick={() => void signOutEverywhere()}>退出登录</Button>
      </View>
      <AsyncView resource={first} isEmpty={(d) => d.items.length === 0} empty={<Text>您还没有申请。点击“新建申请”开始办理。</Text>}>
        {() => (
          <>
            {more.items.map((a) => <ApplicationCard key={a.id} a={a} />)}
            {more.problem ? <Text className='error-text'>{more.problem}</Text> : null}
            {more.cursor ? <Button className='btn btn--plain' loading={more.busy} disabled={more.busy} onClick={more.loadMore}>加载更多</Button> : null}
          </>
        )}
      </AsyncView>
      <PresiteEntry visit={visit} />
      <Button className='btn btn--plain applications__more' onClick={() => openPage(pages.supervision)}>综合检查通知（综合查一次）</Button>
      <Button className='btn btn--plain applications__more' onClick={() => openPage(pages.myCredit)}>我的信用（失信记录与信用修复）</Button>
    </View>
  );
}

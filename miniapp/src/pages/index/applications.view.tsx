import { Button, Text, View } from '@tarojs/components';
import { api } from '../../api';
import { routes } from '../../api/routes';
import { AsyncView } from '../../components/async-view';
import { StatusBadge } from '../../components/status-badge';
import { useResource } from '../../hooks/use-resource';
import { openPage, pages } from '../../navigation';
import { shanghaiDate } from '../../text/time';
import './applications.css';

/** 我的申请: each application with its status and how long is left. `visit` reloads on every page show. */
export function ApplicationsView({ visit = 0 }: { visit?: number }) {
  const list = useResource(() => api.call(routes.listApplications, { query: { limit: 50 } }), `applications-${visit}`);

  return (
    <View className='applications'>
      <View className='applications__header'>
        <Text className='applications__title'>我的申请</Text>
        <Button className='btn btn--primary btn--small' onClick={() => openPage(pages.createApplication)}>新建申请</Button>
      </View>
      <AsyncView
        resource={list}
        isEmpty={(d) => d.items.length === 0}
        empty={<Text>您还没有申请。点击“新建申请”开始办理。</Text>}
      >
        {(d) => d.items.map((a) => (
          <View key={a.id} className='card applications__item' hoverClass='card--pressed' onClick={() => openPage(pages.applicationDetail(a.id))}>
            <View className='applications__row'>
              <Text className='applications__matter'>{a.matterName}</Text>
              <StatusBadge status={a.status} label={a.statusLabel} />
            </View>
            <Text className='applications__address'>{a.siteAddress}</Text>
            <Text className='hint'>提交于 {shanghaiDate(a.createdAt)}</Text>
          </View>
        ))}
      </AsyncView>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { api } from '../../api';
import { useResource } from '../../hooks/use-resource';
import { openPage, pages } from '../../navigation';
import { presiteRoutes } from '../../packages/presite/presite.routes';

/** 预选址 on the applicant's home: ask before renting, and the requests already made with their state. */
export function PresiteEntry({ visit = 0 }: { visit?: number }) {
  const mine = useResource(() => api.call(presiteRoutes.list, { query: {} }), `presite-mine-${visit}`);
  return (
    <View className='card section'>
      <View className='applications__header'>
        <Text className='applications__title'>预选址咨询</Text>
        <Button className='btn btn--plain btn--small' onClick={() => openPage(pages.presiteRequest)}>租房前先问</Button>
      </View>
      <Text className='hint'>开网吧、娱乐场所、托育机构前，先确认场所能否办证。</Text>
      {mine.status === 'ready' ? mine.data.items.slice(0, 5).map((s) => (
        <View key={s.id} className='presite-entry__item' onClick={() => openPage(pages.presiteDetail(s.id))}>
          <Text>{s.matterName}：{s.siteAddress}</Text>
          <Text className='hint'>{s.statusLabel}{s.status === 'submitted' ? `，${s.dueOn} 前出具意见书` : '，可下载意见书'}</Text>
        </View>
      )) : null}
      {mine.status === 'error' ? <Text className='error-text'>预选址记录加载失败：{mine.error.message}</Text> : null}
    </View>
  );
}

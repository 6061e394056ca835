import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { creditTierNames } from '../../../text/credit';
import { shanghaiTime } from '../../../text/time';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { OutcomeList } from '../outcome-list';
import { openLetter } from '../letter';
import { presiteRoutes } from '../presite.routes';
import { SitePhotos } from './site-photos';
import './detail.css';

const decisionText = { compliant: '符合', noncompliant: '不符合', manual: '需人工核实' } as const;

/**
 * One 预选址 request for its subject: the preliminary pre-check at once, the advice letter once staff issued it.
 * Read again on every return to the page (`visit`), e.g. back from the remote look.
 */
export function PresiteDetailView({ id, visit = 0 }: { id: string; visit?: number }) {
  const request = useResource(() => api.call(presiteRoutes.get, { params: { id } }), `presite-${id}-${visit}`);
  const [letterState, setLetterState] = useState('');
  const download = () => {
    setLetterState('正在下载意见书…');
    openLetter(id).then(() => setLetterState('意见书已下载'), (err: Error) => setLetterState(err.message));
  };

  return (
    <View className='presite-detail'>
      <AsyncView resource={request}>
        {(r) => (
          <>
            <View className='card section'>
              <Text className='presite-detail__title'>{r.matterName}</Text>
              <Text>{r.siteAddress}</Text>
              <Text className='hint'>编号 {r.id.slice(-8)} · 提交于 {shanghaiTime(r.submittedAt)} · 信用等级：{r.creditTier ? creditTierNames[r.creditTier] : '未取得'}</Text>
              <Text className={`presite-detail__status presite-detail__status--${r.status}`}>
                {r.status === 'advised' ? '意见书已出具' : `工作人员审核中：${r.dueOn} 前出具意见书（${r.timeLimitWorkingDays} 个工作日内）`}
              </Text>
            </View>
            {r.calls.some((c) => !c.endedAt) ? (
              <View className='card section presite-detail__look'>
                <Text>工作人员请您用手机摄像头带他们远程查看选址现场。</Text>
                <Button className='btn btn--primary' onClick={() => openPage(pages.join(r.calls.find((c) => !c.endedAt)!.id))}>进入视频查看</Button>
              </View>
            ) : null}
            {r.advice ? (
              <View className='card section'>
                <Text className='section__title'>正式意见书</Text>
                <Text className={`presite-detail__decision presite-detail__decision--${r.advice.decision}`}>结论：{r.advice.decisionLabel}</Text>
                <Text className='hint'>有效期至 {r.advice.validUntil} · 审核人 {r.advice.issuedByName} · 用时 {r.advice.workingDaysTaken} 个工作日</Text>
                {r.advice.note ? <Text>审核意见：{r.advice.note}</Text> : null}
                <OutcomeList outcomes={r.advice.outcomes} />
                <Button className='btn btn--primary' onClick={download}>下载意见书（PDF）</Button>
                {letterState ? <View className='hint' role='status'>{letterState}</View> : null}
                {r.advice.decision !== 'noncompliant' ? (
                  <Button className='btn btn--plain' onClick={() => openPage(pages.createApplication)}>在此场所申请许可</Button>
                ) : null}
              </View>
            ) : null}
            <View className='card section presite-detail__precheck'>
              <Text className='section__title'>初步预检（系统自动生成，仅供参考）</Text>
              <Text className='presite-detail__preliminary'>
                初步结论：{decisionText[r.precheckDecision]}。这是按您填写的信息和地图数据自动比对的结果，不是审批意见，请以工作人员出具的意见书为准。
              </Text>
              {r.layer?.demo ? <Text className='hint'>注意：周边场所数据为演示数据（{r.layer.label}）。</Text> : null}
              <OutcomeList outcomes={r.precheck} />
            </View>
            <SitePhotos requestId={r.id} photos={r.photos} open={r.status === 'submitted'} />
          </>
        )}
      </AsyncView>
    </View>
  );
}

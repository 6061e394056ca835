import { Button, Text, View } from '@tarojs/components';
import type { RepairCase } from '@ycta/shared/contracts/credit-repair.contract';
import { openPage, pages } from '../../../navigation';
import { creditTierNames } from '../../../text/credit';
import { commitmentVersion, itemStatusText, recordTitle, repairClockText } from '../../../text/repair';
import { shanghaiTime } from '../../../text/time';

const itemTone = (item: RepairCase['items'][number]) => (!item.decision ? 'wait' : item.decision.accept ? 'ok' : 'no');

/** The applicant's repair cases, newest first: the clock, each record's answer, what they were told, the new tier. */
export function RepairCases({ cases }: { cases: RepairCase[] }) {
  return (
    <View className='card section' aria-label='我的修复申请'>
      <Text className='credit__heading'>我的修复申请</Text>
      {cases.map((c) => (
        <View key={c.id} className='repair-case'>
          <View className='repair-case__row'>
            <Text className='repair-case__when'>提交于 {shanghaiTime(c.submittedAt)}</Text>
            <Text className={`badge ${c.state === 'open' ? 'badge--progress' : 'badge--done'}`}>{c.state === 'open' ? '审核中' : '已办结'}</Text>
          </View>
          <Text className={`repair-case__clock ${c.state === 'open' && c.clock.workingDaysLeft <= 1 ? 'repair-case__clock--soon' : ''}`}>{repairClockText(c)}</Text>
          {c.items.map((item) => (
            <View key={item.recordId} className={`repair-item repair-item--${itemTone(item)}`}>
              <Text className='repair-item__title'>{recordTitle(item)}</Text>
              <Text className='repair-item__status'>{itemStatusText(item)}</Text>
            </View>
          ))}
          <Text className='hint'>已签署信用承诺书（版本 {commitmentVersion(c.commitment.version)}，{shanghaiTime(c.commitment.signedAt)}）</Text>
          {c.tierAfter ? (
            <View className='repair-case__after' role='status'>
              <Text>修复后信用等级：{creditTierNames[c.tierAfter]}</Text>
              {c.tierAfter !== 'black' ? <Button className='btn btn--primary' onClick={() => openPage(pages.home)}>回到我的申请，重新申请远程踏勘</Button> : null}
            </View>
          ) : null}
          <View className='repair-case__notices'>
            <Text className='section__title'>办理通知</Text>
            {[...c.notices].reverse().map((n) => <Text key={`${n.at}-${n.text}`} className='hint'>{shanghaiTime(n.at)} · {n.text}</Text>)}
          </View>
        </View>
      ))}
    </View>
  );
}

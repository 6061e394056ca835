import { Text, View } from '@tarojs/components';
import type { RepairCase } from '@ycta/shared/contracts/credit-repair.contract';
import { api } from '../../../api';
import { repairRoutes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { commitmentVersion, itemStatusText, recordKindNames, recordTitle, repairClockText, severityNames } from '../../../text/repair';
import { shanghaiTime } from '../../../text/time';
import { DecisionForm } from '../decision-form';
import { ChainBadge } from '../review/chain-badge';
import { ProofThumb } from './proof-thumb';

export type Item = RepairCase['items'][number];

interface Props {
  repairCase: RepairCase;
  item: Item;
  /** Whether this person decides the record (a reviewer of its department); staff see it read-only. */
  mayDecide: boolean;
  /** With the confirmation to show, naming what was decided. */
  onDecided: (message: string) => void;
}

/** One record of a case as its department sees it: the facts, the proofs, the commitment, the chain, the decision. */
export function RepairItem({ repairCase: c, item, mayDecide, onDecided }: Props) {
  const chain = useResource(() => api.call(repairRoutes.verify, { params: { id: c.id } }), `${c.id}-${item.recordId}`);
  const others = c.items.filter((i) => i.recordId !== item.recordId);

  const decide = async (accept: boolean, reason: string) => {
    await api.call(repairRoutes.decide, { params: { id: c.id, recordId: item.recordId }, body: { accept, reason } });
    onDecided(`已${accept ? '同意修复' : '不予修复'}${c.subjectName}的${recordTitle(item)}，申请人已收到通知。`);
  };

  return (
    <View className='card repairs__case' aria-label='修复申请详情'>
      <Text className='repairs__heading'>{c.subjectName}</Text>
      {c.uscc ? <Text className='hint'>统一社会信用代码 {c.uscc}</Text> : null}
      <Text className={`repairs__clock ${c.clock.workingDaysLeft <= 1 && c.state === 'open' ? 'repairs__clock--soon' : ''}`}>办理时限：{repairClockText(c)}</Text>
      <Text className='hint'>提交于 {shanghaiTime(c.submittedAt)} · 修复规则版本 {c.policyVersion}</Text>

      <View className='repairs__facts'>
        <Text className='section__title'>失信记录</Text>
        <Text className='repairs__record'>{recordKindNames[item.kind]} · {severityNames[item.severity]} · {item.decisionNo}</Text>
        <Text>{item.purpose}</Text>
        <Text className='hint'>认定部门：{item.departmentName}</Text>
      </View>

      <View className='repairs__facts'>
        <Text className='section__title'>证明材料（{item.proofs.length} 份）</Text>
        <View className='repairs__proofs'>{item.proofs.map((p, i) => <ProofThumb key={p.id} proof={p} index={i} />)}</View>
      </View>

      <View className='repairs__facts'>
        <Text className='section__title'>信用承诺书（版本 {commitmentVersion(c.commitment.version)}，{shanghaiTime(c.commitment.signedAt)} 签署）</Text>
        <Text className='repairs__commitment'>{c.commitment.text}</Text>
      </View>

      {others.length ? (
        <View className='repairs__facts'>
          <Text className='section__title'>同一申请的其他记录（由各自部门审核）</Text>
          {others.map((o) => <Text key={o.recordId} className='hint'>{recordTitle(o)} · {itemStatusText(o)}</Text>)}
        </View>
      ) : null}

      <AsyncView resource={chain}>{(v) => <ChainBadge verification={v} />}</AsyncView>

      {item.decision ? (
        <View className={`repairs__decided repairs__decided--${item.decision.accept ? 'ok' : 'no'}`} role='status'>
          <Text>{itemStatusText(item)}</Text>
          <Text className='hint'>{item.decision.by} · {shanghaiTime(item.decision.at)}</Text>
        </View>
      ) : mayDecide ? (
        <DecisionForm title='审核意见' reasonLabel='审核理由' placeholder='填写同意或不予修复的理由，申请人会看到' yes='同意修复' no='不予修复'
          confirmText={(yes) => (yes ? '确认同意修复这条记录？修复后不再计入信用评价。' : '确认不予修复这条记录？申请人可补充材料后重新申请。')} onDecide={decide} />
      ) : (
        <Text className='hint'>这条记录由{item.departmentName}的审核人员决定。</Text>
      )}
    </View>
  );
}

import { Button, Text, Textarea, View } from '@tarojs/components';
import type { RepairCase } from '@ycta/shared/contracts/credit-repair.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { repairRoutes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { commitmentVersion, itemStatusText, recordKindNames, recordTitle, repairClockText, severityNames } from '../../../text/repair';
import { shanghaiTime } from '../../../text/time';
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
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const others = c.items.filter((i) => i.recordId !== item.recordId);

  const ask = (accept: boolean) => {
    if (reason.trim().length < 2) return setProblem('请填写理由（至少 2 个字），申请人会看到它');
    setProblem('');
    return setConfirming(accept);
  };
  const decide = async (accept: boolean) => {
    setBusy(true);
    try {
      await api.call(repairRoutes.decide, { params: { id: c.id, recordId: item.recordId }, body: { accept, reason: reason.trim() } });
      onDecided(`已${accept ? '同意修复' : '不予修复'}${c.subjectName}的${recordTitle(item)}，申请人已收到通知。`);
    } catch (err) {
      setProblem(messageOf(err));
      setConfirming(null);
    } finally {
      setBusy(false);
    }
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
        <View className='repairs__decision'>
          <Text className='section__title'>审核意见</Text>
          <Textarea className='text-input repairs__reason' aria-label='审核理由' placeholder='填写同意或不予修复的理由，申请人会看到' value={reason}
            maxlength={500} onInput={(e) => { setReason(e.detail.value); setProblem(''); }} />
          {problem ? <View role='alert'><Text className='error-text'>{problem}</Text></View> : null}
          {confirming === null ? (
            <View className='repairs__buttons'>
              <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => ask(true)}>同意修复</Button>
              <Button className='btn btn--warn btn--small' disabled={busy} onClick={() => ask(false)}>不予修复</Button>
            </View>
          ) : (
            <View className='repairs__confirm' role='alertdialog' aria-label='确认审核意见'>
              <Text>{confirming ? '确认同意修复这条记录？修复后不再计入信用评价。' : '确认不予修复这条记录？申请人可补充材料后重新申请。'}理由：{reason.trim()}</Text>
              <View className='repairs__buttons'>
                <Button className={`btn btn--small ${confirming ? 'btn--primary' : 'btn--warn'}`} loading={busy} disabled={busy} onClick={() => void decide(confirming)}>确认</Button>
                <Button className='btn btn--plain btn--small' disabled={busy} onClick={() => setConfirming(null)}>取消</Button>
              </View>
            </View>
          )}
        </View>
      ) : (
        <Text className='hint'>这条记录由{item.departmentName}的审核人员决定。</Text>
      )}
    </View>
  );
}

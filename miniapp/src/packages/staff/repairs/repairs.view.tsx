import { Text, View } from '@tarojs/components';
import type { RepairCase } from '@ycta/shared/contracts/credit-repair.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { repairRoutes } from '../../../api/routes';
import { signedInUser } from '../../../auth/sign-in';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { recordTitle, repairClockText } from '../../../text/repair';
import { shanghaiTime } from '../../../text/time';
import { RepairItem, type Item } from './repair-item';
import '../review/review.css';
import './repairs.css';

interface Entry { repairCase: RepairCase; item: Item; key: string }

const listCases = () => api.call(repairRoutes.cases, { query: {} });

/** The records this person works on: a reviewer's own department's, everyone's for staff (read-only). */
function entriesOf(cases: RepairCase[], department: string | null): { waiting: Entry[]; decided: Entry[] } {
  const all = cases.flatMap((repairCase) => repairCase.items
    .filter((item) => department === null || item.departmentCode === department)
    .map((item) => ({ repairCase, item, key: `${repairCase.id}:${item.recordId}` })));
  return {
    // the case due first comes first
    waiting: all.filter((e) => !e.item.decision).sort((a, b) => a.repairCase.clock.deadline.localeCompare(b.repairCase.clock.deadline)),
    decided: all.filter((e) => e.item.decision).sort((a, b) => b.item.decision!.at.localeCompare(a.item.decision!.at)).slice(0, 20),
  };
}

/**
 * 信用修复 (reviewer desk): the records of the reviewer's department waiting for a decision, due first; picking one shows
 * its proofs, the commitment and the decision form beside the list; below, what the department decided lately.
 */
export function RepairsView() {
  const user = signedInUser();
  const department = user?.role === 'dept_reviewer' ? user.departmentCode ?? '' : null;
  const [round, setRound] = useState(0);
  const cases = useResource(listCases, `repairs-${round}`);
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <AsyncView resource={cases} isEmpty={(p) => p.items.length === 0 && !done}
      empty={<Text>还没有信用修复申请。企业提交修复申请后，本部门认定的记录会出现在这里，5 个工作日内办结。</Text>}>
      {(page) => {
        const { waiting, decided } = entriesOf(page.items, department);
        const current = waiting.find((e) => e.key === chosen) ?? decided.find((e) => e.key === chosen) ?? waiting[0];
        return (
          <View className='repairs'>
            {done ? <View className='repairs__done' role='status'><Text>{done}</Text></View> : null}
            <View className='repairs__side'>
              <Text className='repairs__list-title'>待审核（{waiting.length}）</Text>
              {waiting.length === 0 ? <Text className='hint'>没有等待{department === null ? '' : '本部门'}审核的记录。</Text> : null}
              {waiting.map((e) => <EntryCard key={e.key} entry={e} current={e.key === current?.key} onPick={() => { setChosen(e.key); setDone(null); }} />)}
              {decided.length ? <Text className='repairs__list-title'>最近已审核</Text> : null}
              {decided.map((e) => <EntryCard key={e.key} entry={e} current={e.key === current?.key} onPick={() => { setChosen(e.key); setDone(null); }} />)}
            </View>
            {current ? (
              <RepairItem key={current.key} repairCase={current.repairCase} item={current.item}
                mayDecide={department !== null && current.item.departmentCode === department}
                onDecided={(message) => { setDone(message); setChosen(null); setRound((r) => r + 1); }} />
            ) : null}
          </View>
        );
      }}
    </AsyncView>
  );
}

function EntryCard({ entry: { repairCase: c, item }, current, onPick }: { entry: Entry; current: boolean; onPick: () => void }) {
  return (
    <View className={`card repairs__item ${current ? 'repairs__item--current' : ''}`} onClick={onPick}>
      <Text className='repairs__subject'>{c.subjectName}</Text>
      <Text>{recordTitle(item)}</Text>
      <Text className='hint'>提交于 {shanghaiTime(c.submittedAt)} · {item.decision ? (item.decision.accept ? '已同意修复' : '已不予修复') : repairClockText(c)}</Text>
    </View>
  );
}

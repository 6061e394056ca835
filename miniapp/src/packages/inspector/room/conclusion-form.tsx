import { Button, Text, View } from '@tarojs/components';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { inspectorRoutes } from '../inspector.routes';

type Result = 'pass' | 'fail' | 'fix_and_recheck';
const labels: Record<Result, string> = { pass: '通过', fail: '不通过', fix_and_recheck: '整改后复查' };

/** Pass, fail, or fix-and-recheck with one rectification item per line and a deadline. */
export function ConclusionForm({ inspectionId, onConcluded }: { inspectionId: string; onConcluded: (d: InspectionDetail) => void }) {
  const [result, setResult] = useState<Result>('pass');
  const [summary, setSummary] = useState('');
  const [items, setItems] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = () => {
    setBusy(true);
    setProblem('');
    const rectificationItems = items.split('\n').map((s) => s.trim()).filter(Boolean).map((description) => ({ description }));
    api.call(inspectorRoutes.conclude, {
      params: { id: inspectionId },
      body: { result, summary, rectificationItems, ...(result === 'fix_and_recheck' && dueOn ? { rectificationDueOn: dueOn } : {}) },
    }).then(onConcluded, (err: unknown) => { setProblem(messageOf(err)); setBusy(false); });
  };

  return (
    <View className='card section conclusion-form'>
      <Text className='section__title'>踏勘结论</Text>
      <View className='point__buttons'>
        {(Object.keys(labels) as Result[]).map((r) => (
          <Button key={r} className={`btn btn--small ${result === r ? 'btn--primary' : 'btn--plain'}`} onClick={() => setResult(r)}>{labels[r]}</Button>
        ))}
      </View>
      <textarea className='desk-room__text' aria-label='结论说明' value={summary} maxLength={4000} onChange={(e) => setSummary(e.target.value)} />
      {result === 'fix_and_recheck' ? (
        <>
          <textarea className='desk-room__text' aria-label='整改事项（每行一项）' value={items} onChange={(e) => setItems(e.target.value)} />
          <input aria-label='整改期限' type='date' value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </>
      ) : null}
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
      <Button className='btn btn--primary' disabled={busy} onClick={submit}>作出结论</Button>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { shanghaiTime } from '../../../text/time';
import { inspectorRoutes } from '../inspector.routes';

/** `datetime-local` gives Shanghai wall-clock time without a zone: say so explicitly before it goes to the BFF. */
const shanghaiInstant = (local: string) => new Date(`${local}:00+08:00`).toISOString();

/** The inspector offers up to 20 one-hour slots; the applicant picks one. */
export function OfferSlots({ inspectionId, onOffered }: { inspectionId: string; onOffered: () => void }) {
  const [slots, setSlots] = useState<{ start: string; end: string }[]>([]);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');

  const add = () => {
    if (!draft) return;
    const start = shanghaiInstant(draft);
    setSlots((s) => [...s, { start, end: new Date(Date.parse(start) + 3_600_000).toISOString() }]);
    setDraft('');
  };
  const submit = () => api.call(inspectorRoutes.offerSlots, { params: { id: inspectionId }, body: { slots } })
    .then(() => { setSlots([]); onOffered(); }, (err: unknown) => setProblem(messageOf(err)));

  return (
    <View className='offer-slots'>
      <input type='datetime-local' aria-label='时段开始时间' value={draft} onChange={(e) => setDraft(e.target.value)} />
      <Button className='btn btn--plain btn--small' onClick={add}>添加时段</Button>
      {slots.map((s) => <Text key={s.start} className='hint'>{shanghaiTime(s.start)} 起 1 小时</Text>)}
      {slots.length ? <Button className='btn btn--primary btn--small' onClick={submit}>提供 {slots.length} 个时段</Button> : null}
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

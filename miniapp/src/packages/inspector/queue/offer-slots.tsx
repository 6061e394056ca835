import { Button, Text, View } from '@tarojs/components';
import { slotProblems } from '@ycta/shared/domain/slot-check';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { slotText } from '../../../text/slot';
import { inspectorRoutes } from '../inspector.routes';

/** `datetime-local` gives Shanghai wall-clock time without a zone: say so explicitly before it goes to the BFF. */
const shanghaiInstant = (local: string) => new Date(`${local}:00+08:00`).toISOString();

interface Props {
  inspectionId: string;
  /** With the slots offered, so the queue can confirm what was sent. */
  onOffered: (offered: string[]) => void;
}

/**
 * The inspector offers up to 20 one-hour slots; the applicant picks one. Each slot is checked as it is added (past,
 * overlapping: refused; outside office hours: a warning), says why next to it, and can be removed before sending.
 */
export function OfferSlots({ inspectionId, onOffered }: Props) {
  const [slots, setSlots] = useState<{ start: string; end: string }[]>([]);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const checks = slotProblems(slots, new Date());
  const blocked = checks.some((c) => c?.blocks);

  const add = () => {
    if (!draft) return setProblem('请先选择时段开始时间');
    const start = shanghaiInstant(draft);
    setSlots((s) => [...s, { start, end: new Date(Date.parse(start) + 3_600_000).toISOString() }]);
    setDraft('');
    return setProblem('');
  };
  const submit = async () => {
    setBusy(true);
    try {
      await api.call(inspectorRoutes.offerSlots, { params: { id: inspectionId }, body: { slots } });
      onOffered(slots.map(slotText));
      setSlots([]);
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='offer-slots'>
      <input type='datetime-local' aria-label='时段开始时间' value={draft} onChange={(e) => setDraft(e.target.value)} />
      <Button className='btn btn--plain btn--small' onClick={add}>添加时段</Button>
      {slots.map((s, i) => (
        <View key={`${s.start}-${i}`} className='offer-slots__slot'>
          <Text className={checks[i]?.blocks ? 'error-text' : undefined}>{slotText(s)}</Text>
          {checks[i] ? <Text className={checks[i]!.blocks ? 'error-text' : 'mark mark--warn'}>{checks[i]!.text}</Text> : null}
          <Button className='btn btn--plain btn--small' aria-label={`删除时段 ${slotText(s)}`}
            onClick={() => setSlots((all) => all.filter((_, j) => j !== i))}>删除</Button>
        </View>
      ))}
      {slots.length ? (
        <Button className='btn btn--primary btn--small' loading={busy} disabled={busy || blocked} onClick={() => void submit()}>
          {blocked ? '请先删除或更正标红的时段' : `提供 ${slots.length} 个时段`}
        </Button>
      ) : null}
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

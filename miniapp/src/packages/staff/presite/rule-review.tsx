import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RuleOutcomeView, RuleReview } from '@ycta/shared/contracts/presite.contract';

type Result = RuleOutcomeView['result'];
const choices: Array<[Result, string]> = [['compliant', '符合'], ['noncompliant', '不符合'], ['manual', '需人工核实']];

interface Props {
  outcome: RuleOutcomeView;
  review: RuleReview | undefined;
  locked: boolean;
  onReview: (result: Result, note: string) => Promise<void>;
}

/** One rule on the desk: the automatic answer and figure, and staff's confirmation or override with a note. */
export function RuleReviewRow({ outcome, review, locked, onReview }: Props) {
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (result: Result) => {
    if (result !== outcome.result && note.trim().length < 2) return setProblem('改判须写明理由');
    setProblem('');
    setBusy(true);
    try { await onReview(result, note.trim()); setNote(''); } catch (err) { setProblem((err as Error).message); } finally { setBusy(false); }
  };
  return (
    <View className='rule-row'>
      <View className='rule-row__head'>
        <Text className={`outcomes__badge outcomes__badge--${outcome.result}`}>自动：{outcome.resultLabel}</Text>
        <Text className='rule-row__title'>{outcome.title}</Text>
        {review ? <Text className={`rule-row__done rule-row__done--${review.result}`}>{review.confirmed ? '已确认' : '已改判'}：{review.resultLabel}（{review.byName}）</Text> : <Text className='rule-row__todo'>待核实</Text>}
      </View>
      <Text className='rule-row__figure'>{outcome.figure}</Text>
      <Text className='rule-row__basis'>{outcome.basis.source}{outcome.basis.article}：{outcome.basis.text}{outcome.basis.localPolicy ? `（${outcome.basis.localPolicy}）` : ''}</Text>
      {review?.note ? <Text className='rule-row__note'>核实说明：{review.note}</Text> : null}
      {!locked ? (
        <View className='rule-row__actions'>
          <Input className='text-input rule-row__input' placeholder='核实说明（改判必填）' value={note} onInput={(e) => setNote(e.detail.value)} aria-label={`${outcome.title}的核实说明`} />
          {choices.map(([result, label]) => (
            <Button key={result} className={`btn btn--small ${result === outcome.result ? 'btn--primary' : 'btn--plain'}`} disabled={busy} onClick={() => void send(result)}>
              {result === outcome.result ? `确认${label}` : `改判为${label}`}
            </Button>
          ))}
        </View>
      ) : null}
      {problem ? <Text className='error-text'>{problem}</Text> : null}
    </View>
  );
}

import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { messageOf } from '../../api/api-error';
import './decision-form.css';

interface Props {
  /** e.g. 审批意见; the reason box is labelled `reasonLabel` for screen readers and tests. */
  title: string;
  reasonLabel: string;
  placeholder: string;
  yes: string;
  no: string;
  /** The question asked before sending, for yes (true) or no (false). */
  confirmText: (yes: boolean) => string;
  /** Sends the decision; a thrown error is shown under the form and the form stays. */
  onDecide: (yes: boolean, reason: string) => Promise<void>;
}

/** A desk's yes/no decision with the reason the applicant reads: checked before sending, then confirmed. */
export function DecisionForm({ title, reasonLabel, placeholder, yes, no, confirmText, onDecide }: Props) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const ask = (answer: boolean) => {
    if (reason.trim().length < 2) return setProblem('请填写理由（至少 2 个字），申请人会看到它');
    setProblem('');
    return setConfirming(answer);
  };
  const decide = async (answer: boolean) => {
    setBusy(true);
    try {
      await onDecide(answer, reason.trim());
    } catch (err) {
      setProblem(messageOf(err));
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='decision'>
      <Text className='section__title'>{title}</Text>
      <Textarea className='text-input decision__reason' aria-label={reasonLabel} placeholder={placeholder} value={reason}
        maxlength={500} onInput={(e) => { setReason(e.detail.value); setProblem(''); }} />
      {problem ? <View role='alert'><Text className='error-text'>{problem}</Text></View> : null}
      {confirming === null ? (
        <View className='decision__buttons'>
          <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => ask(true)}>{yes}</Button>
          <Button className='btn btn--warn btn--small' disabled={busy} onClick={() => ask(false)}>{no}</Button>
        </View>
      ) : (
        <View className='decision__confirm' role='alertdialog' aria-label={`确认${title}`}>
          <Text>{confirmText(confirming)}理由：{reason.trim()}</Text>
          <View className='decision__buttons'>
            <Button className={`btn btn--small ${confirming ? 'btn--primary' : 'btn--warn'}`} loading={busy} disabled={busy} onClick={() => void decide(confirming)}>确认</Button>
            <Button className='btn btn--plain btn--small' disabled={busy} onClick={() => setConfirming(null)}>取消</Button>
          </View>
        </View>
      )}
    </View>
  );
}

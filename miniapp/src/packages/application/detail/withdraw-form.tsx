import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { routes } from '../../../api/routes';

/** 撤回申请: a transition with a reason, never a deletion. */
export function WithdrawForm({ applicationId, onWithdrawn }: { applicationId: string; onWithdrawn: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  if (!open) return <Button className='btn btn--plain' onClick={() => setOpen(true)}>撤回申请</Button>;

  const submit = async () => {
    if (reason.trim().length < 2) return setProblem('请填写撤回原因');
    setBusy(true);
    setProblem('');
    try {
      await api.call(routes.withdrawApplication, { params: { id: applicationId }, body: { reason: reason.trim() } });
      onWithdrawn();
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='section'>
      <Text className='hint'>撤回后本申请不再办理，记录会保留。请填写原因：</Text>
      <Textarea className='text-input' placeholder='例如：经营地址变更，重新申请' value={reason} maxlength={500} onInput={(e) => setReason(e.detail.value)} />
      {problem ? <Text className='error-text'>{problem}</Text> : null}
      <Button className='btn btn--warn' loading={busy} disabled={busy} onClick={submit}>确认撤回</Button>
      <Button className='btn btn--plain' onClick={() => setOpen(false)}>不撤回</Button>
    </View>
  );
}

import { Button, Input, Text, View } from '@tarojs/components';
import type { ApplicationSummary, InspectorLoad } from '@ycta/shared/contracts/applications.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { staffRoutes } from '../staff.routes';

interface Props {
  application: ApplicationSummary;
  loads: InspectorLoad[];
  onAssigned: (names: string) => void;
  onCancel: () => void;
}

/** Pick the inspectors (each with what they carry now) and say why; the change goes on the application and its record. */
export function ReassignForm({ application, loads, onAssigned, onCancel }: Props) {
  const [chosen, setChosen] = useState<string[]>(application.assignedInspectorIds);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const unchanged = chosen.length === application.assignedInspectorIds.length && chosen.every((id) => application.assignedInspectorIds.includes(id));

  const submit = async () => {
    if (!chosen.length) return setProblem('请至少选择一名踏勘人员');
    if (unchanged) return setProblem('踏勘人员没有变化');
    if (reason.trim().length < 2) return setProblem('请填写调整原因（至少 2 个字）');
    setBusy(true);
    setProblem('');
    try {
      await api.call(staffRoutes.assign, { params: { id: application.id }, body: { inspectorIds: chosen, reason: reason.trim() } });
      onAssigned(chosen.map((id) => loads.find((l) => l.id === id)?.displayName ?? '').join('、'));
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='assignment__form'>
      <Text className='section__title'>选择踏勘人员（括号内为在办申请数）</Text>
      <View className='assignment__choices' role='group' aria-label='踏勘人员'>
        {loads.map((l) => (
          <Button key={l.id} className={`btn btn--small ${chosen.includes(l.id) ? 'btn--primary' : 'btn--plain'}`} aria-pressed={chosen.includes(l.id)}
            onClick={() => { toggle(l.id); setProblem(''); }}>
            {chosen.includes(l.id) ? '✓ ' : ''}{l.displayName}（{l.openApplications}）
          </Button>
        ))}
      </View>
      <Input className='text-input assignment__reason' aria-label='调整原因' placeholder='调整原因，例如：原踏勘人员回避' value={reason}
        onInput={(e) => { setReason(e.detail.value); setProblem(''); }} />
      {problem ? <View role='alert'><Text className='error-text'>{problem}</Text></View> : null}
      <View className='assignment__buttons'>
        <Button className='btn btn--primary btn--small' loading={busy} disabled={busy} onClick={() => void submit()}>确认分派</Button>
        <Button className='btn btn--plain btn--small' disabled={busy} onClick={onCancel}>取消</Button>
      </View>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import type { InspectionDetail } from '@ycta/shared/contracts/inspections.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { goBack } from '../../../navigation';
import { inspectorRoutes } from '../inspector.routes';

const minutes = (seconds: number | null) => Math.max(1, Math.round((seconds ?? 0) / 60));

/**
 * A call held for another case (a joint visit, a 预选址 look) has no licence conclusion: the judgments are already on
 * the case; the host ends the call, and the case's desk combines the result.
 */
export function EndCaseCall({ detail, onEnded }: { detail: InspectionDetail; onEnded: (d: InspectionDetail) => void }) {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  if (detail.status === 'concluded') {
    return (
      <View className='card section' role='status'>
        <Text>视频已结束，时长 {minutes(detail.durationSeconds)} 分钟。判定与截图已记入{detail.callFor?.title ?? '本次检查'}。</Text>
        <Button className='btn btn--plain' onClick={goBack}>返回</Button>
      </View>
    );
  }
  const end = () => {
    setBusy(true);
    api.call(inspectorRoutes.endCall, { params: { id: detail.id } }).then(onEnded, (err: unknown) => { setProblem(messageOf(err)); setBusy(false); });
  };
  return (
    <View className='card section'>
      <Text className='section__title'>{detail.callFor?.title}</Text>
      <Text className='hint'>每项判定即时保存；看完后结束视频，回到检查页汇总结果。</Text>
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
      <Button className='btn btn--primary' disabled={busy} onClick={end}>结束视频</Button>
    </View>
  );
}

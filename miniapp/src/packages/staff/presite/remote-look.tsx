import { Button, Text, View } from '@tarojs/components';
import type { PresiteRequestDetail } from '@ycta/shared/contracts/presite.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { openPage } from '../../../navigation';
import { shanghaiTime } from '../../../text/time';
import { inspectorPages } from '../../inspector/inspector.routes';
import { presiteRoutes } from '../../presite/presite.routes';

const minutes = (seconds: number | null) => Math.max(1, Math.round((seconds ?? 0) / 60));

/**
 * 远程查看选址: a short call with the applicant in the video room (its own record: joins, stills, recording); what
 * was held stays on the request — who, when, how long, how many stills.
 */
export function RemoteLook({ request, onChanged }: { request: PresiteRequestDetail; onChanged: (r: PresiteRequestDetail) => void }) {
  const [problem, setProblem] = useState('');
  const open = request.calls.find((c) => !c.endedAt);
  const start = () => api.call(presiteRoutes.startLook, { params: { id: request.id } }).then((r) => {
    onChanged(r);
    const call = r.calls.find((c) => !c.endedAt);
    if (call) openPage(inspectorPages.room(call.id));
  }, (err: unknown) => setProblem(messageOf(err)));
  return (
    <View className='desk-detail__look'>
      <Text className='desk-detail__subtitle'>远程查看选址</Text>
      {request.calls.map((c) => (
        <Text key={c.id} className='hint'>
          {shanghaiTime(c.startedAt)} · {c.heldByName} · {c.endedAt ? `${minutes(c.durationSeconds)} 分钟` : '进行中'} · 截图 {c.stills} 张
        </Text>
      ))}
      {request.status !== 'advised' ? (
        <Button className='btn btn--plain' onClick={start}>{open ? '回到远程查看' : '与申请人视频查看现场'}</Button>
      ) : null}
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
    </View>
  );
}

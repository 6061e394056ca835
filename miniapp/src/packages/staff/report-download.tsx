import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { downloadReport } from './media';
import './report-download.css';

/**
 * 下载报告 (PDF): the archival report the BFF generates, keeps and puts on the record. Only a concluded inspection
 * has one; before that the button says why it is not there yet.
 */
export function ReportDownload({ inspectionId, concluded, download = downloadReport }: {
  inspectionId: string; concluded: boolean; download?: (inspectionId: string) => Promise<void>;
}) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | { problem: string }>('idle');
  if (!concluded) return <Text className='hint'>作出结论后可下载归档报告。</Text>;
  const start = () => {
    setState('busy');
    download(inspectionId).then(() => setState('done'), (err: Error) => setState({ problem: err.message }));
  };
  return (
    <View className='report-download'>
      <Button className='btn btn--primary btn--small' disabled={state === 'busy'} onClick={start}>{state === 'busy' ? '正在生成报告…' : '下载报告（PDF）'}</Button>
      {state === 'done' ? <View className='hint' role='status'>报告已下载，其 SHA-256 已记入踏勘记录。</View> : null}
      {typeof state === 'object' ? <View className='error-text' role='alert'>{state.problem}</View> : null}
    </View>
  );
}

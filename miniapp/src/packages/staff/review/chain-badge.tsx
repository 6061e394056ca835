import { Text, View } from '@tarojs/components';
import type { ChainVerification } from '@ycta/shared/contracts/ledger.contract';

/** Green when every link recomputes; red naming the first broken link otherwise. */
export function ChainBadge({ verification }: { verification: ChainVerification }) {
  if (verification.ok) {
    return (
      <View className='chain-badge chain-badge--ok' role='status'>
        <Text>记录完整：{verification.length} 个事件全部校验通过</Text>
        <Text className='chain-badge__hash'>链头 {verification.headHash}</Text>
      </View>
    );
  }
  const broken = verification.firstBroken;
  return (
    <View className='chain-badge chain-badge--broken' role='alert'>
      <Text>记录校验未通过</Text>
      {broken ? <Text>第一处断链：第 {broken.seq} 号事件{broken.eventId ? `（${broken.eventId}）` : ''}：{broken.reason}</Text> : null}
    </View>
  );
}

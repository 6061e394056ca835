import { Text, View } from '@tarojs/components';
import type { RuleOutcomeView } from '@ycta/shared/contracts/presite.contract';
import './outcome-list.css';

/** Each rule with its answer, the measured figure and where the rule comes from. */
export function OutcomeList({ outcomes }: { outcomes: RuleOutcomeView[] }) {
  return (
    <View className='outcomes'>
      {outcomes.map((o) => (
        <View key={o.ruleId} className='outcomes__item'>
          <View className='outcomes__head'>
            <Text className={`outcomes__badge outcomes__badge--${o.result}`}>{o.resultLabel}</Text>
            <Text className='outcomes__title'>{o.title}</Text>
          </View>
          <Text className='outcomes__figure'>{o.figure}</Text>
          <Text className='outcomes__basis'>依据：{o.basis.source}{o.basis.article}{o.basis.localPolicy ? '（距离为本地默认执行标准）' : ''}</Text>
        </View>
      ))}
    </View>
  );
}

import { View, Text } from '@tarojs/components';
import './progress-bar.css';

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <View className='progress' role='progressbar' aria-valuenow={value} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
      <View className='progress__track'><View className='progress__fill' style={{ width: `${value}%` }} /></View>
      <Text className='progress__text'>{value}%</Text>
    </View>
  );
}

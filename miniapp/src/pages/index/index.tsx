import { View, Text } from '@tarojs/components'
import './index.css'

export default function Index() {
  return (
    <View className='home'>
      <Text className='home__title'>远程踏勘</Text>
      <Text className='home__hint'>足不出户，视频完成现场踏勘</Text>
    </View>
  )
}

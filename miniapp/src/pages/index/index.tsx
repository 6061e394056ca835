import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { HomeView } from './home.view';

export default function Index() {
  const [visit, setVisit] = useState(0);
  useDidShow(() => setVisit((v) => v + 1));
  return <HomeView visit={visit} />;
}

import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ApplicationDetailView } from './application-detail.view';

export default function ApplicationDetailPage() {
  const { params } = useRouter();
  const [visit, setVisit] = useState(0);
  useDidShow(() => setVisit((v) => v + 1));
  return <ApplicationDetailView id={params.id ?? ''} visit={visit} />;
}

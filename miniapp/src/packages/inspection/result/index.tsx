import { useRouter } from '@tarojs/taro';
import { ResultView } from './result.view';

export default function ResultPage() {
  const { params } = useRouter();
  return <ResultView inspectionId={params.id ?? ''} />;
}

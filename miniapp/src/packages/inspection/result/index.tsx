import { useRouter } from '@tarojs/taro';
import { ResultView } from './result.view';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';

export default function ResultPage() {
  const { params } = useRouter();
  return (
    <PhoneShell title='踏勘结果'>
      <ResultView inspectionId={params.id ?? ''} />
    </PhoneShell>
  );
}

import { useRouter } from '@tarojs/taro';
import { ReportView } from './report.view';

export default function ReportPage() {
  const { params } = useRouter();
  return <ReportView id={params.id ?? ''} />;
}

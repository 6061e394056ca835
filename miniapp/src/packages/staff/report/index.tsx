import { useRouter } from '@tarojs/taro';
import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { staffPages } from '../staff.routes';
import { ReportView } from './report.view';

export default function ReportPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  return (
    <DeskShell title='踏勘报告' active='reviews' back={staffPages.review(id)}>
      <ReportView id={id} />
    </DeskShell>
  );
}

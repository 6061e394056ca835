import { useRouter } from '@tarojs/taro';
import { DeskShell } from '../../../components/desk-shell/desk-shell';
import { staffPages } from '../staff.routes';
import { ReviewView } from './review.view';

export default function ReviewPage() {
  const { params } = useRouter();
  return (
    <DeskShell title='踏勘审阅' active='reviews' back={staffPages.reviews} width='wide'>
      <ReviewView id={params.id ?? ''} />
    </DeskShell>
  );
}

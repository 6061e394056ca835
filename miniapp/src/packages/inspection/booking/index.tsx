import { useRouter } from '@tarojs/taro';
import { BookingView } from './booking.view';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';

export default function BookingPage() {
  const { params } = useRouter();
  return (
    <PhoneShell title='预约踏勘'>
      <BookingView inspectionId={params.id ?? ''} />
    </PhoneShell>
  );
}

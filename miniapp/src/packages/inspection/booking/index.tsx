import { useRouter } from '@tarojs/taro';
import { BookingView } from './booking.view';

export default function BookingPage() {
  const { params } = useRouter();
  return <BookingView inspectionId={params.id ?? ''} />;
}

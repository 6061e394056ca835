import { useRouter } from '@tarojs/taro';
import { ReviewView } from './review.view';

export default function ReviewPage() {
  const { params } = useRouter();
  return <ReviewView id={params.id ?? ''} />;
}

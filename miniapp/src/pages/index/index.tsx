import { useRouter } from '@tarojs/taro';
import { useReturnVisits } from '../../hooks/use-return-visits';
import { HomeView } from './home.view';

export default function Index() {
  const { params } = useRouter();
  return <HomeView visit={useReturnVisits()} returnTo={params.returnTo ? decodeURIComponent(params.returnTo) : undefined} />;
}

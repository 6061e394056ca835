import { useReturnVisits } from '../../hooks/use-return-visits';
import { HomeView } from './home.view';

export default function Index() {
  return <HomeView visit={useReturnVisits()} />;
}

import { PresiteDeskView } from './presite-desk.view';

export default function PresiteDeskPage() {
  return <PresiteDeskView />;
}

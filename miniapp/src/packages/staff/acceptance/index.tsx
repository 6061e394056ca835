import { AcceptanceDeskView } from './acceptance-desk.view';

export default function AcceptancePage() {
  return <AcceptanceDeskView />;
}

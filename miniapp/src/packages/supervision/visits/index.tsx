import { PhoneShell } from '../../../components/phone-shell/phone-shell';
import { SupervisionView } from './visits.view';

export default function SupervisionPage() {
  return <PhoneShell title='综合检查'><SupervisionView /></PhoneShell>;
}

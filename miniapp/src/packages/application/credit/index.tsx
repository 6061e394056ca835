import { PhoneShell } from '../../../components/phone-shell/phone-shell';
import { MyCreditView } from './my-credit.view';

export default function MyCreditPage() {
  return (
    <PhoneShell title='我的信用'>
      <MyCreditView />
    </PhoneShell>
  );
}

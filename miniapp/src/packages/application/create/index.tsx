import { PrivacyGate } from '../../../privacy/privacy-gate';
import { CreateApplicationView } from './create-application.view';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';

export default function CreateApplicationPage() {
  return (
    <PhoneShell title='新建申请'>
      <PrivacyGate>
        <CreateApplicationView />
      </PrivacyGate>
    </PhoneShell>
  );
}

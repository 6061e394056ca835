import { PhoneShell } from '../../../components/phone-shell/phone-shell';
import { PrivacyGate } from '../../../privacy/privacy-gate';
import { PresiteRequestView } from './request.view';

export default function PresiteRequestPage() {
  return (
    <PhoneShell title='预选址咨询'>
      <PrivacyGate>
        <PresiteRequestView />
      </PrivacyGate>
    </PhoneShell>
  );
}

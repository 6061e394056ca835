import { PrivacyGate } from '../../../privacy/privacy-gate';
import { PresiteRequestView } from './request.view';

export default function PresiteRequestPage() {
  return (
    <PrivacyGate>
      <PresiteRequestView />
    </PrivacyGate>
  );
}

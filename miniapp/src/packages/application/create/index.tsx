import { PrivacyGate } from '../../../privacy/privacy-gate';
import { CreateApplicationView } from './create-application.view';

export default function CreateApplicationPage() {
  return (
    <PrivacyGate>
      <CreateApplicationView />
    </PrivacyGate>
  );
}

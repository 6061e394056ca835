import { useRouter } from '@tarojs/taro';
import { PrivacyGate } from '../../../privacy/privacy-gate';
import { PrepareView } from './prepare.view';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';

export default function PreparePage() {
  const { params } = useRouter();
  return (
    <PhoneShell title='踏勘前准备'>
      <PrivacyGate>
        <PrepareView inspectionId={params.id ?? ''} />
      </PrivacyGate>
    </PhoneShell>
  );
}

import { useRouter } from '@tarojs/taro';
import { PhoneShell } from '../../../components/phone-shell/phone-shell';
import { PrivacyGate } from '../../../privacy/privacy-gate';
import { MaterialsView } from './materials.view';

export default function MaterialsPage() {
  const { params } = useRouter();
  return (
    <PhoneShell title='申请材料'>
      <PrivacyGate>
        <MaterialsView id={params.id ?? ''} />
      </PrivacyGate>
    </PhoneShell>
  );
}

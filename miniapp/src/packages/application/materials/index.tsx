import { useRouter } from '@tarojs/taro';
import { PrivacyGate } from '../../../privacy/privacy-gate';
import { MaterialsView } from './materials.view';

export default function MaterialsPage() {
  const { params } = useRouter();
  return (
    <PrivacyGate>
      <MaterialsView id={params.id ?? ''} />
    </PrivacyGate>
  );
}

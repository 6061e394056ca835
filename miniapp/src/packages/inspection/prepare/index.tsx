import { useRouter } from '@tarojs/taro';
import { PrivacyGate } from '../../../privacy/privacy-gate';
import { PrepareView } from './prepare.view';

export default function PreparePage() {
  const { params } = useRouter();
  return (
    <PrivacyGate>
      <PrepareView inspectionId={params.id ?? ''} />
    </PrivacyGate>
  );
}

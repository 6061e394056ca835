import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { siteOriginLabels, type ApplicationDetail } from '@ycta/shared/contracts/applications.contract';
import { api } from '../api';
import { messageOf } from '../api/api-error';
import { routes } from '../api/routes';
import { AsyncView } from './async-view';
import { useResource } from '../hooks/use-resource';
import './site-origin.css';

const pointText = (s: { lat: number; lng: number }) => `北纬 ${s.lat.toFixed(5)}°，东经 ${s.lng.toFixed(5)}°`;

/** Where the site's point comes from, in words; one line for the applicant and the desks alike. */
export function SiteOriginLine({ application: a, className = 'hint' }: { application: Pick<ApplicationDetail, 'site' | 'siteOrigin'>; className?: string }) {
  if (!a.site || !a.siteOrigin) return <Text className={className}>场所位置：未标定（照片无法核对拍摄距离）</Text>;
  return <Text className={a.siteOrigin === 'proposed' ? `${className} site-origin__warn` : className}>场所位置：{siteOriginLabels[a.siteOrigin]}（{pointText(a.site)}）</Text>;
}

/**
 * Staff confirm a point the applicant picked on the map, after checking it against the property certificate or on
 * site: until then photos are judged against it with a warning. The reason is kept on the record.
 */
export function SiteConfirmation({ applicationId }: { applicationId: string }) {
  const loaded = useResource(() => api.call(routes.getApplication, { params: { id: applicationId } }), applicationId);
  const [latest, setLatest] = useState<ApplicationDetail | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (reason.trim().length < 2) return setProblem('请写明确认依据，例如：已核对不动产权证上的坐落');
    setBusy(true);
    setProblem('');
    try {
      setLatest(await api.call(routes.confirmSite, { params: { id: applicationId }, body: { reason: reason.trim() } }));
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AsyncView resource={loaded}>
      {(first) => {
        const a = latest ?? first;
        return (
          <View className='site-origin'>
            <SiteOriginLine application={a} className='case__line' />
            {latest ? <View role='status'><Text className='case__done'>已确认场所位置，记录已保存</Text></View> : null}
            {a.siteOrigin === 'proposed' ? (
              <View className='case__actions'>
                <Input className='case__reason' placeholder='确认依据（如：核对不动产权证坐落）' aria-label='场所位置确认依据' value={reason}
                  onInput={(e) => setReason(e.detail.value)} />
                <Button className='btn btn--plain' loading={busy} disabled={busy} onClick={confirm}>确认此位置</Button>
              </View>
            ) : null}
            {problem ? <Text className='error-text'>{problem}</Text> : null}
          </View>
        );
      }}
    </AsyncView>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { QrCode } from '../../../components/qr-code';
import { shanghaiTime } from '../../../text/time';
import { inspectorPages, inspectorRoutes } from '../inspector.routes';

/** The invitation link opens the expert's page of this same h5 app (hash route). */
function invitationLink(token: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${inspectorPages.expert(token)}`;
}

export function Invite({ inspectionId }: { inspectionId: string }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [problem, setProblem] = useState('');
  const invite = () => api.call(inspectorRoutes.invite, { params: { id: inspectionId }, body: { validMinutes: 24 * 60 } })
    .then((inv) => setLink({ url: invitationLink(inv.token), expiresAt: inv.expiresAt }), (err: unknown) => setProblem(messageOf(err)));
  return (
    <View className='section'>
      <Button className='btn btn--plain btn--small' onClick={invite}>邀请专家</Button>
      {problem ? <View className='error-text' role='alert'>{problem}</View> : null}
      {link ? (
        <View className='invite'>
          <input className='invite__link' aria-label='专家邀请链接' readOnly value={link.url} onFocus={(e) => e.target.select()} />
          <Button className='btn btn--plain btn--small' onClick={() => void navigator.clipboard?.writeText(link.url)}>复制链接</Button>
          <Text className='hint'>一次性链接，{shanghaiTime(link.expiresAt)} 前有效</Text>
          <QrCode text={link.url} label='专家邀请二维码' />
        </View>
      ) : null}
    </View>
  );
}

export function FlagFalseMaterial({ inspectionId }: { inspectionId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const submit = () => api.call(inspectorRoutes.flag, { params: { id: inspectionId }, body: { reason, checklistItemIds: [], evidenceMediaIds: [] } })
    .then(() => { setOutcome('已标记虚假材料，信用惩戒将报送信用平台'); setOpen(false); }, (err: unknown) => setOutcome(messageOf(err)));
  return (
    <View className='section'>
      <Button className='btn btn--warn btn--small' onClick={() => setOpen(!open)}>标记虚假材料</Button>
      {open ? (
        <>
          <textarea className='desk-room__text' aria-label='虚假材料情况' value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button className='btn btn--warn btn--small' onClick={submit}>确认标记</Button>
        </>
      ) : null}
      {outcome ? <View className='hint' role='status'>{outcome}</View> : null}
    </View>
  );
}

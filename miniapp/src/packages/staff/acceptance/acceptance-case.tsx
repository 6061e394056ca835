import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { ApplicationMaterial, MaterialsView } from '@ycta/shared/contracts/materials.contract';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { AsyncView } from '../../../components/async-view';
import { SiteConfirmation } from '../../../components/site-origin';
import { useResource } from '../../../hooks/use-resource';
import { shanghaiDay, shanghaiTime } from '../../../text/time';
import { acceptanceRoutes } from './acceptance.routes';

const typeWords: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG 照片', 'image/png': 'PNG 图片', 'image/webp': 'WebP 图片', 'image/heic': 'HEIC 照片', 'image/heif': 'HEIF 照片' };

function handedIn(m: ApplicationMaterial): string {
  switch (m.state) {
    case 'missing': return '未提交';
    case 'file': {
      const f = m.files[m.files.length - 1]!;
      return `${typeWords[f.type] ?? '文件'} ${Math.max(1, Math.round(f.size / 1024))} KB · ${shanghaiTime(f.uploadedAt)}${f.supplement ? ' · 后补' : ''} · 哈希 ${f.sha256.slice(0, 12)}…`;
    }
    case 'gap': return m.gap?.dueOn ? `容缺后补，${shanghaiDay(m.gap.dueOn)}截止` : '容缺后补（受理时定截止日）';
    case 'commitment': return `告知承诺：${m.commitment!.signerName} 于 ${shanghaiTime(m.commitment!.signedAt)} 签署（版本 ${m.commitment!.textVersion}）`;
  }
}

/** One application at the desk: its materials, then 受理 / 退回 / 不予受理 and the commitments' 核查. */
export function AcceptanceCase({ id, onChanged }: { id: string; onChanged: () => void }) {
  const loaded = useResource(() => api.call(acceptanceRoutes.getMaterials, { params: { id } }), id);
  const [latest, setLatest] = useState<MaterialsView | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');

  const act = async (what: string, call: () => Promise<MaterialsView>) => {
    setBusy(true);
    setProblem('');
    try {
      setLatest(await call());
      setDone(what);
      onChanged();
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const accept = () => act('已受理', () => api.call(acceptanceRoutes.decide, { params: { id }, body: { decision: 'accept' } }));
  const giveBack = () => {
    const list = Object.entries(reasons).filter(([, r]) => r.trim().length >= 2).map(([materialId, reason]) => ({ materialId, reason: reason.trim() }));
    if (list.length === 0) return setProblem('退回须在至少一项材料旁写明原因（至少 2 个字）');
    return act('已退回申请人补正', () => api.call(acceptanceRoutes.decide, { params: { id }, body: { decision: 'return', reasons: list } }));
  };
  const refuse = () => {
    if (refusal.trim().length < 2) return setProblem('请填写不予受理的原因');
    return act('已作出不予受理决定', () => api.call(acceptanceRoutes.refuse, { params: { id }, body: { reason: refusal.trim() } }));
  };
  const judge = (materialId: string, verdict: 'kept' | 'false') => {
    if (note.trim().length < 2) return setProblem('请先写明核查情况与证据');
    return act(verdict === 'kept' ? '已记录：承诺属实' : '已记录：承诺不实，申请已终止并信用扣减', () =>
      api.call(acceptanceRoutes.judge, { params: { id, materialId }, body: { verdict, method: 'document', note: note.trim() } }));
  };

  return (
    <AsyncView resource={loaded}>
      {(first) => {
        const v = latest ?? first;
        const a = v.acceptance;
        const awaiting = a.status === 'awaiting';
        const gaps = v.materials.filter((m) => m.state === 'gap');
        const openChecks = v.materials.filter((m) => m.commitment?.check?.status === 'open');
        return (
          <View className='case'>
            <Text className='case__title'>{v.subjectName} · {v.matterName}</Text>
            <Text className='case__hint'>{v.siteAddress}</Text>
            <SiteConfirmation applicationId={id} />
            {a.privileges ? <Text className='case__privilege'>信用等级依据：{a.privileges.explanation}</Text> : null}
            {a.acceptedOn ? <Text className='case__line'>受理日期：{shanghaiDay(a.acceptedOn)}{a.supplementDueOn ? `；容缺材料补交截止：${shanghaiDay(a.supplementDueOn)}` : ''}</Text> : null}
            {a.clockStoppedOn ? <Text className='error-text'>容缺材料逾期未补，办理时限自 {shanghaiDay(a.clockStoppedOn)} 起停止计时，可作出不予受理决定。</Text> : null}
            <View className='case__table'>
              {v.materials.map((m) => {
                const r = v.requirements.items.find((x) => x.id === m.materialId)!;
                return (
                  <View key={m.materialId} className='case__row'>
                    <View className='case__cell case__cell--name'>
                      <Text className='case__material'>{m.name}</Text>
                      <Text className='case__hint'>{r.essential ? '要件' : r.gapAllowed ? `可容缺（${r.supplementWorkingDays ?? 5} 个工作日）` : r.commitment ? '可告知承诺' : '须提交'}</Text>
                    </View>
                    <View className='case__cell'>
                      <Text>{handedIn(m)}</Text>
                      {m.commitment?.check ? <Text className='case__hint'>核查：{m.commitment.check.status === 'open' ? `${shanghaiDay(m.commitment.check.dueOn)}前完成` : m.commitment.check.status === 'kept' ? '属实' : '不实'}</Text> : null}
                      {m.returnReason ? <Text className='error-text'>退回原因：{m.returnReason}</Text> : null}
                    </View>
                    {awaiting ? (
                      <Input className='case__reason' placeholder='退回原因（仅退回时填写）' aria-label={`${m.name}退回原因`} value={reasons[m.materialId] ?? ''}
                        onInput={(e) => setReasons((x) => ({ ...x, [m.materialId]: e.detail.value }))} />
                    ) : null}
                  </View>
                );
              })}
            </View>
            {problem ? <View role='alert'><Text className='error-text'>{problem}</Text></View> : null}
            {done ? <View role='status'><Text className='case__done'>{done}</Text></View> : null}
            {awaiting ? (
              <View className='case__actions'>
                <Text className='case__hint'>{gaps.length > 0 ? `受理后 ${gaps.map((g) => g.name).join('、')} 须在规定工作日内补交（遇节假日顺延）。` : '材料齐全。'}</Text>
                <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={accept}>受理{gaps.length > 0 ? `（容缺 ${gaps.length} 项）` : ''}</Button>
                <Button className='btn btn--plain' disabled={busy} onClick={giveBack}>退回补正</Button>
              </View>
            ) : null}
            {a.clockStoppedOn && a.status === 'accepted' ? (
              <View className='case__actions'>
                <Input className='case__reason' placeholder='不予受理的原因' aria-label='不予受理的原因' value={refusal} onInput={(e) => setRefusal(e.detail.value)} />
                <Button className='btn btn--warn' disabled={busy} onClick={refuse}>不予受理</Button>
              </View>
            ) : null}
            {openChecks.length > 0 && a.status === 'accepted' ? (
              <View className='case__checks'>
                <Text className='case__material'>承诺核查（材料核查；远程踏勘中对应要点判定符合也会自动核销）</Text>
                <Textarea className='case__note' placeholder='核查情况与证据，例如：消防部门复函编号、现场照片说明' value={note} onInput={(e) => setNote(e.detail.value)} />
                {openChecks.map((m) => (
                  <View key={m.materialId} className='case__actions'>
                    <Text>{m.name}</Text>
                    <Button className='btn btn--plain' disabled={busy} onClick={() => judge(m.materialId, 'kept')}>属实</Button>
                    <Button className='btn btn--warn' disabled={busy} onClick={() => judge(m.materialId, 'false')}>不实</Button>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        );
      }}
    </AsyncView>
  );
}

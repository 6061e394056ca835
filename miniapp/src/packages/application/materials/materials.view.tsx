import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ApplicationMaterial, MaterialsView as Materials } from '@ycta/shared/contracts/materials.contract';
import type { MaterialRequirement } from '@ycta/shared/domain/materials';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { routes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { openPage, pages } from '../../../navigation';
import { shanghaiDay, shanghaiTime } from '../../../text/time';
import { CommitmentForm } from './commitment-form';
import { pickMaterialFile } from './pick-file';
import './materials.css';

const kindWords = { image: '照片', pdf: 'PDF' } as const;
const acceptanceWords: Record<Materials['acceptance']['status'], string> = {
  preparing: '请逐项上传材料，或按您的信用等级选择后补、承诺，然后提交受理。',
  awaiting: '材料已提交，等待窗口工作人员受理。',
  returned: '材料被退回，请按标红的原因补正后重新提交。',
  accepted: '已受理。',
  refused: '不予受理。',
};

function stateText(m: ApplicationMaterial, r: MaterialRequirement): string {
  switch (m.state) {
    case 'missing': return '未提交';
    case 'file': return `已上传 ${m.files.length} 个文件，最近一次 ${shanghaiTime(m.files[m.files.length - 1]!.uploadedAt)}${m.gap?.closedAt ? '（已补交）' : ''}`;
    case 'gap': return m.gap?.dueOn ? `容缺后补：请于 ${shanghaiDay(m.gap.dueOn)} 前补交` : `容缺后补：受理后 ${r.supplementWorkingDays ?? 5} 个工作日内补交`;
    case 'commitment': return `已签署告知承诺（${m.commitment!.signerName}，${shanghaiTime(m.commitment!.signedAt)}）`;
  }
}

function checkText(m: ApplicationMaterial): string | null {
  const check = m.commitment?.check;
  if (!check) return null;
  if (check.status === 'open') return `承诺核查中：${shanghaiDay(check.dueOn)} 前完成核查（远程踏勘或材料核查）`;
  return check.status === 'kept' ? '承诺核查：属实' : '承诺核查：不实，已撤销办理并记入信用记录';
}

/** 申请材料: every material of the matter with upload, 后补 or 告知承诺 as the tier allows, then 提交受理. */
export function MaterialsView({ id }: { id: string }) {
  const loaded = useResource(() => api.call(routes.getMaterials, { params: { id } }), id);
  const [latest, setLatest] = useState<Materials | null>(null);
  const [signing, setSigning] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ materialId: string; text: string } | null>(null);

  const run = async (materialId: string, act: () => Promise<Materials>, done?: string) => {
    setBusy(materialId);
    setProblem(null);
    try {
      setLatest(await act());
      setSigning(null);
      if (done) void Taro.showToast({ title: done, icon: 'success' });
    } catch (err) {
      setProblem({ materialId, text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  const upload = async (r: MaterialRequirement) => {
    const filePath = await pickMaterialFile(r.acceptedKinds);
    if (!filePath) return;
    await run(r.id, () => api.upload(routes.uploadMaterial, { id, materialId: r.id }, { filePath, formData: {} }), '已上传');
  };
  const gap = (r: MaterialRequirement) => run(r.id, () => api.call(routes.chooseMaterial, { params: { id, materialId: r.id }, body: { choice: 'gap' } }), '已选择后补');
  const sign = (r: MaterialRequirement, signerName: string) => run(r.id, () => api.call(routes.chooseMaterial, {
    params: { id, materialId: r.id }, body: { choice: 'commitment', signerName, agreed: true, textVersion: r.commitment!.version },
  }), '已签署承诺');
  const submit = () => run('submission', () => api.call(routes.submitMaterials, { params: { id } }), '材料已提交');

  return (
    <View className='materials'>
      <AsyncView resource={loaded}>
        {(first) => {
          const v = latest ?? first;
          const privileges = v.acceptance.privileges;
          const editable = v.acceptance.status === 'preparing' || v.acceptance.status === 'returned';
          const accepted = v.acceptance.status === 'accepted';
          return (
            <>
              <View className='card section'>
                <Text className='materials__matter'>{v.matterName}</Text>
                <Text className='hint'>{v.siteAddress}</Text>
                <Text className='materials__status'>{acceptanceWords[v.acceptance.status]}{v.acceptance.reason ? v.acceptance.reason : ''}</Text>
                {privileges ? <Text className='materials__privilege'>{privileges.explanation}</Text> : null}
              </View>
              {v.requirements.items.map((r) => {
                const m = v.materials.find((x) => x.materialId === r.id)!;
                const canGap = editable && !r.essential && r.gapAllowed && privileges?.acceptWithGaps === true;
                const canCommit = editable && r.commitment !== null && privileges?.commitment === true;
                const supplementOpen = accepted && m.state === 'gap' && !m.gap?.closedAt;
                return (
                  <View key={r.id} className={`card section material material--${m.state}`} aria-label={r.name}>
                    <Text className='material__name'>{r.name}</Text>
                    <View className='material__tags'>
                      {r.essential ? <Text className='tag tag--stop'>要件</Text> : null}
                      {canGap ? <Text className='tag'>可容缺后补</Text> : null}
                      {canCommit ? <Text className='tag'>可告知承诺</Text> : null}
                    </View>
                    <Text className='hint'>{r.whatCounts}；接受{r.acceptedKinds.map((k) => kindWords[k]).join('或')}</Text>
                    <Text className='material__state'>{stateText(m, r)}</Text>
                    {checkText(m) ? <Text className='hint'>{checkText(m)}</Text> : null}
                    {m.returnReason ? <Text className='error-text'>退回原因：{m.returnReason}</Text> : null}
                    {problem?.materialId === r.id ? <View role='alert'><Text className='error-text'>{problem.text}</Text></View> : null}
                    {signing === r.id && r.commitment ? (
                      <CommitmentForm materialName={r.name} commitment={r.commitment} busy={busy === r.id} onSign={(name) => sign(r, name)} onCancel={() => setSigning(null)} />
                    ) : null}
                    {(editable || supplementOpen) && signing !== r.id ? (
                      <View className='material__actions'>
                        <Button className={`btn ${supplementOpen ? 'btn--primary' : 'btn--plain'}`} loading={busy === r.id} disabled={busy !== null} onClick={() => upload(r)}>
                          {supplementOpen ? '补交材料' : m.state === 'file' ? '重新上传' : '上传文件'}
                        </Button>
                        {canGap && m.state !== 'gap' ? <Button className='btn btn--plain' disabled={busy !== null} onClick={() => gap(r)}>后补</Button> : null}
                        {canCommit && m.state !== 'commitment' ? <Button className='btn btn--plain' disabled={busy !== null} onClick={() => setSigning(r.id)}>以承诺代替</Button> : null}
                      </View>
                    ) : null}
                  </View>
                );
              })}
              {problem?.materialId === 'submission' ? <View role='alert'><Text className='error-text'>{problem.text}</Text></View> : null}
              <View className='materials__bottom'>
                {editable ? <Button className='btn btn--primary' loading={busy === 'submission'} disabled={busy !== null} onClick={submit}>提交受理</Button> : null}
                <Button className='btn btn--plain' onClick={() => openPage(pages.applicationDetail(id))}>查看申请进度</Button>
              </View>
            </>
          );
        }}
      </AsyncView>
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import type { DishonestyRecord, MyCreditView as Credit, RepairCase, RepairProof } from '@ycta/shared/contracts/credit-repair.contract';
import { useState } from 'react';
import { api } from '../../../api';
import { messageOf } from '../../../api/api-error';
import { repairRoutes } from '../../../api/routes';
import { AsyncView } from '../../../components/async-view';
import { useResource } from '../../../hooks/use-resource';
import { creditTierNames } from '../../../text/credit';
import { commitmentVersion, recordTitle } from '../../../text/repair';
import { shanghaiDay } from '../../../text/time';
import { pickMaterialFile } from '../materials/pick-file';
import { RecordCard } from './record-card';
import { RepairCases } from './repair-cases';
import '../../../components/status-badge.css';
import '../materials/materials.css';
import './my-credit.css';

/** The map without `key` (a problem cleared, a record unpicked). */
function without<T>(map: Record<string, T>, key: string): Record<string, T> {
  const rest = { ...map };
  delete rest[key];
  return rest;
}

const loadCredit = async () => {
  const [credit, cases] = await Promise.all([api.call(repairRoutes.myCredit), api.call(repairRoutes.cases, { query: {} })]);
  return { credit, cases: cases.items };
};

/** Repairable records first, then those that will be, then the rest. */
const order: DishonestyRecord['eligibility']['status'][] = ['now', 'fulfil_first', 'from', 'under_repair', 'never', 'repaired'];
const sorted = (records: DishonestyRecord[]) => [...records].sort((a, b) => order.indexOf(a.eligibility.status) - order.indexOf(b.eligibility.status));

function confirmation(c: RepairCase): string {
  const departments = [...new Set(c.items.map((i) => i.departmentName))].join('、');
  return `已提交信用修复申请（${c.items.length} 条记录），由${departments}分别审核，${shanghaiDay(c.clock.deadline)}前办结。审核结果会显示在“我的修复申请”里。`;
}

/**
 * 我的信用: the subject's dishonesty records with whether, from when or why not each can be repaired and what proof it
 * needs; the applicant picks several, uploads proof per record, signs the credit commitment and submits one case.
 */
export function MyCreditView() {
  const [round, setRound] = useState(0);
  const loaded = useResource(loadCredit, `my-credit-${round}`);
  const [picked, setPicked] = useState<Record<string, RepairProof[]>>({});
  const [uploading, setUploading] = useState<{ recordId: string; percent: number } | null>(null);
  const [signed, setSigned] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');

  const toggle = (id: string) => {
    setDone('');
    setProblems((p) => without(p, id));
    setPicked((p) => (p[id] ? without(p, id) : { ...p, [id]: [] }));
  };

  const upload = async (id: string) => {
    const filePath = await pickMaterialFile(['image', 'pdf']);
    if (!filePath) return;
    setUploading({ recordId: id, percent: 0 });
    setProblems((p) => without(p, id));
    try {
      const proof = await api.upload(repairRoutes.uploadProof, {}, { filePath, formData: {}, onProgress: (percent) => setUploading({ recordId: id, percent }) });
      setPicked((p) => ({ ...p, [id]: [...(p[id] ?? []), proof] }));
    } catch (err) {
      setProblems((p) => ({ ...p, [id]: messageOf(err) }));
    } finally {
      setUploading(null);
    }
  };

  const submit = async (credit: Credit) => {
    const ids = Object.keys(picked);
    const missing: Record<string, string> = {};
    for (const r of credit.records) {
      if (picked[r.id]?.length === 0) missing[r.id] = `请上传证明材料：${r.eligibility.proofs.join('、')}`;
    }
    if (!ids.length) missing.submit = '请先勾选要修复的记录';
    else if (!signed) missing.commitment = '请阅读信用承诺书并勾选签署';
    setProblems(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const created = await api.call(repairRoutes.submit, {
        body: { items: ids.map((recordId) => ({ recordId, proofIds: picked[recordId]!.map((p) => p.id) })), commitment: { version: credit.commitment.version, accepted: true } },
      });
      setDone(confirmation(created));
      setPicked({});
      setSigned(false);
      setRound((r) => r + 1);
    } catch (err) {
      setProblems({ submit: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='credit'>
      {done ? <View className='credit__done' role='status'><Text>{done}</Text></View> : null}
      <AsyncView resource={loaded}>
        {({ credit, cases }) => {
          const count = Object.keys(picked).length;
          const repairable = credit.records.filter((r) => r.eligibility.status === 'now').length;
          return (
            <>
              <View className='card section'>
                <Text className='credit__subject'>{credit.subjectName}</Text>
                <Text className={`credit__tier credit__tier--${credit.tier ?? 'unknown'}`}>
                  当前信用等级：{credit.tier ? creditTierNames[credit.tier] : '暂时查不到'}
                </Text>
                {credit.tierNote ? <Text className='hint'>{credit.tierNote}</Text> : null}
                <Text className='hint'>
                  {credit.records.length === 0 ? '您没有失信记录，可以正常申请远程踏勘。'
                    : '纠正失信行为、履行法定义务后可申请信用修复：勾选记录，逐条上传证明材料，签署信用承诺书后一次提交，各部门 5 个工作日内办结。'}
                </Text>
              </View>
              {cases.length ? <RepairCases cases={cases} /> : null}
              {credit.records.length ? <Text className='credit__heading credit__heading--out'>失信记录（{credit.records.length} 条，{repairable} 条现在可以修复）</Text> : null}
              {sorted(credit.records).map((r) => (
                <RecordCard key={r.id} record={r} proofs={picked[r.id] ?? null} uploading={uploading?.recordId === r.id ? uploading.percent : null}
                  problem={problems[r.id]} onToggle={() => toggle(r.id)} onUpload={() => void upload(r.id)} />
              ))}
              {count ? (
                <View className='card section' aria-label='信用承诺书'>
                  <Text className='credit__heading'>信用承诺书</Text>
                  <Text className='commitment__text'>{credit.commitment.text}</Text>
                  <Text className='hint'>承诺书版本 {commitmentVersion(credit.commitment.version)} · 签署后随申请保存</Text>
                  <View className='commitment__agree' role='checkbox' aria-checked={signed} aria-label='我已阅读并签署信用承诺书' onClick={() => { setSigned((s) => !s); setProblems((p) => without(p, 'commitment')); }}>
                    <View className={`commitment__box ${signed ? 'commitment__box--on' : ''}`}>{signed ? '✓' : ''}</View>
                    <Text>我已阅读并签署以上信用承诺</Text>
                  </View>
                  {problems.commitment ? <View role='alert'><Text className='error-text'>{problems.commitment}</Text></View> : null}
                </View>
              ) : null}
              {problems.submit ? <View role='alert'><Text className='error-text'>{problems.submit}</Text></View> : null}
              {repairable ? (
                <View className='credit__bottom'>
                  <Text className='hint'>{count ? `已选 ${count} 条：${credit.records.filter((r) => picked[r.id]).map(recordTitle).join('、')}` : '勾选上方“申请修复这条记录”后提交'}</Text>
                  <Button className='btn btn--primary' loading={busy} disabled={busy || uploading !== null} onClick={() => void submit(credit)}>
                    {count ? `提交修复申请（${count} 条）` : '提交修复申请'}
                  </Button>
                </View>
              ) : null}
            </>
          );
        }}
      </AsyncView>
    </View>
  );
}

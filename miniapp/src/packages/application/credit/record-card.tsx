import { Button, Text, View } from '@tarojs/components';
import type { DishonestyRecord, RepairProof } from '@ycta/shared/contracts/credit-repair.contract';
import { ProgressBar } from '../../../components/progress-bar';
import { chineseDate, eligibilityBadge, recordKindNames, severityNames } from '../../../text/repair';
import { shanghaiTime } from '../../../text/time';

const typeWords = (type: string) => (type === 'application/pdf' ? 'PDF 文件' : '照片');
const sizeWords = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

interface Props {
  record: DishonestyRecord;
  /** The proofs uploaded for it when it is picked for the case; null when not picked. */
  proofs: RepairProof[] | null;
  /** Upload progress in percent while a proof is on its way. */
  uploading: number | null;
  problem?: string;
  onToggle: () => void;
  onUpload: () => void;
}

/** One dishonesty record: what it was for, whether and from when it can be repaired, what proof it needs; pick and upload. */
export function RecordCard({ record: r, proofs, uploading, problem, onToggle, onUpload }: Props) {
  const badge = eligibilityBadge[r.eligibility.status];
  const repairable = r.eligibility.status === 'now';
  const picked = proofs !== null;
  const needsProof = r.eligibility.proofs.length > 0 && (repairable || r.eligibility.status === 'from' || r.eligibility.status === 'fulfil_first');
  return (
    <View className={`card section credit-record ${picked ? 'credit-record--picked' : ''}`} aria-label={`${recordKindNames[r.kind]} ${r.decisionNo}`}>
      <View className='credit-record__row'>
        <Text className='credit-record__kind'>{recordKindNames[r.kind]} · {severityNames[r.severity]}</Text>
        <Text className={`badge badge--${badge.tone}`}>{badge.label}</Text>
      </View>
      <Text className='credit-record__purpose'>{r.purpose}</Text>
      <Text className='hint'>{r.departmentName} · {r.decisionNo} · {chineseDate(r.decidedOn)}</Text>
      {repairable ? null : <Text className={`credit-record__when credit-record__when--${r.eligibility.status}`}>{r.eligibility.reason}</Text>}
      {needsProof ? <Text className='hint'>所需证明材料：{r.eligibility.proofs.join('、')}</Text> : null}
      {repairable ? (
        <View className='credit-record__pick' role='checkbox' aria-checked={picked} aria-label={`申请修复 ${r.decisionNo}`} onClick={onToggle}>
          <View className={`commitment__box ${picked ? 'commitment__box--on' : ''}`}>{picked ? '✓' : ''}</View>
          <Text>申请修复这条记录</Text>
        </View>
      ) : null}
      {picked ? (
        <View className='credit-record__proofs'>
          {proofs.map((p, i) => (
            <Text key={p.id} className='credit-record__proof'>✓ 材料 {i + 1}：{typeWords(p.type)}，{sizeWords(p.size)}，{shanghaiTime(p.receivedAt)} 上传</Text>
          ))}
          {uploading !== null ? <ProgressBar percent={uploading} label='证明材料上传进度' /> : null}
          <Button className='btn btn--plain' disabled={uploading !== null} onClick={onUpload}>{proofs.length ? '再上传一份证明材料' : '上传证明材料（照片或 PDF）'}</Button>
        </View>
      ) : null}
      {problem ? <View role='alert'><Text className='error-text'>{problem}</Text></View> : null}
    </View>
  );
}

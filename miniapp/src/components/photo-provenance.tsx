import { Text } from '@tarojs/components';
import { photoProvenanceMarks, type EvidenceSourceOf } from '@ycta/shared/domain/photo-provenance';

/**
 * The marks beside a photo whose place or time only the phone reported ("位置由手机上报") or nobody did ("无拍摄时间"):
 * the inspector room and the review desk show them next to the photo's evidence line.
 */
export function PhotoProvenance({ photo }: { photo: { captureTimeSource: EvidenceSourceOf; gps: { source: EvidenceSourceOf } | null } }) {
  return <>{photoProvenanceMarks(photo).map((m) => <Text key={m.text} className='mark mark--warn'> · {m.text}</Text>)}</>;
}

import { Button, Image, Text, View } from '@tarojs/components';
import type { RepairProof } from '@ycta/shared/contracts/credit-repair.contract';
import { useEffect, useState } from 'react';
import { repairProofPath } from '../../../api/routes';
import { shanghaiTime } from '../../../text/time';
import { authorisedBlob } from '../media';

/** A proof read with the reviewer's token, as a blob URL (a plain <img src> cannot send it). */
function useProofUrl(proof: RepairProof): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    let url: string | null = null;
    authorisedBlob(repairProofPath(proof.id)).then(
      (blob) => { url = URL.createObjectURL(blob); setState({ url, failed: false }); },
      () => setState({ url: null, failed: true }),
    );
    return () => { if (url) URL.revokeObjectURL(url); };
  }, [proof.id]);
  return state;
}

/** One proof as evidence: a photo's thumbnail that opens large, or a PDF that opens in a new tab; its hash on demand. */
export function ProofThumb({ proof, index }: { proof: RepairProof; index: number }) {
  const { url, failed } = useProofUrl(proof);
  const [large, setLarge] = useState(false);
  const [hash, setHash] = useState(false);
  const pdf = proof.type === 'application/pdf';
  const open = () => {
    if (!url) return;
    if (pdf) window.open(url, '_blank', 'noopener');
    else setLarge(true);
  };
  return (
    <View className='proof'>
      {pdf ? (
        <View className='proof__thumb proof__thumb--pdf' onClick={open}><Text>PDF</Text></View>
      ) : url ? (
        <Image className='proof__thumb' src={url} mode='aspectFill' aria-label={`证明材料 ${index + 1}，点击放大`} onClick={open} />
      ) : (
        <View className='proof__thumb'><Text className='hint'>{failed ? '读取失败' : '正在读取…'}</Text></View>
      )}
      <Text className='proof__facts'>材料 {index + 1} · {pdf ? 'PDF 文件' : '照片'} · 上传于 {shanghaiTime(proof.receivedAt)}</Text>
      <View className='proof__links'>
        <Text className='proof__link' onClick={open}>{pdf ? '打开 PDF' : '查看大图'}</Text>
        <Text className='proof__link' onClick={() => setHash((h) => !h)}>{hash ? '收起哈希' : '查看哈希'}</Text>
      </View>
      {hash ? <Text className='mono proof__hash'>SHA-256 {proof.sha256}</Text> : null}
      {large && url ? (
        <View className='proof__overlay' role='dialog' aria-label={`证明材料 ${index + 1}`} onClick={() => setLarge(false)}>
          <Image className='proof__large' src={url} mode='aspectFit' />
          <Button className='btn btn--plain btn--small'>关闭</Button>
        </View>
      ) : null}
    </View>
  );
}

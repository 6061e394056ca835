import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CommitmentText } from '@ycta/shared/domain/materials';

interface Props {
  materialName: string;
  commitment: CommitmentText;
  busy: boolean;
  onSign: (signerName: string) => void;
  onCancel: () => void;
}

/** 告知承诺: the full text and what a false one costs, then a typed name and an explicit tick before signing. */
export function CommitmentForm({ materialName, commitment, busy, onSign, onCancel }: Props) {
  const [name, setName] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [problem, setProblem] = useState('');
  const sign = () => {
    if (name.trim().length < 2) return setProblem('请填写签署人姓名（至少 2 个字）');
    if (!agreed) return setProblem('请先勾选“我已阅读并同意”');
    setProblem('');
    onSign(name.trim());
  };
  return (
    <View className='commitment' aria-label={`${materialName}告知承诺书`}>
      <Text className='commitment__title'>告知承诺书 · {materialName}</Text>
      <Text className='commitment__text'>{commitment.text}</Text>
      <Text className='commitment__label'>不实承诺的后果</Text>
      <Text className='commitment__consequences'>{commitment.consequences}</Text>
      <Text className='hint'>承诺书版本 {commitment.version}</Text>
      <Input
        className='text-input'
        placeholder='签署人姓名'
        aria-label='签署人姓名'
        value={name}
        maxlength={40}
        onInput={(e) => setName(e.detail.value)}
      />
      {/* one tappable row, one state: a native checkbox inside a label would toggle twice */}
      <View className='commitment__agree' role='checkbox' aria-checked={agreed} aria-label='我已阅读并同意承诺内容及不实承诺的后果' onClick={() => setAgreed((a) => !a)}>
        <View className={`commitment__box ${agreed ? 'commitment__box--on' : ''}`}>{agreed ? '✓' : ''}</View>
        <Text>我已阅读并同意以上承诺内容及不实承诺的后果</Text>
      </View>
      {problem ? <Text className='error-text'>{problem}</Text> : null}
      <View className='commitment__actions'>
        <Button className='btn btn--plain' onClick={onCancel}>取消</Button>
        <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={sign}>签署承诺</Button>
      </View>
    </View>
  );
}

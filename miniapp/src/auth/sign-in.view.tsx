import { Button, Text, View } from '@tarojs/components';
import type { User } from '@ycta/shared/contracts/auth.contract';
import { useState } from 'react';
import { messageOf } from '../api/api-error';
import { signInAsDemoUser, signInWithWechat } from './sign-in';
import './sign-in.css';

/** The seeded applicants, one per credit tier (demo and development only). */
export const demoApplicants = [
  { username: 'applicant-red', label: '红码经营主体（信用好）' },
  { username: 'applicant-orange', label: '橙码经营主体' },
  { username: 'applicant-blue', label: '蓝码经营主体（需人工审核）' },
  { username: 'applicant-black', label: '黑码经营主体（失信）' },
];

interface Props {
  /** WeChat on the weapp build; the dev sign-in on h5 (where the BFF enables it). */
  channel?: 'wechat' | 'dev';
  onSignedIn: (user: User) => void;
}

export function SignInView({ channel = process.env.TARO_ENV === 'weapp' ? 'wechat' : 'dev', onSignedIn }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (signIn: () => Promise<User>) => {
    setBusy(true);
    setError('');
    try {
      onSignedIn(await signIn());
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='sign-in'>
      <Text className='sign-in__title'>远程踏勘</Text>
      <Text className='sign-in__hint'>足不出户，视频完成现场踏勘。登录后查看您的申请。</Text>
      {channel === 'wechat' ? (
        <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={() => run(signInWithWechat)}>微信一键登录</Button>
      ) : (
        <View className='sign-in__demo'>
          <Text className='sign-in__label'>演示登录：请选择一个演示账号</Text>
          {demoApplicants.map((d) => (
            <Button key={d.username} className='btn btn--plain' disabled={busy} onClick={() => run(() => signInAsDemoUser(d.username))}>{d.label}</Button>
          ))}
        </View>
      )}
      {error ? <Text className='sign-in__error'>{error}</Text> : null}
    </View>
  );
}

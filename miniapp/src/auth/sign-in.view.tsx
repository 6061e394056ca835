import { Button, Input, Text, View } from '@tarojs/components';
import type { User } from '@ycta/shared/contracts/auth.contract';
import { useState } from 'react';
import { messageOf } from '../api/api-error';
import { signInAsDemoUser, signInWithPassword, signInWithWechat } from './sign-in';
import './sign-in.css';

/** The seeded applicants, one per credit tier (demo and development only). */
export const demoApplicants = [
  { username: 'applicant-red', label: '红码经营主体（信用好）' },
  { username: 'applicant-orange', label: '橙码经营主体' },
  { username: 'applicant-blue', label: '蓝码经营主体（需人工审核）' },
  { username: 'applicant-black', label: '黑码经营主体（失信）' },
  { username: 'applicant-catering', label: '餐饮经营主体（综合查一次）' },
];

/** The seeded staff-side accounts (demo only): each goes on to their own desk after signing in. */
export const demoStaff = [
  { username: 'inspector1', label: '踏勘人员 inspector1' },
  { username: 'expert1', label: '专家 expert1' },
  { username: 'staff1', label: '审核人员 staff1' },
];

interface Props {
  /** WeChat on the weapp build; the dev sign-in on h5 (where the BFF enables it). */
  channel?: 'wechat' | 'dev';
  onSignedIn: (user: User) => void;
  /** Sent here from a page whose session ended: say so, they go back there after signing in. */
  returning?: boolean;
}

export function SignInView({ channel = process.env.TARO_ENV === 'weapp' ? 'wechat' : 'dev', onSignedIn, returning = false }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

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

  const submitPassword = () => {
    const empty = { username: !username.trim(), password: !password };
    setMissing(empty);
    if (empty.username || empty.password) return setError('');
    return run(() => signInWithPassword(username.trim(), password));
  };

  return (
    <View className='sign-in'>
      <View className='sign-in__card'>
      <View className='sign-in__title' role='heading' aria-level={1}>远程踏勘</View>
      {returning
        ? <View role='status'><Text className='sign-in__notice'>登录已过期或尚未登录。登录后将回到刚才的页面。</Text></View>
        : <Text className='sign-in__hint'>足不出户，视频完成现场踏勘。登录后查看您的申请。</Text>}
      {channel === 'wechat' ? (
        <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={() => run(signInWithWechat)}>微信一键登录</Button>
      ) : (
        <>
          <View className='sign-in__staff'>
            <Text className='sign-in__label'>工作人员登录（踏勘人员、专家、审核人员）</Text>
            <Input className={`text-input ${missing.username ? 'text-input--invalid' : ''}`} placeholder='账号' aria-label='账号' value={username}
              onInput={(e) => { setUsername(e.detail.value); setMissing((m) => ({ ...m, username: false })); }} />
            {missing.username ? <View role='alert'><Text className='field-error'>请输入账号</Text></View> : null}
            <Input className={`text-input ${missing.password ? 'text-input--invalid' : ''}`} placeholder='密码' aria-label='密码' password value={password}
              onInput={(e) => { setPassword(e.detail.value); setMissing((m) => ({ ...m, password: false })); }} onConfirm={() => submitPassword()} />
            {missing.password ? <View role='alert'><Text className='field-error'>请输入密码</Text></View> : null}
            <Button className='btn btn--primary' loading={busy} disabled={busy} onClick={() => submitPassword()}>登录</Button>
          </View>
          <View className='sign-in__demo'>
            <Text className='sign-in__label'>演示登录：请选择一个演示账号</Text>
            {[...demoApplicants, ...demoStaff].map((d) => (
              <Button key={d.username} className='btn btn--plain' disabled={busy} onClick={() => run(() => signInAsDemoUser(d.username))}>{d.label}</Button>
            ))}
          </View>
        </>
      )}
      {error ? <View role='alert'><Text className='sign-in__error'>{error}</Text></View> : null}
      </View>
    </View>
  );
}

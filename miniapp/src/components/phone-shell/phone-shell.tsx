import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { useSessionGuard } from '../../auth/session-guard';
import { pages, replacePage } from '../../navigation';
import './phone-shell.css';

interface Props {
  /** The same words as the page's navigationBarTitleText (WeChat draws that bar itself; h5 draws this one). */
  title: string;
  /** Thumb-reachable actions, fixed at the bottom. */
  actions?: ReactNode;
  children: ReactNode;
}

function back(): void {
  // opened straight from a link (no history): 返回 leads to 我的申请
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack({ delta: 1 });
  else replacePage(pages.home);
}

/**
 * The frame of every applicant page after sign-in: a title bar with 返回 (h5; the mini-program's own bar does it on
 * WeChat), the page, and its main actions at the bottom. Without a session it goes to sign-in and back here.
 */
export function PhoneShell({ title, actions, children }: Props) {
  const user = useSessionGuard();
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className={`phone ${actions ? 'phone--with-actions' : ''}`}>
      {h5 ? (
        <View className='phone__bar'>
          <Button className='phone__back' aria-label='返回' onClick={back}>‹ 返回</Button>
          <View className='phone__title' role='heading' aria-level={1}>{title}</View>
        </View>
      ) : null}
      {user ? children : <View className='phone__state' aria-busy='true'><Text>正在转到登录…</Text></View>}
      {user && actions ? <View className='phone__actions'>{actions}</View> : null}
    </View>
  );
}

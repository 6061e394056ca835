import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { roleLabels } from '@ycta/shared/roles';
import type { ReactNode } from 'react';
import { signOutEverywhere, useSessionGuard } from '../../auth/session-guard';
import { replacePage } from '../../navigation';
import { navOfRole } from './desk-nav';
import './desk-shell.css';

/** The office named in every desk's header (build-time setting, see types/global.d.ts). */
export const officeName = process.env.TARO_APP_OFFICE_NAME || '行政审批服务局';

interface Props {
  /** The page's title, shown above its content. */
  title: string;
  /** The `deskNav` key this page belongs to (a detail page passes its list's key). */
  active: string;
  /** Where 返回 leads: the list a detail page was opened from. Top-level desks leave it out (the navigation is the way). */
  back?: string;
  /** `wide` for pages whose work needs the space (the review's recording and timeline); forms and text stay readable. */
  width?: 'readable' | 'wide';
  /** Buttons beside the title (e.g. 打印). */
  actions?: ReactNode;
  children: ReactNode;
}

function goBack(fallback: string): void {
  // back through the history when there is one (keeps the list's scroll and filters), else to the list itself
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack({ delta: 1 });
  else replacePage(fallback);
}

/**
 * The one frame of every staff-side desk page (inspectors, experts, staff): a header with the office, the user's name
 * and role and 退出登录; the desks of the user's role; the page's title, its way back and its content in a readable
 * width. Without a session it sends the person to sign-in and back here afterwards.
 *
 * A new desk page: add its entry to `deskNav` (desk-nav.ts), then in its page's index.tsx
 *   <DeskShell title='信用修复' active='repair'><RepairListView /></DeskShell>
 * and for its detail page `<DeskShell title='修复申请' active='repair' back={repairPages.list}>…</DeskShell>`.
 * The view inside renders only its own content (no header, no sign-in); unit tests render the view alone.
 */
export function DeskShell({ title, active, back, width = 'readable', actions, children }: Props) {
  const user = useSessionGuard();
  if (!user) return <View className='desk__state' aria-busy='true'><Text>正在转到登录…</Text></View>;
  const nav = navOfRole(user.role);
  return (
    <View className='desk'>
      <View className='desk__header' role='banner'>
        <Text className='desk__office'>{officeName} · 远程踏勘</Text>
        <View className='desk__user'>
          <Text className='desk__name'>{user.displayName}（{roleLabels[user.role]}）</Text>
          <Button className='btn btn--plain btn--small desk__signout' onClick={() => void signOutEverywhere()}>退出登录</Button>
        </View>
      </View>
      {nav.length > 0 ? (
        <View className='desk__nav' role='navigation' aria-label='工作台'>
          {nav.map((entry) => (
            <Text key={entry.key} className={`desk__nav-item ${entry.key === active ? 'desk__nav-item--active' : ''}`}
              aria-current={entry.key === active ? 'page' : undefined} onClick={() => replacePage(entry.url)}>
              {entry.label}
            </Text>
          ))}
        </View>
      ) : null}
      <View className={`desk__main desk__main--${width}`} role='main'>
        <View className='desk__titlebar'>
          {back ? <Button className='btn btn--plain btn--small desk__back' aria-label='返回' onClick={() => goBack(back)}>‹ 返回</Button> : null}
          <View className='desk__title' role='heading' aria-level={1}>{title}</View>
          {actions ? <View className='desk__actions'>{actions}</View> : null}
        </View>
        {children}
      </View>
    </View>
  );
}

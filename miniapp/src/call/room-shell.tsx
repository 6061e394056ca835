import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './room-shell.css';

/**
 * The full-screen room shell shared by the applicant's, the inspector's and the expert's rooms (UI.md, Shape in
 * code): a bar with the way out, where you are, the call's state and a permanent 录制中 while it is recorded; the
 * room's own content fills the rest of the screen.
 */
export function RoomShell({ title, status, recording, leave, tone = 'light', children }: {
  title: string;
  status: string;
  recording: boolean;
  /** The way out (hang up, or back once the call is over). */
  leave: { label: string; onClick: () => void };
  /** The applicant's camera room is dark (the picture is the page); desks are light. */
  tone?: 'light' | 'dark';
  children: ReactNode;
}) {
  return (
    <View className={`room-shell room-shell--${tone}`}>
      <View className='room-shell__bar'>
        <button type='button' className='room-shell__leave' onClick={leave.onClick}>{leave.label}</button>
        <View className='room-shell__title' role='heading' aria-level={1}>{title}</View>
        {recording ? <span className='room-shell__recording' role='status'>● 录制中</span> : null}
        <span className='room-shell__status' role='status'>{status}</span>
      </View>
      <View className='room-shell__body'>{children}</View>
    </View>
  );
}

export const callStateText: Record<string, string> = {
  idle: '',
  connecting: '正在连接…',
  waiting: '已连接，等待踏勘人员让您进入…',
  'in-call': '视频踏勘进行中',
  reconnecting: '正在重新连接…',
  removed: '您已被移出本次踏勘',
  ended: '踏勘已结束',
  failed: '未能连接视频踏勘',
};

export const roleNames: Record<string, string> = { inspector: '踏勘人员', expert: '专家', staff: '工作人员', applicant: '申请人' };

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { inspection, walkthrough } from '../../../../test/fixtures';
import { errorReply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { readRoomEntry } from '../../../call/room-link';
import { JoinView } from './join.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const path = `/inspections/${inspection.id}/join`;
const localJoin = {
  mode: 'local', ticket: 'one-time-ticket-123', wsUrl: 'ws://127.0.0.1:3000/api/signalling', ticketExpiresAt: '2026-12-01T02:05:00.000Z',
  roomPass: { token: 'room-pass-for-this-call', expiresAt: '2026-12-01T04:00:00.000Z' },
  iceServers: [{ urls: 'stun:127.0.0.1:3478' }], canPublish: true,
};

const roomEntryOf = (url: string) => readRoomEntry(new URLSearchParams(url.split('?')[1]).get('entry') ?? undefined);

describe('joining the call', () => {
  it('when camera, microphone and network are fine, then h5 goes straight to the room with the one-time ticket', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', path, { status: 200, body: localJoin });
    render(<JoinView inspectionId={inspection.id} platform='h5' h5Origin='http://127.0.0.1:3000' />);
    expect(screen.getByText('正在检查摄像头、麦克风和网络…')).toBeTruthy();
    expect(await screen.findByText('✓ 摄像头：正常')).toBeTruthy();
    expect(screen.getByText('✓ 麦克风：正常')).toBeTruthy();
    expect(screen.getByText('✓ 网络：Wi-Fi')).toBeTruthy();
    fireEvent.click(screen.getByText('进入视频踏勘'));
    await waitFor(() => expect(platform.navigations).toHaveLength(1));
    expect(platform.navigations[0]).toMatch(/^\/packages\/room\/index\?entry=/);
    expect(roomEntryOf(platform.navigations[0]!)).toEqual({ inspectionId: inspection.id, join: localJoin, audioOnly: false });
  });

  it('when the network is weak, then audio-only is suggested and chosen', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', path, { status: 200, body: localJoin });
    platform.networkType = '3g';
    render(<JoinView inspectionId={inspection.id} platform='h5' h5Origin='http://127.0.0.1:3000' />);
    expect(await screen.findByText('✗ 网络：3G，信号较弱，建议仅语音或录制现场视频')).toBeTruthy();
    fireEvent.click(screen.getByText('进入语音踏勘'));
    await waitFor(() => expect(platform.navigations).toHaveLength(1));
    expect(roomEntryOf(platform.navigations[0]!)?.audioOnly).toBe(true);
  });

  it('when the camera is refused, then the check says so', async () => {
    app = await startAppAgainstLocalBff();
    platform.media = 'denied';
    render(<JoinView inspectionId={inspection.id} platform='h5' h5Origin='http://127.0.0.1:3000' />);
    expect(await screen.findByText('✗ 摄像头：未授权，请在设置中允许使用')).toBeTruthy();
  });

  it('when on weapp, then the room opens in the web-view, with a copyable link and a QR code as fallback', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', path, { status: 200, body: localJoin });
    render(<JoinView inspectionId={inspection.id} platform='weapp' h5Origin='https://ycta.example.gov.cn' />);
    fireEvent.click(await screen.findByText('进入视频踏勘'));
    fireEvent.click(await screen.findByText('复制链接'));
    expect(platform.clipboard).toMatch(/^https:\/\/ycta\.example\.gov\.cn\/#\/packages\/room\/index\?entry=/);
    expect(roomEntryOf(platform.clipboard)?.join.ticket).toBe('one-time-ticket-123');
    expect(screen.getByLabelText('视频踏勘二维码').getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    fireEvent.click(screen.getByText('在小程序内进入'));
    expect(platform.navigations).toEqual([`/packages/inspection/web-room/index?url=${encodeURIComponent(platform.clipboard)}`]);
  });

  it('when the BFF refuses the join, then its message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', path, errorReply(409, 'INSPECTION.OUTSIDE_WINDOW', '未到预约的踏勘时间，请在预约时间前后 15 分钟内进入'));
    render(<JoinView inspectionId={inspection.id} platform='h5' h5Origin='http://127.0.0.1:3000' />);
    fireEvent.click(await screen.findByText('进入视频踏勘'));
    expect(await screen.findByText('未到预约的踏勘时间，请在预约时间前后 15 分钟内进入')).toBeTruthy();
    expect(platform.navigations).toEqual([]);
  });

  it('when live video is impossible, then a recorded walk-through is uploaded with its progress', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', `/inspections/${inspection.id}/walkthroughs`, { status: 201, body: walkthrough });
    const video = join(mkdtempSync(join(tmpdir(), 'ycta-video-')), 'walk.mp4');
    writeFileSync(video, randomBytes(128 * 1024));
    platform.chosenFiles = [video];
    render(<JoinView inspectionId={inspection.id} platform='h5' h5Origin='http://127.0.0.1:3000' />);
    fireEvent.click(await screen.findByText('录制现场视频上传'));
    fireEvent.click(screen.getByText('开始录制'));
    expect(await screen.findByRole('progressbar')).toBeTruthy();
    expect(await screen.findByText('现场录像已上传，踏勘人员会查看后与您联系。')).toBeTruthy();
    expect(app.bff.seen.find((r) => r.method === 'POST')!.body).toContain('filename="walk.mp4"');
  });
});

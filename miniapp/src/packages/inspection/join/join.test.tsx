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
const codes = `/inspections/${inspection.id}/room-codes`;
let issued = 0;
const oneTimeCode = () => ({ status: 201, body: { code: `one-time-code-${++issued}-0123456789`, expiresAt: '2026-12-01T02:10:00.000Z' } });

const roomEntryOf = (url: string) => readRoomEntry(Object.fromEntries(new URLSearchParams(url.split('?')[1])));

describe('joining the call', () => {
  it('when camera, microphone and network are fine, then h5 goes straight to the room, whose address carries no ticket or pass', async () => {
    app = await startAppAgainstLocalBff();
    render(<JoinView inspectionId={inspection.id} platform='h5' h5Origin='http://127.0.0.1:3000' />);
    expect(screen.getByText('正在检查摄像头、麦克风和网络…')).toBeTruthy();
    expect(await screen.findByText('✓ 摄像头：正常')).toBeTruthy();
    expect(screen.getByText('✓ 麦克风：正常')).toBeTruthy();
    expect(screen.getByText('✓ 网络：Wi-Fi')).toBeTruthy();
    fireEvent.click(screen.getByText('进入视频踏勘'));
    await waitFor(() => expect(platform.navigations).toHaveLength(1));
    expect(platform.navigations[0]).toBe(`/packages/room/index?id=${inspection.id}`);
    expect(roomEntryOf(platform.navigations[0]!)).toEqual({ inspectionId: inspection.id, audioOnly: false });
  });

  it('when the network is weak, then audio-only is suggested and chosen', async () => {
    app = await startAppAgainstLocalBff();
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

  it('when on weapp, then the room opens in the web-view and, as fallback, a copyable link and QR code: each with its own one-time code, none with a pass', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', codes, oneTimeCode);
    render(<JoinView inspectionId={inspection.id} platform='weapp' h5Origin='https://ycta.example.gov.cn' />);
    fireEvent.click(await screen.findByText('进入视频踏勘'));
    fireEvent.click(await screen.findByText('复制链接'));
    expect(platform.clipboard).toMatch(new RegExp(`^https://ycta\\.example\\.gov\\.cn/#/packages/room/index\\?id=${inspection.id}&code=one-time-code-`));
    expect(screen.getByLabelText('视频踏勘二维码').getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    fireEvent.click(screen.getByText('在小程序内进入'));
    const webView = decodeURIComponent(platform.navigations[0]!.split('url=')[1]!);
    expect(roomEntryOf(webView)?.code).toMatch(/^one-time-code-/);
    expect(roomEntryOf(webView)?.code).not.toBe(roomEntryOf(platform.clipboard)?.code);
    expect(`${webView} ${platform.clipboard}`).not.toMatch(/ticket|roomPass|pass=/);
  });

  it('when the BFF refuses a code, then its message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', codes, errorReply(409, 'INSPECTION.OUTSIDE_WINDOW', '未到预约的踏勘时间，请在预约时间前后 15 分钟内进入'));
    render(<JoinView inspectionId={inspection.id} platform='weapp' h5Origin='http://127.0.0.1:3000' />);
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

import { render, screen } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../test/app-under-test';
import { inspection } from '../../../test/fixtures';
import { platform } from '../../../test/taro-platform';
import { keptRoomPass, roomJoiner } from '../../call/room-credentials';
import { readRoomEntry, roomUrl } from '../../call/room-link';
import { RoomView } from './room.view';

const answer = {
  mode: 'local', ticket: 'one-time-ticket-123', wsUrl: 'ws://127.0.0.1:9/api/signalling', ticketExpiresAt: '2099-12-01T02:05:00.000Z',
  roomPass: { token: 'room-pass-for-this-call', expiresAt: '2099-12-01T04:00:00.000Z' },
  iceServers: [], canPublish: true, records: false,
};

afterEach(() => sessionStorage.clear());

describe('the room (h5)', () => {
  it('when the address names no inspection, then it says so and how to get a new link', () => {
    render(<RoomView entry={readRoomEntry({ entry: 'not-json' })} />);
    expect(screen.getByText('链接无效或已使用。请回到小程序，重新点击“进入视频踏勘”。')).toBeTruthy();
  });

  it('when the camera is refused, then it connects no further and says why', async () => {
    const { bff } = await startAppAgainstLocalBff();
    bff.on('POST', `/inspections/${inspection.id}/join`, { status: 200, body: answer });
    platform.media = 'denied';
    render(<RoomView entry={{ inspectionId: inspection.id, audioOnly: false }} />);
    expect(screen.getAllByText('正在连接…').length).toBeGreaterThan(0);
    expect(await screen.findByText(/无法打开摄像头或连接视频/)).toBeTruthy();
    expect(screen.getAllByText('未能连接视频踏勘').length).toBeGreaterThan(0);
    expect(screen.getByText('重新连接')).toBeTruthy();
    await bff.close();
  });

  it('when the inspection was concluded meanwhile, then the room says the call is over and offers no 重新连接', async () => {
    const { bff } = await startAppAgainstLocalBff();
    bff.on('POST', `/inspections/${inspection.id}/join`, { status: 409, body: { error: { code: 'INSPECTION.INVALID_STATE', message: '踏勘已结束，不能进入视频', requestId: 'r-1' } } });
    render(<RoomView entry={{ inspectionId: inspection.id, audioOnly: false }} />);
    expect(await screen.findByText('踏勘已结束，不能进入视频')).toBeTruthy();
    expect(screen.queryByText('重新连接')).toBeNull();
    expect(screen.getByText('返回')).toBeTruthy();
    await bff.close();
  });

  it('when a link for another device is built, then the room reads back the inspection and the one-time code, and nothing else', () => {
    const url = roomUrl('https://ycta.example.gov.cn/', { inspectionId: inspection.id, audioOnly: true, code: 'code-0123456789abcdef' });
    expect(url).toBe(`https://ycta.example.gov.cn/#/packages/room/index?id=${inspection.id}&audio=1&code=code-0123456789abcdef`);
    expect(readRoomEntry(Object.fromEntries(new URLSearchParams(url.split('?')[1])))).toEqual({ inspectionId: inspection.id, audioOnly: true, code: 'code-0123456789abcdef' });
  });

  it('when the room has no session, then it redeems its code once, keeps the pass in this tab, and rejoins on the pass (reload, reconnect)', async () => {
    const { bff } = await startAppAgainstLocalBff({ signedIn: false });
    bff.on('POST', `/inspections/${inspection.id}/room-codes/redeem`, { status: 200, body: answer });
    bff.on('POST', `/inspections/${inspection.id}/join`, { status: 200, body: { ...answer, ticket: 'second-ticket' } });
    const join = roomJoiner({ inspectionId: inspection.id, audioOnly: false, code: 'code-0123456789abcdef' });
    expect((await join()).ticket).toBe('one-time-ticket-123');
    expect(keptRoomPass(inspection.id)?.token).toBe('room-pass-for-this-call');
    // the page reloads: a new joiner, no code in the address any more
    const reloaded = roomJoiner({ inspectionId: inspection.id, audioOnly: false });
    expect((await reloaded()).ticket).toBe('second-ticket');
    const seen = bff.seen.map((r) => [r.path, r.headers.authorization ?? null]);
    expect(seen).toEqual([
      [`/inspections/${inspection.id}/room-codes/redeem`, null],
      [`/inspections/${inspection.id}/join`, 'Bearer room-pass-for-this-call'],
    ]);
    await bff.close();
  });
});

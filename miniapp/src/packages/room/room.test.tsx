import { render, screen } from '@testing-library/react';
import { applicantSession, startAppAgainstLocalBff } from '../../../test/app-under-test';
import { inspection } from '../../../test/fixtures';
import { routes } from '../../api/routes';
import { platform } from '../../../test/taro-platform';
import { readRoomEntry, roomUrl, type RoomEntry } from '../../call/room-link';
import { RoomView } from './room.view';
import { roomApi } from './use-inspection-call';

const entry: RoomEntry = {
  inspectionId: inspection.id,
  audioOnly: false,
  join: {
    mode: 'local', ticket: 'one-time-ticket-123', wsUrl: 'ws://127.0.0.1:9/api/signalling', ticketExpiresAt: '2026-12-01T02:05:00.000Z',
    roomPass: { token: 'room-pass-for-this-call', expiresAt: '2026-12-01T04:00:00.000Z' },
    iceServers: [], canPublish: true,
  },
};

describe('the room (h5)', () => {
  it('when the link carries no valid entry, then it says so and how to get a new one', () => {
    render(<RoomView entry={readRoomEntry('not-json')} />);
    expect(screen.getByText('链接无效或已使用。请回到小程序，重新点击“进入视频踏勘”。')).toBeTruthy();
  });

  it('when the camera is refused, then it connects no further and says why', async () => {
    platform.media = 'denied';
    render(<RoomView entry={entry} />);
    expect(screen.getByText('正在连接…')).toBeTruthy();
    expect(await screen.findByText('未能进入视频踏勘')).toBeTruthy();
    expect(screen.getByText(/无法打开摄像头或连接视频/)).toBeTruthy();
  });

  it('when the join page builds the link, then the room reads the same entry back', () => {
    const url = roomUrl('https://ycta.example.gov.cn/', entry);
    expect(url.startsWith('https://ycta.example.gov.cn/#/packages/room/index?entry=')).toBe(true);
    expect(readRoomEntry(url.split('entry=')[1])).toEqual(entry);
  });

  it('when the room is opened without a session (WebView, a link on a phone), then its calls carry the room pass; with a session, the session', async () => {
    for (const signedIn of [false, true]) {
      const { bff } = await startAppAgainstLocalBff({ signedIn });
      bff.on('POST', `/inspections/${inspection.id}/join`, { status: 200, body: entry.join });
      await roomApi(entry).call(routes.join, { params: { id: inspection.id } });
      const sent = bff.seen.at(-1)!.headers.authorization;
      expect(sent).toBe(signedIn ? `Bearer ${applicantSession.accessToken}` : 'Bearer room-pass-for-this-call');
      await bff.close();
    }
  });
});

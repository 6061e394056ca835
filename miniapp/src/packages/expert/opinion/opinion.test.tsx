import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { errorReply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { finishedInspection, inspectionId } from '../../staff/review/review.fixtures';
import { ExpertOpinionView } from './opinion.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());

const inCall = { ...finishedInspection, status: 'in_progress' as const, statusLabel: '踏勘中', opinions: [] };
const { rtcPreference: _r, offeredSlots: _o, participants: _p, checklist: _c, conclusion: _k, opinions: _x, firstJoinAt: _f, concludedAt: _a, durationSeconds: _d, recheckOf: _z, ...summary } = inCall;

describe('expert page', () => {
  it('when opened from an invitation, then it accepts it, shows the checklist read-only and adds an opinion to the record', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', '/invitations/accept', { status: 200, body: summary });
    app.bff.on('GET', `/inspections/${inspectionId}`, { status: 200, body: inCall });
    app.bff.on('POST', `/inspections/${inspectionId}/opinions`, (req) => ({ status: 201, body: { expertId: 'u-exp', text: JSON.parse(req.body).text, at: '2026-11-28T02:20:00.000Z' } }));
    render(<ExpertOpinionView invitation='invite-token-0123456789' />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(await screen.findByText('踏勘要点（已判定 2 / 2）')).toBeTruthy();
    expect(JSON.parse(app.bff.seen[0]!.body)).toEqual({ token: 'invite-token-0123456789' });
    expect(screen.getByText('备注：两个出口畅通')).toBeTruthy();
    expect(screen.queryByText('不适用')).toBeNull(); // read-only: no judging buttons
    fireEvent.change(screen.getByLabelText('专家意见'), { target: { value: '建议复查时测量实际面积' } });
    fireEvent.click(screen.getByText('提交意见（记入踏勘记录）'));
    expect(await screen.findByText('2026-11-28 10:20：建议复查时测量实际面积')).toBeTruthy();
  });

  it('when the expert joins the video, then the room opens by the inspection alone (it joins by itself)', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', `/inspections/${inspectionId}`, { status: 200, body: inCall });
    render(<ExpertOpinionView id={inspectionId} />);
    fireEvent.click(await screen.findByText('进入视频踏勘'));
    await waitFor(() => expect(platform.navigations).toHaveLength(1));
    expect(platform.navigations[0]).toBe(`/packages/room/index?id=${inspectionId}`);
  });

  it('when the invitation was used or expired, then the BFF\'s message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('POST', '/invitations/accept', errorReply(400, 'INVITATION.INVALID', '邀请链接无效或已过期'));
    render(<ExpertOpinionView invitation='invite-token-0123456789' />);
    expect(await screen.findByText('邀请链接无效或已过期')).toBeTruthy();
  });
});

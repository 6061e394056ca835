import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { errorReply } from '../../../../test/local-bff';
import { ApiError } from '../../../api/api-error';
import type { CallEvents, InspectionCall } from '../../../rtc';
import { finishedInspection, inspectionId, sitePhoto } from '../../staff/review/review.fixtures';
import { InspectorRoomView } from './room.view';
import type { OpenCall } from './use-inspector-call';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const base = `/inspections/${inspectionId}`;

const open = {
  ...finishedInspection, status: 'in_progress' as const, statusLabel: '踏勘中', conclusion: null, concludedAt: null, durationSeconds: null,
  checklist: finishedInspection.checklist.map((p, n) => (n === 0 ? p : { ...p, result: null, note: null, judgedAt: null, judgedBy: null, judgments: 0 })),
};

/** A call as the RTC module hands one over, driven by the test. */
function fakeCall() {
  const listeners = new Map<string, ((arg: never) => void)[]>();
  const admitted: string[] = [];
  const removed: string[] = [];
  let recordingStopped = false;
  let left = false;
  const sent: unknown[] = [];
  const call: InspectionCall = {
    mode: 'local', localStream: null,
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (arg: never) => void]);
      return () => undefined;
    },
    admit: (id) => { admitted.push(id); }, remove: (id) => { removed.push(id); },
    send: (message) => { sent.push(message); }, setMuted: () => undefined,
    switchCamera: async () => undefined, captureStill: async () => new Blob(), leave: async () => { left = true; },
  };
  const emit = <K extends keyof CallEvents>(event: K, arg: Parameters<CallEvents[K]>[0]) =>
    act(() => { for (const l of listeners.get(event) ?? []) (l as (a: typeof arg) => void)(arg); });
  const recorded: string[][] = [];
  const openCall: OpenCall = async () => ({
    call,
    startRecording: (participants) => {
      recorded.push(participants.map((p) => p.userId));
      return { update: (list) => { recorded.push(list.map((p) => p.userId)); }, stop: async () => { recordingStopped = true; } };
    },
  });
  return { openCall, emit, admitted, removed, recorded, sent, get left() { return left; }, get recordingStopped() { return recordingStopped; } };
}

function serve() {
  app.bff.on('GET', base, { status: 200, body: open });
  app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [sitePhoto] } });
}

describe('inspector room', () => {
  it('when the call connects, then recording shows, a waiting applicant can be admitted and the admitted ones removed', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    const call = fakeCall();
    render(<InspectorRoomView id={inspectionId} openCall={call.openCall} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(await screen.findByText('踏勘要点（已判定 1 / 2）')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('正在连接…')).toBeTruthy());
    call.emit('state', 'in-call');
    expect(screen.getByText('● 录制中')).toBeTruthy();
    call.emit('waiting', [{ userId: 'u-app', role: 'applicant', displayName: '红梅网咖 负责人' }]);
    fireEvent.click(screen.getByText('允许进入'));
    expect(call.admitted).toEqual(['u-app']);
    call.emit('waiting', []);
    call.emit('participants', [{ userId: 'u-app', role: 'applicant', displayName: '红梅网咖 负责人', stream: null }]);
    expect(screen.getAllByText('申请人 红梅网咖 负责人')).toHaveLength(3); // stage, thumbnail and the people list
    fireEvent.click(screen.getByText('移出'));
    expect(call.removed).toEqual(['u-app']);
    call.emit('participants', []);
    // the recording started with nobody else in and follows who comes and goes
    expect(call.recorded).toEqual([[], ['u-app'], []]);
    call.emit('state', 'reconnecting');
    expect(screen.getByText('正在重新连接…（已作出的判定都已保存）')).toBeTruthy();
  });

  it('when a point is judged, then it is saved to the BFF with its note and linked photos at once', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    app.bff.on('PUT', `${base}/checklist/fire-exits`, (req) => ({
      status: 200, body: { ...open.checklist[0], result: 'fail', note: JSON.parse(req.body).note, judgments: 2, judgedAt: '2026-11-28T02:12:00.000Z' },
    }));
    // near the site, but its place came from the phone rather than the photo's EXIF: the inspector reads that beside the thumbnail
    app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [{ ...sitePhoto, distanceMeters: 40, marks: { stale: false, far: false, reasons: [] } }] } });
    render(<InspectorRoomView id={inspectionId} openCall={fakeCall().openCall} joinCall={false} />);
    expect(await screen.findByText('预传照片 · 位置由手机上报')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('安全出口备注'), { target: { value: '一个出口被堵' } });
    fireEvent.click(screen.getAllByText('不符合')[0]!);
    expect(await screen.findByText('不符合（2026-11-28 10:12）')).toBeTruthy();
    const sent = app.bff.seen.find((r) => r.method === 'PUT')!;
    expect(JSON.parse(sent.body)).toEqual({ result: 'fail', note: '一个出口被堵', photoIds: [sitePhoto.id] });
  });

  it('when the BFF refuses a judgment, then its message shows at that point', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    app.bff.on('PUT', `${base}/checklist/floor-area`, errorReply(409, 'INSPECTION.INVALID_STATE', '踏勘当前状态不允许此操作'));
    render(<InspectorRoomView id={inspectionId} openCall={fakeCall().openCall} joinCall={false} />);
    await screen.findByText('踏勘要点（已判定 1 / 2）');
    fireEvent.click(screen.getAllByText('符合')[1]!);
    expect(await screen.findByText('踏勘当前状态不允许此操作')).toBeTruthy();
  });

  it('when 邀请专家 is pressed, then a one-time link to the expert page shows with a QR code', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    app.bff.on('POST', `${base}/invitations`, { status: 201, body: { token: 'invite-token-0123456789', expiresAt: '2026-11-29T02:00:00.000Z', inspectionId } });
    render(<InspectorRoomView id={inspectionId} openCall={fakeCall().openCall} joinCall={false} />);
    fireEvent.click(await screen.findByText('邀请专家'));
    const link = (await screen.findByLabelText('专家邀请链接')) as HTMLInputElement;
    expect(link.value).toMatch(/#\/packages\/expert\/opinion\/index\?invitation=invite-token-0123456789$/);
    expect(screen.getByText('一次性链接，2026-11-29 10:00 前有效')).toBeTruthy();
    expect(screen.getByLabelText('专家邀请二维码')).toBeTruthy();
  });

  it('when a point is made current and a still requested, then the point goes to the call, the still is asked for it, and its arrival clears the waiting note and shows it under the point', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    app.bff.on('POST', `${base}/stills`, () => {
      app.bff.on('GET', `${base}/photos`, { status: 200, body: { items: [sitePhoto, { ...sitePhoto, id: '65d000000000000000000009', stillRequestId: 'sr1', width: 4000, height: 3000, receivedAt: '2026-11-28T02:06:00.000Z', marks: { stale: false, far: false, reasons: [] } }] } });
      return { status: 201, body: { stillRequestId: 'sr1', targetUserId: null, checklistItemId: 'fire-exits', delivered: true, requestedAt: '2026-11-28T02:05:55.000Z' } };
    });
    const call = fakeCall();
    render(<InspectorRoomView id={inspectionId} openCall={call.openCall} />);
    await waitFor(() => expect(screen.getByText('正在连接…')).toBeTruthy());
    call.emit('state', 'in-call');
    fireEvent.click((await screen.findAllByText('设为当前要点'))[0]!);
    expect(call.sent).toEqual([{ type: 'focus', point: { id: 'fire-exits', title: open.checklist[0]!.title, guidance: open.checklist[0]!.guidance } }]);
    fireEvent.click(screen.getByText(`请求截图：${open.checklist[0]!.title}`));
    expect(await screen.findByText(`已请求“${open.checklist[0]!.title}”的截图，等待对方上传…`)).toBeTruthy();
    expect(JSON.parse(app.bff.seen.find((r) => r.path.endsWith('/stills'))!.body)).toEqual({ checklistItemId: 'fire-exits' });
    call.emit('still-arrived', { stillRequestId: 'sr1', checklistItemId: 'fire-exits' });
    expect(await screen.findByText('截图已收到，见对应要点下')).toBeTruthy();
    expect(await screen.findByText('远程截图')).toBeTruthy();
  });

  it('when concluding with fix-and-recheck, then the items and deadline are sent, recording stops and the call is left', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    app.bff.on('POST', `${base}/conclusion`, { status: 200, body: finishedInspection });
    const call = fakeCall();
    render(<InspectorRoomView id={inspectionId} openCall={call.openCall} />);
    await screen.findByText('作出结论');
    call.emit('state', 'in-call');
    fireEvent.click(screen.getByText('整改后复查'));
    fireEvent.change(screen.getByLabelText('结论说明'), { target: { value: '面积不足' } });
    fireEvent.change(screen.getByLabelText('整改事项（每行一项）'), { target: { value: '扩大营业面积\n\n补充灭火器' } });
    fireEvent.change(screen.getByLabelText('整改期限'), { target: { value: '2026-12-10' } });
    fireEvent.click(screen.getByText('作出结论'));
    expect(await screen.findByText('已作出结论：面积不足，整改后复查')).toBeTruthy();
    const sent = app.bff.seen.find((r) => r.path.endsWith('/conclusion'))!;
    expect(JSON.parse(sent.body)).toEqual({
      result: 'fix_and_recheck', summary: '面积不足', rectificationDueOn: '2026-12-10',
      rectificationItems: [{ description: '扩大营业面积' }, { description: '补充灭火器' }],
    });
    await waitFor(() => expect(call.recordingStopped && call.left).toBe(true));
    expect(screen.queryByText('● 录制中')).toBeNull();
    // the call area gives way to the outcome: nothing to ask the camera for any more
    expect(screen.getByText('视频踏勘已结束')).toBeTruthy();
    expect(screen.queryByText(/请求截图/)).toBeNull();
  });

  it('when false material is flagged, then the reason goes to the BFF and the penalty is said to be on its way', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    app.bff.on('POST', `${base}/flags`, { status: 201, body: {} });
    render(<InspectorRoomView id={inspectionId} openCall={fakeCall().openCall} joinCall={false} />);
    fireEvent.click(await screen.findByText('标记虚假材料'));
    fireEvent.change(screen.getByLabelText('虚假材料情况'), { target: { value: '营业面积照片为其他场所' } });
    fireEvent.click(screen.getByText('确认标记'));
    expect(await screen.findByText('已标记虚假材料，信用惩戒将报送信用平台')).toBeTruthy();
    const sent = app.bff.seen.find((r) => r.path.endsWith('/flags'))!;
    expect(JSON.parse(sent.body)).toEqual({ reason: '营业面积照片为其他场所', checklistItemIds: [], evidenceMediaIds: [] });
  });

  it('when the BFF refuses the flag, then its message shows', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    app.bff.on('POST', `${base}/flags`, errorReply(400, 'REQUEST.INVALID', '请填写虚假材料的情况'));
    render(<InspectorRoomView id={inspectionId} openCall={fakeCall().openCall} joinCall={false} />);
    fireEvent.click(await screen.findByText('标记虚假材料'));
    fireEvent.click(screen.getByText('确认标记'));
    expect(await screen.findByText('请填写虚假材料的情况')).toBeTruthy();
  });

  it('when joining is refused or the camera cannot open, then the page says why and the checklist stays usable', async () => {
    app = await startAppAgainstLocalBff();
    serve();
    const refused: OpenCall = async () => { throw new ApiError('INSPECTION.OUTSIDE_WINDOW', '不在预约的踏勘时段内', 409); };
    const { unmount } = render(<InspectorRoomView id={inspectionId} openCall={refused} />);
    expect(await screen.findByText('不在预约的踏勘时段内')).toBeTruthy();
    expect(screen.getByText('未能连接视频踏勘')).toBeTruthy();
    expect(screen.getByText('踏勘要点（已判定 1 / 2）')).toBeTruthy();
    unmount();

    const noCamera: OpenCall = async () => { throw new DOMException('Permission denied', 'NotAllowedError'); };
    render(<InspectorRoomView id={inspectionId} openCall={noCamera} />);
    expect(await screen.findByText('无法打开摄像头或连接视频：Permission denied')).toBeTruthy();
  });

  it('when the inspection is not assigned to this inspector, then the 404 message shows', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', base, errorReply(404, 'INSPECTION.NOT_FOUND', '踏勘不存在'));
    render(<InspectorRoomView id={inspectionId} openCall={fakeCall().openCall} />);
    expect(await screen.findByText('踏勘不存在')).toBeTruthy();
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { startAppAgainstLocalBff } from '../../../../test/app-under-test';
import { inspection } from '../../../../test/fixtures';
import { errorReply } from '../../../../test/local-bff';
import { platform } from '../../../../test/taro-platform';
import { BookingView } from './booking.view';

let app: Awaited<ReturnType<typeof startAppAgainstLocalBff>>;
afterEach(() => app.bff.close());
const path = `/inspections/${inspection.id}`;
const unbooked = { ...inspection, status: 'created' as const, statusLabel: '待预约', slot: null };

describe('booking', () => {
  it('when slots are offered, then one is picked in Shanghai time and, once booked, shown', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: unbooked });
    app.bff.on('POST', `${path}/booking`, () => {
      app.bff.on('GET', path, { status: 200, body: { ...inspection, slot: { start: '2026-12-01T06:00:00.000Z', end: '2026-12-01T06:30:00.000Z' } } });
      return { status: 200, body: inspection };
    });
    render(<BookingView inspectionId={inspection.id} />);
    fireEvent.click(await screen.findByText('2026-12-01（周二）14:00–14:30'));
    fireEvent.click(screen.getByText('确认预约'));
    expect(await screen.findByText('已预约视频踏勘')).toBeTruthy();
    expect(screen.getByText('2026-12-01（周二）14:00–14:30')).toBeTruthy();
    expect(JSON.parse(app.bff.seen.find((r) => r.method === 'POST')!.body)).toEqual({ slotId: 's2' });
    expect(platform.toasts).toEqual(['预约成功']);
  });

  it('when nothing is picked, then it asks for a slot and sends nothing', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: unbooked });
    render(<BookingView inspectionId={inspection.id} />);
    fireEvent.click(await screen.findByText('确认预约'));
    expect(screen.getByText('请先选择一个时段')).toBeTruthy();
    expect(app.bff.seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('when the slot was taken meanwhile, then the BFF\'s message shows with the slots as they are now', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: unbooked });
    app.bff.on('POST', `${path}/booking`, () => {
      app.bff.on('GET', path, { status: 200, body: { ...unbooked, offeredSlots: unbooked.offeredSlots.filter((s) => s.id !== 's1') } });
      return errorReply(409, 'INSPECTION.SLOT_UNAVAILABLE', '该时段已被预约，请选择其他时段');
    });
    render(<BookingView inspectionId={inspection.id} />);
    fireEvent.click(await screen.findByText('2026-12-01（周二）10:00–10:30'));
    fireEvent.click(screen.getByText('确认预约'));
    expect(await screen.findByText('该时段已被预约，请选择其他时段')).toBeTruthy();
    await screen.findByText('2026-12-01（周二）14:00–14:30');
    expect(screen.queryByText('2026-12-01（周二）10:00–10:30')).toBeNull();
  });

  it('when no slot is offered yet, then it says the inspector will offer some', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: { ...unbooked, offeredSlots: [] } });
    render(<BookingView inspectionId={inspection.id} />);
    expect(await screen.findByText('踏勘人员尚未提供可预约的时段。提供后会显示在这里，请稍后再来查看。')).toBeTruthy();
  });
});

describe('booking an on-site inspection', () => {
  it('when the inspection runs on site, then the booked time says so and offers no photo step', async () => {
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: { ...inspection, mode: 'onsite' } });
    render(<BookingView inspectionId={inspection.id} />);
    expect(await screen.findByText('已预约现场踏勘')).toBeTruthy();
    expect(screen.getByText('请在预约时间在经营场所等候踏勘人员，并准备好申请材料原件。')).toBeTruthy();
    expect(screen.queryByText('准备踏勘照片')).toBeNull();
  });
});

describe('reminders on weapp', () => {
  const saved = { env: process.env.TARO_ENV, template: process.env.TARO_APP_REMINDER_TEMPLATE_ID };
  afterEach(() => {
    process.env.TARO_ENV = saved.env;
    process.env.TARO_APP_REMINDER_TEMPLATE_ID = saved.template;
  });

  it('when booked, then the applicant can subscribe to the WeChat reminder and put the call in the phone calendar', async () => {
    process.env.TARO_ENV = 'weapp';
    process.env.TARO_APP_REMINDER_TEMPLATE_ID = 'tmpl-reminder-1';
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: inspection });
    render(<BookingView inspectionId={inspection.id} />);
    fireEvent.click(await screen.findByText('微信消息提醒我'));
    await waitFor(() => expect(platform.toasts).toEqual(['已订阅，踏勘前会收到微信提醒']));
    fireEvent.click(screen.getByText('添加到手机日历提醒我'));
    await waitFor(() => expect(platform.calendarEvents).toEqual([{ title: '远程视频踏勘', startTime: Date.parse('2026-12-01T02:00:00.000Z') / 1000 }]));
  });

  it('when the applicant declines the subscription, then it says no reminder will come', async () => {
    process.env.TARO_ENV = 'weapp';
    process.env.TARO_APP_REMINDER_TEMPLATE_ID = 'tmpl-reminder-1';
    platform.subscribeAnswer = 'reject';
    app = await startAppAgainstLocalBff();
    app.bff.on('GET', path, { status: 200, body: inspection });
    render(<BookingView inspectionId={inspection.id} />);
    fireEvent.click(await screen.findByText('微信消息提醒我'));
    await waitFor(() => expect(platform.toasts).toEqual(['未订阅微信提醒']));
  });
});

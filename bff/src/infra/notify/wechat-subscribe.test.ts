import pino from 'pino';
import { startWechatMessageServer } from '../../../test/fakes/wechat-message-server';
import { createNotifier } from './notifier';
import { createWechatSubscribeClient } from './wechat-subscribe';

describe('WeChat subscribe messages', () => {
  let wechat: Awaited<ReturnType<typeof startWechatMessageServer>>;
  beforeAll(async () => { wechat = await startWechatMessageServer({ appId: 'wx-app', secret: 'wx-secret', subscribed: ['openid-subscribed'] }); });
  afterAll(async () => { await wechat.close(); });
  const client = () => createWechatSubscribeClient({ appId: 'wx-app', secret: 'wx-secret', apiBase: wechat.url });

  it('when a reminder is sent twice, then the access token is fetched once and both messages arrive with their fields', async () => {
    const c = client();
    const before = wechat.tokenRequests;
    for (let i = 0; i < 2; i++) {
      await c.send({ touser: 'openid-subscribed', templateId: 'tpl-1', page: 'pages/index/index', data: { thing1: '视频踏勘已预约', time2: '2026-12-01 10:00' } });
    }
    expect(wechat.tokenRequests - before).toBe(1);
    expect(wechat.sent.at(-1)).toMatchObject({ touser: 'openid-subscribed', template_id: 'tpl-1', data: { thing1: { value: '视频踏勘已预约' } } });
  });

  it('when WeChat has forgotten the access token, then a new one is fetched and the message still goes out', async () => {
    const c = client();
    await c.send({ touser: 'openid-subscribed', templateId: 'tpl-1', data: { thing1: 'a' } });
    wechat.revokeTokens();
    const sent = wechat.sent.length;
    await c.send({ touser: 'openid-subscribed', templateId: 'tpl-1', data: { thing1: 'b' } });
    expect(wechat.sent.length).toBe(sent + 1);
  });

  it('when the user has not subscribed, then the notifier counts a failure and does not throw', async () => {
    const notifier = createNotifier({
      logger: pino({ level: 'silent' }), wechat: client(), templateId: 'tpl-1',
      recipientsOf: async () => ['openid-subscribed', 'openid-not-subscribed'],
    });
    const result = await notifier.notify({ kind: 'booked', inspectionId: 'x', subjectId: 'y', text: '视频踏勘已预约，请准时参加本次踏勘', at: new Date('2026-12-01T02:00:00Z') });
    expect(result).toEqual({ sent: 1, failed: 1 });
    expect(wechat.sent.at(-1)?.data).toEqual({ thing1: { value: '视频踏勘已预约，请准时参加本次踏勘'.slice(0, 20) }, time2: { value: '2026-12-01 10:00' } });
  });
});

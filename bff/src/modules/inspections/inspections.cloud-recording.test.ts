import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/harness';
import { startAgoraRecordingServer } from '../../../test/fakes/agora-recording-server';
import { auth, bookedInspection } from '../../../test/inspections/fixture';
import { createCloudRecordingClient, CloudRecordingError } from '../../infra/agora/cloud-recording';
import { signAgoraNotification } from '../../infra/agora/notification-signature';
import { AgoraNotificationModel, CloudRecordingModel } from './inspections.cloud-recording';

const appId = randomBytes(16).toString('hex');
const appCertificate = randomBytes(16).toString('hex');
const customer = { customerKey: 'ck-test', customerSecret: 'cs-test' };
const webhookSecret = 'ncs-secret-for-tests';
const storage = { vendor: 2, region: 3, bucket: 'ycta-test', accessKey: 'ak', secretKey: 'sk' };

let agora: Awaited<ReturnType<typeof startAgoraRecordingServer>>;
let t: TestApp;
beforeAll(async () => {
  agora = await startAgoraRecordingServer({ appId, ...customer });
  t = await startTestApp({
    env: {
      AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate, AGORA_API_BASE: agora.url,
      AGORA_CUSTOMER_KEY: customer.customerKey, AGORA_CUSTOMER_SECRET: customer.customerSecret,
      AGORA_RECORDING_STORAGE: JSON.stringify(storage), AGORA_WEBHOOK_SECRET: webhookSecret,
    },
  });
});
afterAll(async () => { await t.close(); await agora.close(); });
const as = async (username: string) => auth(await t.tokenOf(username));

async function recordingsOf(inspectionId: string, state?: 'recording' | 'lost' | 'stopped') {
  for (let i = 0; i < 50; i++) {
    const docs = await CloudRecordingModel.find({ inspectionId, ...(state ? { state } : {}) }).lean();
    if (docs.length) return docs;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return [];
}

describe('the Cloud Recording client', () => {
  const client = () => createCloudRecordingClient({ appId, apiBase: agora.url, ...customer, storage });

  it('when it runs acquire, start, query and stop, then each call carries Basic auth and the recording files come back', async () => {
    const c = client();
    const resourceId = await c.acquire('ycta-test', '42');
    const sid = await c.start(resourceId, 'ycta-test', '42', 'token-of-recorder');
    expect((await c.query(resourceId, sid)).fileList).toHaveLength(1);
    expect((await c.stop(resourceId, sid, 'ycta-test', '42')).fileList[0]?.fileName).toContain('.m3u8');
    expect(agora.calls.slice(-4).map((x) => x.path.split('/').at(-1))).toEqual(['acquire', 'start', 'query', 'stop']);
  });

  it('when the recorder is gone after start, then query fails with a 404 the caller can recognise', async () => {
    const c = client();
    agora.state.loseRecorderAfterStart = true;
    const resourceId = await c.acquire('ycta-lost', '43');
    const sid = await c.start(resourceId, 'ycta-lost', '43', 'token');
    const err = await c.query(resourceId, sid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudRecordingError);
    expect((err as CloudRecordingError).recorderGone).toBe(true);
  });

  it('when the customer secret is wrong, then acquire fails with 401', async () => {
    const c = createCloudRecordingClient({ appId, apiBase: agora.url, customerKey: 'ck-test', customerSecret: 'wrong', storage });
    await expect(c.acquire('ycta-x', '1')).rejects.toMatchObject({ step: 'acquire', status: 401 });
  });
});

describe('recording an agora-mode call', () => {
  it('when the first participant joins, then recording starts; a lost recorder is restarted by the poll; the conclusion stops it', async () => {
    const { inspectionId } = await bookedInspection(t);
    agora.state.loseRecorderAfterStart = true;
    expect((await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('inspector1'))).status).toBe(200);
    const [first] = await recordingsOf(inspectionId, 'recording');
    expect(first).toMatchObject({ cname: `ycta-${inspectionId}` });
    const start = agora.calls.find((c) => c.path.endsWith('/start') && c.body.cname === `ycta-${inspectionId}`);
    expect((start?.body.clientRequest as { token: string }).token).toMatch(/^007/);

    // Agora tells us the recorder failed: the signed notification triggers a query, which finds it gone (404)
    const notice = JSON.stringify({ noticeId: `n-${inspectionId}`, productId: 3, eventType: 40, notifyMs: Date.now(), payload: { cname: `ycta-${inspectionId}`, sid: first!.sid } });
    const hook = await t.request.post('/api/rtc/agora/notifications').set('content-type', 'application/json')
      .set('agora-signature-v2', signAgoraNotification(notice, webhookSecret)).send(notice);
    expect(hook.status).toBe(200);
    const all = await CloudRecordingModel.find({ inspectionId }).sort({ createdAt: 1 }).lean();
    expect(all.map((r) => r.state)).toEqual(['lost', 'recording']);

    const detail = await t.request.get(`/api/inspections/${inspectionId}`).set(await as('inspector1'));
    for (const p of detail.body.checklist) await t.request.put(`/api/inspections/${inspectionId}/checklist/${p.id}`).set(await as('inspector1')).send({ result: 'pass' });
    expect((await t.request.post(`/api/inspections/${inspectionId}/conclusion`).set(await as('inspector1')).send({ result: 'pass' })).status).toBe(200);
    const after = await CloudRecordingModel.find({ inspectionId }).sort({ createdAt: 1 }).lean();
    expect(after.map((r) => r.state)).toEqual(['lost', 'stopped']);
    expect(after[1]!.files).toHaveLength(1);
  });

  it('when a notification has no or a wrong signature, then it is refused and nothing is kept; a repeated one is kept once', async () => {
    const notice = JSON.stringify({ noticeId: 'n-sig', productId: 3, eventType: 31, notifyMs: Date.now(), payload: {} });
    const none = await t.request.post('/api/rtc/agora/notifications').set('content-type', 'application/json').send(notice);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('RTC.WEBHOOK_SIGNATURE');
    const wrong = await t.request.post('/api/rtc/agora/notifications').set('content-type', 'application/json')
      .set('agora-signature-v2', signAgoraNotification(notice, 'another-secret')).send(notice);
    expect(wrong.status).toBe(401);
    expect(await AgoraNotificationModel.countDocuments({ noticeId: 'n-sig' })).toBe(0);
    for (let i = 0; i < 2; i++) {
      const ok = await t.request.post('/api/rtc/agora/notifications').set('content-type', 'application/json')
        .set('agora-signature-v2', signAgoraNotification(notice, webhookSecret)).send(notice);
      expect(ok.status).toBe(200);
    }
    expect(await AgoraNotificationModel.countDocuments({ noticeId: 'n-sig' })).toBe(1);
  });
});

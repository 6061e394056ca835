import { randomBytes } from 'node:crypto';
import { RtcRole } from 'agora-token';
import { AccessToken2, ServiceRtc, kRtcServiceType } from 'agora-token/src/AccessToken2';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, bookedInspection, uscc } from '../../../test/inspections/fixture';
import { listEvents } from '../ledger/ledger.service';
import { agoraUidOf, createRtcTokenIssuer } from '../../infra/agora/rtc-token-issuer';

const appId = randomBytes(16).toString('hex');
const appCertificate = randomBytes(16).toString('hex');

interface Decoded { appId: string; expire: number; channel: string; uid: string; privileges: Record<number, number> }

/** Parses an AccessToken2 offline, checks its signature with the certificate, and lists its RTC privileges. */
function decode(token: string): Decoded {
  const parsed = new AccessToken2();
  expect(parsed.from_string(token)).toBe(true);
  expect(parsed.verifySignature(appCertificate)).toBe(true);
  const [rtc] = parsed.getServices(kRtcServiceType) as unknown as { __channel_name: Buffer; __uid: Buffer; __privileges: Record<number, number> }[];
  return { appId: String(parsed.appId), expire: parsed.expire, channel: String(rtc!.__channel_name), uid: String(rtc!.__uid), privileges: rtc!.__privileges };
}

describe('joining a call', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });
  const as = async (username: string) => auth(await t.tokenOf(username));

  it('when someone joins in the booked window, then local mode answers a one-time ticket, the socket address and the ICE servers', async () => {
    const { inspectionId } = await bookedInspection(t);
    const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('applicant-red'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'local', canPublish: true, iceServers: [], records: false });
    expect(res.body.ticket).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/api\/rtc\/ws$/);
    expect(t.logs.join('')).not.toContain(res.body.ticket);
  });

  it('when an admin (not a role of the call) joins, then it is refused', async () => {
    const { inspectionId } = await bookedInspection(t);
    const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('admin'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
  });

  it('when an expert who was not invited, another inspector or another subject joins, then the inspection is not found for them', async () => {
    const { inspectionId } = await bookedInspection(t);
    for (const who of ['expert1', 'inspector2', 'applicant-orange']) {
      const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as(who));
      expect([who, res.status, res.body.error?.code]).toEqual([who, 404, 'INSPECTION.NOT_FOUND']);
    }
  });

  it('when the slot starts in three hours, then joining now is refused as outside the window', async () => {
    const { inspectionId } = await bookedInspection(t, { startInMinutes: 180 });
    const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('inspector1'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('INSPECTION.OUTSIDE_WINDOW');
    expect(res.body.error.message).toContain('15 分钟');
  });

  it('when the subject has dropped to black since booking, then the join is refused and the check is on the record', async () => {
    const { inspectionId } = await bookedInspection(t);
    const set = await t.request.post('/api/credit/records').set(await as('staff1')).send({ uscc: uscc.red, tier: 'black', reason: '列入失信名单' });
    expect(set.status).toBe(201);
    const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('applicant-red'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CREDIT.TIER_DROPPED');
    const checks = (await listEvents(inspectionId)).filter((e) => e.type === 'credit.checked');
    expect(checks.at(-1)?.payload).toMatchObject({ tier: 'black', allowed: false });
    const detail = await t.request.get(`/api/inspections/${inspectionId}`).set(await as('inspector1'));
    expect(detail.body.status).toBe('booked');
    await t.request.post('/api/credit/records').set(await as('staff1')).send({ uscc: uscc.red, tier: 'red', reason: '信用修复' });
  });

  it('when the inspection asks for Agora and none is configured, then the answer says so plainly', async () => {
    const { inspectionId } = await bookedInspection(t, { rtcPreference: 'agora' });
    const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('inspector1'));
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'RTC.AGORA_NOT_CONFIGURED' });
    expect(res.body.error.message).toContain('声网视频未配置');
  });
});

describe('Agora tokens', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ env: { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate, AGORA_TOKEN_TTL_SECONDS: '600' } }); });
  afterAll(async () => { await t.close(); });
  const as = async (username: string) => auth(await t.tokenOf(username));
  const publish = [ServiceRtc.kPrivilegeJoinChannel, ServiceRtc.kPrivilegePublishAudioStream, ServiceRtc.kPrivilegePublishVideoStream, ServiceRtc.kPrivilegePublishDataStream];

  it('when the applicant and the inspector join, then each gets a publisher token for the inspection channel and their own uid', async () => {
    const { inspectionId } = await bookedInspection(t);
    for (const who of ['applicant-red', 'inspector1']) {
      const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as(who));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ mode: 'agora', appId, channel: `ycta-${inspectionId}`, canPublish: true });
      const token = decode(res.body.token);
      expect(token.appId).toBe(appId);
      expect(token.channel).toBe(`ycta-${inspectionId}`);
      expect(token.uid).toBe(String(res.body.uid));
      expect(Object.keys(token.privileges).map(Number).sort()).toEqual(publish);
      expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    }
    // credentials are not presence: the join is recorded when the control socket is admitted
    expect((await listEvents(inspectionId)).filter((e) => e.type === 'joined')).toEqual([]);
  });

  it('when staff observe, then their token may join but not publish', async () => {
    const { inspectionId } = await bookedInspection(t);
    const res = await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('staff1'));
    expect(res.status).toBe(200);
    expect(res.body.canPublish).toBe(false);
    const token = decode(res.body.token);
    expect(Object.keys(token.privileges).map(Number)).toEqual([ServiceRtc.kPrivilegeJoinChannel]);
    expect(RtcRole.SUBSCRIBER).toBe(2);
  });

  it('when a participant renews, then a fresh valid token for the same uid comes back', async () => {
    const { inspectionId } = await bookedInspection(t);
    await t.request.post(`/api/inspections/${inspectionId}/join`).set(await as('inspector1'));
    const res = await t.request.post(`/api/inspections/${inspectionId}/token`).set(await as('inspector1'));
    expect(res.status).toBe(200);
    const me = await t.request.get('/api/me').set(await as('inspector1'));
    expect(decode(res.body.token).uid).toBe(String(agoraUidOf(me.body.id)));
  });

  it('when the App ID is not 32 hex characters, then the token builder answer of "" is caught, not handed out', () => {
    const issuer = createRtcTokenIssuer({ appId: 'not-an-app-id', appCertificate, tokenTtlSeconds: 600 });
    expect(issuer.configured).toBe(true);
    expect(() => issuer.issue('0123456789abcdef01234567', 'user', true)).toThrow(/32 位十六进制/);
  });
});

import { decodeJwt } from 'jose';
import sharp from 'sharp';
import { startTestApp, type TestApp } from '../../../test/harness';
import { auth, bookedInspection } from '../../../test/inspections/fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the room pass a join answer carries', () => {
  it('when the applicant\'s room has no session (WebView, a link opened on the phone), then the pass rejoins and uploads the still, and is refused everywhere else', async () => {
    const { inspectionId } = await bookedInspection(t);
    const { inspectionId: otherInspection } = await bookedInspection(t, { applicant: 'applicant-orange' });
    const applicant = await t.tokenOf('applicant-red');
    const joined = await t.request.post(`/api/inspections/${inspectionId}/join`).set(auth(applicant));
    expect(joined.status).toBe(200);
    const pass = joined.body.roomPass as { token: string; expiresAt: string };
    const claims = decodeJwt(pass.token);
    expect(claims).toMatchObject({ room: inspectionId, role: 'applicant' });
    expect(claims.exp! * 1000).toBe(Date.parse(pass.expiresAt));
    expect(Date.parse(pass.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3600_000);

    const rejoined = await t.request.post(`/api/inspections/${inspectionId}/join`).set(auth(pass.token));
    expect(rejoined.status).toBe(200);
    expect(rejoined.body.ticket).not.toBe(joined.body.ticket);
    expect(decodeJwt(rejoined.body.roomPass.token)).toMatchObject({ room: inspectionId });

    const still = await t.request.post(`/api/inspections/${inspectionId}/stills`).set(auth(await t.tokenOf('inspector1'))).send({ checklistItemId: 'fire-exits' });
    expect(still.status).toBe(201);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#456' } }).jpeg().toBuffer();
    const uploaded = await t.request.post(`/api/inspections/${inspectionId}/photos`).set(auth(pass.token))
      .field('stillRequestId', still.body.stillRequestId).attach('file', jpeg, 'still.jpg');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ stillRequestId: still.body.stillRequestId, uploadedBy: { role: 'applicant' } });

    for (const [method, path] of [
      ['get', `/api/inspections/${inspectionId}`], ['get', '/api/applications'], ['get', '/api/me'],
      ['post', `/api/inspections/${otherInspection}/join`], ['post', `/api/inspections/${otherInspection}/photos`],
    ] as const) {
      const res = await t.request[method](path).set(auth(pass.token));
      expect([path, res.status, res.body.error?.code]).toEqual([path, 403, 'AUTH.FORBIDDEN']);
      expect(res.body.error.message).toContain('临时凭据');
    }
  });

  it('when an inspector\'s pass tries the resumable recording upload, then it is refused: recordings need the signed-in session', async () => {
    const { inspectionId } = await bookedInspection(t);
    const joined = await t.request.post(`/api/inspections/${inspectionId}/join`).set(auth(await t.tokenOf('inspector1')));
    expect(joined.status).toBe(200);
    const res = await t.request.post(`/api/inspections/${inspectionId}/recordings`).set(auth(joined.body.roomPass.token))
      .set('tus-resumable', '1.0.0').set('upload-length', '1024');
    expect([res.status, res.body.error?.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('when a room pass rejoins 50 times, then every pass it gets back expires exactly when the first did, not past the booked slot', async () => {
    const { inspectionId } = await bookedInspection(t);
    const mine = await t.request.get(`/api/inspections/${inspectionId}`).set(auth(await t.tokenOf('applicant-red')));
    const slotEnd = Date.parse(mine.body.slot.end);
    const joined = await t.request.post(`/api/inspections/${inspectionId}/join`).set(auth(await t.tokenOf('applicant-red')));
    expect(joined.status).toBe(200);
    const first = joined.body.roomPass as { token: string; expiresAt: string };
    expect(Date.parse(first.expiresAt)).toBeLessThanOrEqual(Math.min(slotEnd, Date.now() + 2 * 3600_000));
    let pass = first;
    for (let i = 0; i < 50; i++) {
      const rejoined = await t.request.post(`/api/inspections/${inspectionId}/join`).set(auth(pass.token));
      expect(rejoined.status).toBe(200);
      pass = rejoined.body.roomPass;
      expect([i, pass.expiresAt, decodeJwt(pass.token).exp! * 1000]).toEqual([i, first.expiresAt, Date.parse(first.expiresAt)]);
    }
  });
});

describe('the one-time room code for another device', () => {
  it('when a code is redeemed, then it answers a join for its owner once; a second use, another inspection or a room pass asking for one are refused', async () => {
    const { inspectionId } = await bookedInspection(t);
    const { inspectionId: otherInspection } = await bookedInspection(t, { applicant: 'applicant-orange' });
    const applicant = await t.tokenOf('applicant-red');
    const made = await t.request.post(`/api/inspections/${inspectionId}/room-codes`).set(auth(applicant));
    expect(made.status).toBe(201);
    expect(Date.parse(made.body.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    const wrong = await t.request.post(`/api/inspections/${otherInspection}/room-codes/redeem`).send({ code: made.body.code });
    expect([wrong.status, wrong.body.error?.code]).toEqual([404, 'RTC.ROOM_CODE_INVALID']);
    const redeemed = await t.request.post(`/api/inspections/${inspectionId}/room-codes/redeem`).send({ code: made.body.code });
    expect(redeemed.status).toBe(200);
    expect(decodeJwt(redeemed.body.roomPass.token)).toMatchObject({ room: inspectionId, role: 'applicant' });
    expect(redeemed.body.ticket).toEqual(expect.any(String));
    const again = await t.request.post(`/api/inspections/${inspectionId}/room-codes/redeem`).send({ code: made.body.code });
    expect([again.status, again.body.error?.code, again.body.error?.message]).toEqual([404, 'RTC.ROOM_CODE_INVALID', '视频链接无效、已使用或已过期，请回到小程序重新获取']);

    const byPass = await t.request.post(`/api/inspections/${inspectionId}/room-codes`).set(auth(redeemed.body.roomPass.token));
    expect([byPass.status, byPass.body.error?.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('when 10 devices race to redeem one code, then exactly one gets in', async () => {
    const { inspectionId } = await bookedInspection(t);
    const made = await t.request.post(`/api/inspections/${inspectionId}/room-codes`).set(auth(await t.tokenOf('applicant-red')));
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.request.post(`/api/inspections/${inspectionId}/room-codes/redeem`).send({ code: made.body.code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array<number>(9).fill(404)]);
  });
});

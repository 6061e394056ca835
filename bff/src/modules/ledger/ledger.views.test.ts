import { createHash } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../../test/harness';
import { storeBuffer } from '../../infra/gridfs';
import { UserModel } from '../auth/auth.model';
import { InspectionModel } from '../inspections/inspection.model';
import { MediaModel } from '../media/media.model';
import { appendEvent, listEvents } from './ledger.service';

let t: TestApp;
let inspectionId: string;
let chunkIds: string[];
let photoId: string;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function storeMediaDoc(kind: 'photo' | 'recording', bytes: Buffer, extra: Record<string, unknown>): Promise<string> {
  const stored = await storeBuffer(bytes, { filename: `${kind}.bin`, contentType: kind === 'photo' ? 'image/jpeg' : 'video/webm' });
  const thumb = kind === 'photo' ? await storeBuffer(bytes.subarray(0, 100), { filename: 'thumb.jpg', contentType: 'image/jpeg' }) : null;
  await MediaModel.create({
    _id: stored.fileId, inspectionId: new Types.ObjectId(inspectionId), kind, fileId: stored.fileId, type: kind === 'photo' ? 'image/jpeg' : 'video/webm',
    size: stored.size, sha256: createHash('sha256').update(bytes).digest('hex'), uploadedBy: { id: 'x', role: 'inspector' }, receivedAt: new Date(),
    thumbnailFileId: thumb?.fileId ?? null, thumbnailSize: thumb?.size ?? null, ...extra,
  });
  return String(stored.fileId);
}

const viewedEvents = async () => (await listEvents(inspectionId)).filter((e) => e.type === 'viewed');

beforeAll(async () => {
  t = await startTestApp();
  const inspector = await UserModel.findOne({ username: 'inspector1' }).lean();
  const inspection = await InspectionModel.create({
    applicationId: new Types.ObjectId(), subjectId: new Types.ObjectId(), matterCode: 'internet-cafe', mode: 'remote', inspectorIds: [inspector!._id],
  });
  inspectionId = String(inspection._id);
  await appendEvent({ inspectionId, type: 'created', actor: 'system', payload: {} });
  chunkIds = [];
  for (let n = 0; n < 3; n++) chunkIds.push(await storeMediaDoc('recording', Buffer.alloc(50_000, n + 1), { recordingKind: 'recording', chunkIndex: n }));
  photoId = await storeMediaDoc('photo', Buffer.alloc(20_000, 9), { checklistItemId: 'fire-exits' });
});
afterAll(async () => {
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await t.close();
});

describe('staff viewing evidence', () => {
  it('when staff open the review page (record, thumbnails) and play the whole recording with seeks, then exactly one viewed event is added for the page and one for the recording', async () => {
    const staff = await t.tokenOf('staff1');
    const before = (await viewedEvents()).length;
    const record = await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(staff));
    expect(record.status).toBe(200);
    const pageView = record.body.viewId as string;
    for (let n = 0; n < 3; n++) expect((await t.request.get(`/api/media/${photoId}?thumb=1&view=${pageView}`).set(auth(staff))).status).toBe(200);

    const opened = await t.request.post(`/api/inspections/${inspectionId}/views`).set(auth(staff)).send({ what: 'recording', mediaIds: chunkIds });
    expect(opened.status).toBe(201);
    const view = opened.body.viewId as string;
    for (const id of chunkIds) {
      expect((await t.request.get(`/api/media/${id}?view=${view}`).set(auth(staff))).status).toBe(200);
      for (const range of ['bytes=0-999', 'bytes=1-', 'bytes=40000-']) {
        expect((await t.request.get(`/api/media/${id}?view=${view}`).set(auth(staff)).set('Range', range)).status).toBe(206);
      }
    }
    const added = (await viewedEvents()).slice(before);
    expect(added.map((e) => e.payload)).toEqual([{ what: 'record' }, { what: 'recording', mediaIds: chunkIds }]);
    expect(added.map((e) => e.id)).toEqual([pageView, view]);
  });

  it('when staff read a file without a viewing, then each read is on the record, whatever range it starts at', async () => {
    const staff = await t.tokenOf('staff1');
    const before = (await viewedEvents()).length;
    expect((await t.request.get(`/api/media/${chunkIds[0]}`).set(auth(staff)).set('Range', 'bytes=1-')).status).toBe(206);
    expect((await t.request.get(`/api/media/${chunkIds[0]}`).set(auth(staff)).set('Range', 'bytes=-10')).status).toBe(206);
    const added = (await viewedEvents()).slice(before);
    expect(added.map((e) => e.payload)).toEqual([
      { what: 'media', mediaId: chunkIds[0], thumbnail: false, range: '1-49999' },
      { what: 'media', mediaId: chunkIds[0], thumbnail: false, range: '49990-49999' },
    ]);
  });

  it('when a viewing token is another person\'s, another file\'s or only the page\'s, then the file is refused and nothing is added', async () => {
    const staff = await t.tokenOf('staff1');
    const admin = await t.tokenOf('admin');
    const recordView = (await t.request.get(`/api/inspections/${inspectionId}/record`).set(auth(staff))).body.viewId as string;
    const recordingView = (await t.request.post(`/api/inspections/${inspectionId}/views`).set(auth(staff)).send({ what: 'recording', mediaIds: [chunkIds[0]] })).body.viewId as string;
    const before = (await viewedEvents()).length;
    const refused = [
      [admin, chunkIds[0], recordingView],
      [staff, chunkIds[1], recordingView],
      [staff, photoId, recordView],
      [staff, chunkIds[0], `${inspectionId}:0`],
      [staff, chunkIds[0], 'nonsense'],
    ] as const;
    for (const [token, id, view] of refused) {
      const res = await t.request.get(`/api/media/${id}?view=${encodeURIComponent(view)}`).set(auth(token));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('MEDIA.VIEW_INVALID');
    }
    expect((await viewedEvents()).length).toBe(before);
  });

  it('when a viewing names a file of another inspection or an applicant asks for one, then it is refused', async () => {
    const foreign = new Types.ObjectId().toHexString();
    const wrong = await t.request.post(`/api/inspections/${inspectionId}/views`).set(auth(await t.tokenOf('staff1'))).send({ what: 'photos', mediaIds: [foreign] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('REQUEST.INVALID');
    const applicant = await t.request.post(`/api/inspections/${inspectionId}/views`).set(auth(await t.tokenOf('applicant-red'))).send({ what: 'photos', mediaIds: [photoId] });
    expect(applicant.status).toBe(403);
  });
});

/**
 * The bulk loader of the history benchmark: inspections of 100 events each, with their applications and media
 * metadata, written in batches of 1,000 through the raw driver as the documents the real write path stores
 * (`appendEvent`: the event and its page copy, its office-chain link, its anchor ref, the head hints; mongoose `insertMany` for
 * inspections, applications and media so defaults and timestamps are the models' own; `addManyToFeed` for the desk's lists). The chains are real: every
 * hash is computed by the same `chainHash`, so `verifyChain` passes over what this writes.
 */
import { Types } from 'mongoose';
import { chainHash, genesisHash } from '../../bff/src/modules/ledger/ledger.chain';
import { AnchorRefModel, ChainHeadModel, OfficeLinkModel, RecordEventModel, RecordPageModel, eventsPerPage } from '../../bff/src/modules/ledger/ledger.model';
import { InspectionModel } from '../../bff/src/modules/inspections/inspection.model';
import { ApplicationModel } from '../../bff/src/modules/applications/applications.model';
import { MediaModel } from '../../bff/src/modules/media/media.model';
import { addManyToFeed } from '../../bff/src/modules/inspections/inspections.feed';
import { addToQueues } from '../../bff/src/modules/inspections/inspections.queues';

export const eventsPerInspection = 100;

/** What one inspection's 100 events are, in order: the mix of a 15-minute call reviewed a few times. */
const eventPlan: string[] = [
  'created', 'booked', 'joined', 'joined', 'joined',
  ...Array<string>(10).fill('photo.stored'),
  ...Array.from({ length: 30 }, (_v, n) => (n % 6 === 5 ? 'still.taken' : 'recording.chunk.stored')),
  ...Array<string>(10).fill('checklist.judged'),
  ...Array<string>(5).fill('still.requested'),
  'opinion.added', 'left', 'left', 'left',
  ...Array<string>(35).fill('viewed'),
  'concluded',
];

export interface LoadPeople { inspectorId: Types.ObjectId; staffId: Types.ObjectId; subjectId: Types.ObjectId; applicantId: Types.ObjectId }

export interface LoadedInspection { inspectionId: string; applicationId: string; photoIds: string[]; chunkIds: string[] }

const streets = ['滨海大道', '龙昆南路', '海秀东路', '国兴大道', '南沙路', '椰海大道', '金盘路', '白龙南路'];

class Batches {
  private readonly pending = new Map<string, Record<string, unknown>[]>();
  constructor(private readonly insert: (name: string, docs: Record<string, unknown>[]) => Promise<unknown>) {}
  async add(name: string, doc: Record<string, unknown>): Promise<void> {
    const list = this.pending.get(name) ?? [];
    list.push(doc);
    this.pending.set(name, list);
    if (list.length >= 1000) await this.flush(name);
  }
  async flush(name?: string): Promise<void> {
    for (const key of name ? [name] : [...this.pending.keys()]) {
      const docs = this.pending.get(key) ?? [];
      this.pending.set(key, []);
      if (docs.length) await this.insert(key, docs);
    }
  }
}

/** The office chain's true head: the hint, walked forward past links stored after it. */
async function officeHead(): Promise<{ seq: number; hash: string }> {
  const hint = await ChainHeadModel.findById('office').lean<{ seq: number; hash: string }>();
  let head = hint ?? { seq: -1, hash: genesisHash };
  for (;;) {
    const next = await OfficeLinkModel.findById(head.seq + 1, { hash: 1 }).lean<{ hash: string }>();
    if (!next) return head;
    head = { seq: head.seq + 1, hash: next.hash };
  }
}

/** Adds `count` concluded inspections of 100 events each; returns the first (the one the benchmark reads). */
export async function loadInspections(count: number, people: LoadPeople, serial: number): Promise<LoadedInspection[]> {
  const models: Record<string, { insertMany: (docs: never[], opts: object) => Promise<unknown> }> = {
    inspections: InspectionModel as never, applications: ApplicationModel as never, media: MediaModel as never,
  };
  const raw: Record<string, { collection: { insertMany: (docs: never[], opts: object) => Promise<unknown> } }> = {
    events: RecordEventModel as never, links: OfficeLinkModel as never, refs: AnchorRefModel as never, heads: ChainHeadModel as never, pages: RecordPageModel as never,
  };
  const batches = new Batches(async (name, docs) => {
    if (models[name]) await models[name].insertMany(docs as never[], { ordered: false });
    else await raw[name]!.collection.insertMany(docs as never[], { ordered: false });
  });
  let office = await officeHead();
  const loaded: LoadedInspection[] = [];
  const listed: Parameters<typeof addManyToFeed>[0] = [];
  const start = Date.now() - 400 * 24 * 3600_000;
  for (let n = 0; n < count; n++) {
    const inspectionId = new Types.ObjectId();
    const applicationId = new Types.ObjectId();
    const hex = inspectionId.toHexString();
    const first = n === 0;
    const address = `海口市${streets[(serial + n) % streets.length]} ${serial + n} 号`;
    const began = new Date(start + (serial + n) * 600_000);
    const photoIds = Array.from({ length: 10 }, () => new Types.ObjectId());
    const chunkIds = Array.from({ length: 25 }, () => new Types.ObjectId());
    await batches.add('applications', {
      _id: applicationId, subjectId: first ? people.subjectId : new Types.ObjectId(), subjectName: '历史经营主体', matterCode: 'internet-cafe',
      matterName: '互联网上网服务营业场所设立', siteAddress: address, status: 'approved', inspectionId, submittedOn: began.toISOString().slice(0, 10),
      timeLimitWorkingDays: 5, createdBy: people.applicantId, assignedInspectorIds: [people.inspectorId],
    });
    for (const [k, id] of photoIds.entries()) {
      await batches.add('media', {
        _id: id, inspectionId, kind: 'photo', fileId: id, type: 'image/jpeg', size: 2_400_000 + k, sha256: id.toHexString().padEnd(64, '0'),
        uploadedBy: { id: String(people.applicantId), role: 'applicant' }, receivedAt: began, checklistItemId: `item-${k}`, width: 4000, height: 3000,
        capturedAt: began, captureTimeSource: 'exif', gps: { lat: 20.03, lng: 110.33, accuracy: 10, source: 'exif' }, distanceMeters: 12, marks: { stale: false, far: false, reasons: [] },
      });
    }
    for (const [k, id] of chunkIds.entries()) {
      await batches.add('media', {
        _id: id, inspectionId, kind: 'recording', fileId: id, type: 'video/webm', size: 1_800_000, sha256: id.toHexString().padEnd(64, '1'),
        uploadedBy: { id: String(people.inspectorId), role: 'inspector' }, receivedAt: began, recordingKind: 'recording', chunkIndex: k, startedAt: began,
      });
    }
    let prevHash = genesisHash;
    const copies: Record<string, unknown>[] = [];
    let photo = 0;
    let chunk = 0;
    for (const [seq, type] of eventPlan.entries()) {
      const at = new Date(began.getTime() + seq * 9_000);
      const actor = type === 'viewed' ? { id: String(people.staffId), role: 'staff' } : { id: String(people.inspectorId), role: 'inspector' };
      const payload: Record<string, unknown> =
        type === 'photo.stored' ? { mediaId: photoIds[photo]!.toHexString(), sha256: photoIds[photo++]!.toHexString().padEnd(64, '0'), itemId: `item-${photo}` }
          : type === 'recording.chunk.stored' ? { mediaId: chunkIds[chunk]!.toHexString(), sha256: chunkIds[chunk]!.toHexString().padEnd(64, '1'), chunkIndex: chunk++ }
            : type === 'checklist.judged' ? { itemId: `item-${seq % 10}`, result: 'pass', note: '安全出口畅通' }
              : type === 'viewed' ? { what: 'record' } : { seq };
      const id = `${hex}:${seq}`;
      const unhashed = { id, inspectionId: hex, seq, type, actor, at: at.toISOString(), payload, prevHash };
      const hash = chainHash(prevHash, unhashed);
      await batches.add('events', { _id: id, inspectionId, seq, type, actor, at, payload, prevHash, hash });
      copies.push({ ...unhashed, hash });
      const link = { seq: office.seq + 1, inspectionId: hex, eventId: id, eventSeq: seq, eventHash: hash, at: at.toISOString(), prevHash: office.hash };
      const linkHash = chainHash(office.hash, link);
      await batches.add('links', { _id: link.seq, ...link, inspectionId, at, hash: linkHash });
      await batches.add('refs', { _id: id, officeSeq: link.seq });
      office = { seq: link.seq, hash: linkHash };
      prevHash = hash;
    }
    await batches.add('heads', { _id: hex, seq: eventPlan.length - 1, hash: prevHash });
    for (let page = 0; page * eventsPerPage < copies.length; page++) {
      await batches.add('pages', { _id: `${hex}:p${page}`, events: copies.slice(page * eventsPerPage, (page + 1) * eventsPerPage) });
    }
    const concludedAt = new Date(began.getTime() + eventPlan.length * 9_000);
    await batches.add('inspections', {
      _id: inspectionId, applicationId, subjectId: first ? people.subjectId : new Types.ObjectId(), matterCode: 'internet-cafe', mode: 'remote', status: 'concluded',
      inspectorIds: [people.inspectorId], site: { address, lat: 20.03, lng: 110.33 }, slot: { start: began, end: new Date(began.getTime() + 1_800_000) },
      firstJoinAt: began, concludedAt, durationSeconds: eventPlan.length * 9,
      judgments: Array.from({ length: 10 }, (_v, k) => ({ itemId: `item-${k}`, result: 'pass', note: '安全出口畅通', photoIds: [], by: String(people.inspectorId), at: concludedAt, eventId: `${hex}:${45 + k}` })),
      conclusion: { result: 'pass', summary: '各要点符合要求', rectificationItems: [], rectificationDueOn: null, concludedBy: String(people.inspectorId), concludedAt, recheckInspectionId: null },
    });
    listed.push({ _id: inspectionId, mode: 'remote', matterCode: 'internet-cafe', site: { address }, concludedAt });
    loaded.push({ inspectionId: hex, applicationId: applicationId.toHexString(), photoIds: photoIds.map(String), chunkIds: chunkIds.map(String) });
  }
  // the inspector's calls of today (on the first load): what the queue's today tab shows at every volume
  if (serial === 0) await todaysCalls(people);
  // events before links before refs, as appendEvent writes them
  for (const name of ['applications', 'media', 'events', 'pages', 'links', 'refs', 'heads', 'inspections']) await batches.flush(name);
  await ChainHeadModel.updateOne({ _id: 'office' }, { $set: { seq: office.seq, hash: office.hash } }, { upsert: true });
  // the review desk's lists (newest page, mode, search pieces), as concluding writes them
  await addManyToFeed(listed);
  return loaded;
}

/** Three calls booked for today, as creating and booking leave them, on the inspector's list. */
async function todaysCalls(people: LoadPeople): Promise<void> {
  const now = Date.now();
  for (let k = 0; k < 3; k++) {
    const [inspection] = await InspectionModel.insertMany([{
      applicationId: new Types.ObjectId(), subjectId: new Types.ObjectId(), matterCode: 'internet-cafe', mode: 'remote', status: 'booked',
      inspectorIds: [people.inspectorId], site: { address: `海口市${streets[k]} 今日 ${k} 号`, lat: 20.03, lng: 110.33 },
      slot: { start: new Date(now + k * 60_000), end: new Date(now + (k + 30) * 60_000) },
    }]);
    await addToQueues(inspection!._id, [people.inspectorId]);
  }
}

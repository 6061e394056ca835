import { Schema, Types, model } from 'mongoose';
import { shanghaiDate } from '@ycta/shared';
import { isDuplicateKey } from '../../infra/db';
import { InspectionModel, type InspectionRecord } from './inspection.model';

/**
 * Each inspector's queue as documents keyed by `_id`, so that the queue's tabs (today, upcoming, overdue, waiting
 * for slots) read the inspections that can show there, not every inspection ever stored (`find({ inspectorIds })`
 * is a scan of the whole collection on the embedded FerretDB; on MongoDB the `inspectorIds` index serves it).
 *
 * `<inspectorId>:<n>` is the n-th version of the list of inspections that can show in the inspector's queue: open
 * ones (created, booked, in progress) and those with a slot today or later. Versions are immutable and each is
 * claimed by a unique `_id` insert, so two writers never both "win" (FerretDB's conditional updates and `$addToSet`
 * are read-modify-write, not atomic: a racing writer's id could be lost); the loser reads the new version and tries
 * again. `<inspectorId>:head` hints at the newest version (readers walk forward past it).
 *
 * The list is a superset, never the truth: the reader reads each inspection by `_id` and applies the queue's filter
 * to what it finds. Writers add an inspection when it is assigned to an inspector (created, reassigned); readers drop
 * inspections that can never show again (concluded or cancelled, with no slot from today on). That removal is safe
 * against a racing writer because such an inspection never comes back, and a writer's add of an inspection already
 * listed changes nothing. `rebuildQueues` (and the first read on a database from before these lists) fills them
 * from the inspections themselves.
 */
const queueSchema = new Schema({
  _id: { type: String, required: true },
  n: { type: Number, required: true },
  ids: { type: [Schema.Types.ObjectId], default: undefined },
}, { collection: 'inspector_queues', versionKey: false });

const QueueModel = model('InspectorQueue', queueSchema);

const versionId = (inspectorId: string, n: number) => `${inspectorId}:${n}`;
const headId = (inspectorId: string) => `${inspectorId}:head`;
const builtId = 'built';

/** The start and end (UTC instants) of today in Asia/Shanghai. */
export function shanghaiToday(now: Date): { start: Date; end: Date } {
  const start = new Date(`${shanghaiDate(now)}T00:00:00.000Z`).getTime() - 8 * 3_600_000;
  return { start: new Date(start), end: new Date(start + 86_400_000) };
}

export const openStatuses: readonly string[] = ['created', 'booked', 'in_progress'];

/** Whether an inspection can still show in a queue tab: open, or its slot from today on. */
const canShow = (i: Pick<InspectionRecord, 'status' | 'slot'>, todayStart: Date) =>
  openStatuses.includes(i.status) || (i.slot?.start !== undefined && new Date(i.slot.start) >= todayStart);

async function latest(inspectorId: string): Promise<{ n: number; ids: Types.ObjectId[] }> {
  let n = (await QueueModel.findById(headId(inspectorId)).lean<{ n: number }>())?.n ?? -1;
  let ids = n >= 0 ? (await QueueModel.findById(versionId(inspectorId, n)).lean<{ ids: Types.ObjectId[] }>())?.ids ?? [] : [];
  for (;;) {
    const next = await QueueModel.findById(versionId(inspectorId, n + 1)).lean<{ ids: Types.ObjectId[] }>();
    if (!next) return { n, ids };
    n += 1;
    ids = next.ids;
  }
}

/** Claims version n; false when another writer took it first. */
async function claim(inspectorId: string, n: number, ids: Types.ObjectId[]): Promise<boolean> {
  try {
    await QueueModel.create({ _id: versionId(inspectorId, n), n, ids });
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  await QueueModel.updateOne({ _id: headId(inspectorId) }, { $max: { n } }, { upsert: true }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) throw err;
  });
  return true;
}

/** Adds inspections to an inspector's list (a new version, unless all are listed already). */
async function addAll(inspectorId: string, inspectionIds: Types.ObjectId[]): Promise<void> {
  for (;;) {
    const { n, ids } = await latest(inspectorId);
    const listed = new Set(ids.map(String));
    const missing = inspectionIds.filter((id) => !listed.has(String(id)));
    if (!missing.length || await claim(inspectorId, n + 1, [...ids, ...missing])) return;
  }
}

/** An inspection was assigned to these inspectors (created, reassigned): it is on each one's list. */
export async function addToQueues(inspectionId: Types.ObjectId, inspectorIds: readonly Types.ObjectId[]): Promise<void> {
  await Promise.all(inspectorIds.map((inspector) => addAll(String(inspector), [inspectionId])));
}

let building: Promise<void> | undefined;

async function ensureBuilt(todayStart: Date): Promise<void> {
  if (await QueueModel.exists({ _id: builtId })) return;
  building ??= rebuildQueues(todayStart).then(() => undefined).finally(() => { building = undefined; });
  await building;
}

/**
 * Fills every inspector's list from the inspections that can show in a queue (one scan): adds what is missing,
 * keeps what is listed. Safe while the BFF serves. The first queue read on a database does it once.
 */
export async function rebuildQueues(todayStart: Date): Promise<number> {
  const showing = await InspectionModel.find(
    { $or: [{ status: { $in: openStatuses } }, { 'slot.start': { $gte: todayStart } }] },
    { inspectorIds: 1 },
  ).sort({ _id: 1 }).lean<Pick<InspectionRecord, '_id' | 'inspectorIds'>[]>();
  const byInspector = new Map<string, Types.ObjectId[]>();
  for (const i of showing) for (const inspector of i.inspectorIds) byInspector.set(String(inspector), [...(byInspector.get(String(inspector)) ?? []), i._id]);
  for (const [inspector, ids] of byInspector) await addAll(inspector, ids);
  await QueueModel.create({ _id: builtId, n: showing.length }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) throw err;
  });
  return showing.length;
}

/**
 * The inspections that can show in this inspector's queue from today on, read by `_id`; those that never can again
 * are dropped from the list as a new version (when another writer claimed it first, the next read drops them).
 */
export async function queueOf(inspectorId: string, todayStart: Date): Promise<InspectionRecord[]> {
  await ensureBuilt(todayStart);
  const { n, ids } = await latest(inspectorId);
  const docs = await Promise.all(ids.map((id) => InspectionModel.findById(id).lean<InspectionRecord>()));
  const gone = new Set(ids.filter((_id, k) => docs[k] && !canShow(docs[k], todayStart)).map(String));
  if (gone.size) await claim(inspectorId, n + 1, ids.filter((id) => !gone.has(String(id))));
  return docs.filter((d): d is InspectionRecord => !!d && canShow(d, todayStart) && d.inspectorIds.some((x) => String(x) === inspectorId));
}

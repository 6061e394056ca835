import { Types } from 'mongoose';
import { ApplicationChangeModel, type ApplicationChangeRecord } from './application-change.model';
import { ApplicationModel } from './applications.model';
import { isDuplicateKey } from '../../infra/db';

/** A writer that took a version this long ago but never applied it is taken as crashed: others roll its change forward. */
const stalledAfterMs = 5_000;

const atVersion = (version: number) => (version === 0 ? { $or: [{ version: 0 }, { version: { $exists: false } }] } : { version });

async function apply(change: ApplicationChangeRecord): Promise<void> {
  await ApplicationModel.updateOne(
    { $and: [{ _id: change.applicationId }, atVersion(change.version - 1)] },
    { $set: { ...change.set, version: change.version }, $push: change.push },
  );
}

/** Applies the newest journal entry if the application is still behind it and its writer stalled. */
async function rollForwardStalled(applicationId: Types.ObjectId): Promise<void> {
  const [latest] = await ApplicationChangeModel.find({ applicationId }).sort({ version: -1 }).limit(1).lean<ApplicationChangeRecord[]>();
  if (!latest || Date.now() - latest.at.getTime() < stalledAfterMs) return;
  await apply(latest);
}

/**
 * Commits one change on top of `fromVersion`: true when this writer got the version and applied it, false when
 * another writer got there first (the caller answers 409).
 */
export async function commitChange(
  applicationId: Types.ObjectId,
  fromVersion: number,
  change: Pick<ApplicationChangeRecord, 'kind' | 'set' | 'push'>,
): Promise<boolean> {
  const record: ApplicationChangeRecord = { applicationId, version: fromVersion + 1, ...change, at: new Date() };
  try {
    await ApplicationChangeModel.create(record);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await rollForwardStalled(applicationId);
    return false;
  }
  await apply(record);
  return true;
}

import { Matter } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { MatterModel } from './matters.model';

const projection = { _id: 0, code: 1, name: 1, description: 1, checklist: 1, timeLimitWorkingDays: 1, creditPolicy: 1, policyVersion: 1 };

export async function listMatters(): Promise<Matter[]> {
  const docs = await MatterModel.find({}, projection).sort({ code: 1 }).lean();
  return docs.map((d) => Matter.parse(d));
}

/** The matter with this code; 404 `MATTER.NOT_FOUND` when the catalogue has none. */
export async function getMatter(code: string): Promise<Matter> {
  const doc = await MatterModel.findOne({ code }, projection).lean();
  if (!doc) throw new AppError('MATTER.NOT_FOUND');
  return Matter.parse(doc);
}

/** Seeds the catalogue; a matter already there is left as it is. */
export async function seedMatters(matters: readonly Matter[]): Promise<number> {
  let created = 0;
  for (const m of matters) {
    const res = await MatterModel.updateOne({ code: m.code }, { $setOnInsert: m }, { upsert: true });
    created += res.upsertedCount;
  }
  return created;
}

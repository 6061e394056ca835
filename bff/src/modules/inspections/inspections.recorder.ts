import { Schema, model, type Types } from 'mongoose';
import { isDuplicateKey } from '../../infra/db';

/**
 * In local mode the call is recorded in a host's browser (DESIGN.md, Video). In a call with several hosts (a joint
 * visit's inspectors) only one browser may record, or the record holds one copy per host: the first host to join
 * claims the recording (a unique `_id` insert, FerretDB having no atomic conditional update) and keeps it through
 * reloads and reconnections; every other host's page leaves it to them.
 */
const RecorderClaimModel = model('RecorderClaim', new Schema({
  _id: { type: String, required: true },
  userId: { type: String, required: true },
  at: { type: Date, required: true },
}, { versionKey: false }), 'recorder_claims');

/** True when this host records the call: they claimed it now, or had claimed it before. */
export async function claimsRecording(inspectionId: Types.ObjectId | string, userId: string, now: Date): Promise<boolean> {
  try {
    await RecorderClaimModel.create({ _id: String(inspectionId), userId, at: now });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const claim = await RecorderClaimModel.findById(String(inspectionId)).lean<{ userId: string }>();
    return claim?.userId === userId;
  }
}

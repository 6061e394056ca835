import { Schema, Types, model } from 'mongoose';
import { isDuplicateKey } from '../../infra/db';
import type { AuthUser } from '../auth/auth.tokens';
import { appendEvent } from '../ledger/ledger.service';
import { MediaModel } from './media.model';

/**
 * When a call recording is whole: its recorder marked one chunk as the last, and every index from 0 to that one is
 * stored. The record then says so (`recording.completed`); a recording without it is incomplete, and the review desk
 * shows what is missing. A recording is named by its `startedAt` (a reloaded page starts a new one).
 */

/** One row per completed recording: the unique `_id` makes "said once" exclusive without transactions. */
const CompletionModel = model('RecordingCompletion', new Schema({ _id: String, at: Date }, { versionKey: false }), 'recording_completions');

interface ChunkFacts { chunkIndex: number | null; lastChunk?: boolean | null; recordedFrom?: Date | null; recordedTo?: Date | null }

/** The indexes 0..last that are not stored, or null while no chunk says it is the last. */
export function missingIndexes(chunks: ChunkFacts[]): number[] | null {
  // the highest: a timeslice chunk handed over after stop() was called is marked last too
  const marked = chunks.filter((c) => c.lastChunk && c.chunkIndex !== null).map((c) => c.chunkIndex as number);
  if (!marked.length) return null;
  const last = Math.max(...marked);
  const have = new Set(chunks.map((c) => c.chunkIndex));
  return Array.from({ length: last + 1 }, (_, i) => i).filter((i) => !have.has(i));
}

/** Appends `recording.completed` once the recording started at `startedAt` has all its chunks; otherwise nothing. */
export async function noteIfComplete(inspectionId: string, startedAt: Date, actor: AuthUser): Promise<void> {
  const chunks = await MediaModel.find(
    { inspectionId: new Types.ObjectId(inspectionId), kind: 'recording', startedAt },
    { chunkIndex: 1, lastChunk: 1, recordedFrom: 1, recordedTo: 1, size: 1 },
  ).lean<(ChunkFacts & { size: number })[]>();
  const missing = missingIndexes(chunks);
  if (missing === null || missing.length > 0) return;
  const key = `${inspectionId}:${startedAt.toISOString()}`;
  try {
    await CompletionModel.create({ _id: key, at: new Date() });
  } catch (err) {
    if (isDuplicateKey(err)) return; // another request completed it first
    throw err;
  }
  const times = (pick: (c: ChunkFacts) => Date | null | undefined) => chunks.map(pick).filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  const from = times((c) => c.recordedFrom);
  const to = times((c) => c.recordedTo);
  await appendEvent({
    inspectionId, type: 'recording.completed', actor,
    payload: {
      startedAt: startedAt.toISOString(), chunks: new Set(chunks.map((c) => c.chunkIndex)).size, bytes: chunks.reduce((sum, c) => sum + c.size, 0),
      recordedFrom: from.length ? new Date(Math.min(...from)).toISOString() : null,
      recordedTo: to.length ? new Date(Math.max(...to)).toISOString() : null,
    },
  }).catch(async (err: unknown) => {
    await CompletionModel.deleteOne({ _id: key }); // not said: the next stored chunk (or a retried finish) tries again
    throw err;
  });
}

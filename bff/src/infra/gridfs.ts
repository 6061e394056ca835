import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { Types } from 'mongoose';

/**
 * Media bytes in GridFS (bucket `media`), streamed in and out: nothing here holds a whole file. The driver comes
 * through mongoose (`mongoose.mongo`) so there is one driver copy and one connection.
 */
const bucketName = 'media';

function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName });
}

export interface StoredFile {
  fileId: Types.ObjectId;
  sha256: string;
  size: number;
}

/** Thrown by the size counter when a stream passes its limit; the partial file is removed before it surfaces. */
export class SizeLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`stream exceeds ${limit} bytes`);
  }
}

/** Counts and hashes what flows through, failing once more than `maxBytes` has passed. */
export function hashingCounter(maxBytes: number) {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new SizeLimitExceeded(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ sha256: hash.digest('hex'), size }) };
}

/**
 * Streams `source` into a new GridFS file while computing its SHA-256 and size. On any failure (source error,
 * limit, aborted client) the partial chunks are deleted: a file that did not arrive whole never becomes evidence.
 */
export async function storeStream(
  source: Readable,
  opts: { id?: Types.ObjectId; filename: string; contentType: string; maxBytes: number; metadata?: Record<string, unknown>; through?: Transform[] },
): Promise<StoredFile> {
  const counter = hashingCounter(opts.maxBytes);
  const fileId = opts.id ?? new Types.ObjectId();
  const upload = bucket().openUploadStreamWithId(fileId, opts.filename, { metadata: { contentType: opts.contentType, ...opts.metadata } });
  try {
    await pipeline([source, ...(opts.through ?? []), counter.transform, upload]);
  } catch (err) {
    await upload.abort().catch(() => undefined);
    await removeFile(fileId);
    throw err;
  }
  return { fileId, ...counter.result() };
}

/** Stores a small, already computed buffer (a thumbnail). */
export async function storeBuffer(data: Buffer, opts: { filename: string; contentType: string }): Promise<StoredFile> {
  return storeStream(Readable.from([data]), { ...opts, maxBytes: data.length });
}

/** Bytes `start`..`end` inclusive (or the whole file) as a stream. */
export function openFile(fileId: Types.ObjectId, range?: { start: number; end: number }): Readable {
  return bucket().openDownloadStream(fileId, range ? { start: range.start, end: range.end + 1 } : {});
}

/**
 * Removes a file and its chunks. Only for files that never became evidence (a partial or refused upload):
 * stored evidence is never deleted.
 */
export async function removeFile(fileId: Types.ObjectId): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) return;
  await db.collection(`${bucketName}.chunks`).deleteMany({ files_id: fileId });
  await db.collection(`${bucketName}.files`).deleteOne({ _id: fileId });
}

/** Counts of GridFS documents, for tests and checks that a refused upload left nothing behind. */
export async function gridCounts(): Promise<{ files: number; chunks: number }> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  const [files, chunks] = await Promise.all([
    db.collection(`${bucketName}.files`).countDocuments(),
    db.collection(`${bucketName}.chunks`).countDocuments(),
  ]);
  return { files, chunks };
}

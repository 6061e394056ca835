import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import busboy from 'busboy';
import type { Types } from 'mongoose';
import type { InspectionStatus } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { SizeLimitExceeded, storeStream, type StoredFile } from '../../infra/gridfs';
import { TypeNotAllowed, typeGate } from './media.sniff';

/** The form fields `Taro.uploadFile` sends beside the file, as strings. */
export interface EvidenceForm {
  checklistItemId?: string;
  capturedAt?: string;
  lat?: string;
  lng?: string;
  accuracy?: string;
  stillRequestId?: string;
}
const formFields = ['checklistItemId', 'capturedAt', 'lat', 'lng', 'accuracy', 'stillRequestId'] as const;

export interface IntakeOptions {
  /** The GridFS id the file gets (the media's id). */
  id: Types.ObjectId;
  /** `photo` or `walkthrough`: the stored file name's prefix. */
  what: string;
  allowedTypes: readonly string[];
  maxBytes: number;
  /** Chinese messages for a refused type and an oversized file. */
  typeMessage: string;
  sizeMessage: string;
  /**
   * Also write the bytes to this local file as they stream (`withSpool`): a photo's EXIF and thumbnail are read from
   * it instead of from the database, and once stored it becomes the media's read copy.
   */
  spoolPath?: string;
}

/** Passes chunks on after they were written to `out`: a disk copy at the pace of the upload, never a buffer of it. */
function teeToFile(out: WriteStream): Transform {
  // a spool that cannot be written (disk full, directory gone) fails this upload through the write callbacks;
  // the stream's own 'error' event must not reach the process unheard
  let failure: Error | null = null;
  out.on('error', (err) => { failure = err; });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (failure) return done(failure);
      out.write(chunk, (err) => done(err ?? null, chunk));
    },
    flush(done) {
      out.end(done);
    },
    destroy(err, done) {
      out.destroy();
      done(err);
    },
  });
}

function incomplete(cause: unknown) {
  return new AppError('MEDIA.UPLOAD_INCOMPLETE', { cause });
}

/**
 * Reads a multipart body as a stream: the `file` part goes through the type gate, the hash and the size counter
 * straight into GridFS; the other parts are small form fields. A body that ends early or a client that goes away
 * leaves nothing stored.
 */
export function receiveMultipart(req: IncomingMessage, opts: IntakeOptions): Promise<{ file: StoredFile & { type: string }; form: EvidenceForm }> {
  return new Promise<{ file: StoredFile & { type: string }; form: EvidenceForm }>((resolve, reject) => {
    const form: EvidenceForm = {};
    let stored: Promise<StoredFile & { type: string }> | null = null;
    let filePart: NodeJS.ReadableStream & { destroy(err?: Error): void } | null = null;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 1024, parts: 30 } });
    } catch (err) {
      return reject(new AppError('REQUEST.UNSUPPORTED_TYPE', { message: '请以 multipart/form-data 上传文件', cause: err }));
    }
    let failed: unknown = null;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = err;
      req.unpipe(parser);
      req.resume(); // let the rest of the body drain so the client reads our answer
      // the file part stops receiving bytes now: end its pipeline so the partial GridFS file is removed
      filePart?.destroy(err instanceof Error ? err : new Error(String(err)));
      if (stored) stored.then(() => undefined, () => undefined).finally(() => reject(err));
      else reject(err);
    };
    parser.on('field', (name, value) => {
      if ((formFields as readonly string[]).includes(name)) form[name as keyof EvidenceForm] = value;
    });
    parser.on('file', (name, file) => {
      if (name !== 'file' || stored) return void file.resume();
      filePart = file;
      const gate = typeGate(opts.allowedTypes);
      const through = opts.spoolPath ? [gate.transform, teeToFile(createWriteStream(opts.spoolPath))] : [gate.transform];
      stored = storeStream(file, { id: opts.id, filename: `${opts.what}-${opts.id.toHexString()}`, contentType: 'application/octet-stream', maxBytes: opts.maxBytes, through })
        .then((f) => ({ ...f, type: gate.type() ?? 'application/octet-stream' }));
      stored.catch((err) => {
        file.resume();
        fail(err instanceof SizeLimitExceeded || err instanceof TypeNotAllowed ? err : incomplete(err));
      });
    });
    parser.on('error', (err) => fail(incomplete(err)));
    parser.on('close', () => {
      if (failed) return;
      if (!stored) return fail(new AppError('MEDIA.NO_FILE'));
      stored.then((file) => resolve({ file, form }), () => undefined);
    });
    req.on('aborted', () => fail(incomplete(new Error('client aborted'))));
    req.on('error', (err) => fail(incomplete(err)));
    req.pipe(parser);
  }).catch((err: unknown) => {
    if (err instanceof SizeLimitExceeded) throw new AppError('MEDIA.TOO_LARGE', { message: opts.sizeMessage });
    if (err instanceof TypeNotAllowed) throw new AppError('MEDIA.TYPE_NOT_ALLOWED', { message: opts.typeMessage, details: { detected: err.detected } });
    throw err;
  });
}

/**
 * Runs `use` with a spool path for one upload under the staging directory (`<staging>/spool/<id>`), and removes
 * whatever is left there afterwards (a file adopted into the media cache has already moved away).
 */
export async function withSpool<T>(stagingDir: string, id: Types.ObjectId, use: (spoolPath: string) => Promise<T>): Promise<T> {
  const dir = join(stagingDir, 'spool');
  await mkdir(dir, { recursive: true });
  const spoolPath = join(dir, id.toHexString());
  try {
    return await use(spoolPath);
  } finally {
    await rm(spoolPath, { force: true });
  }
}

/** A number from a form field, or null. */
export function finiteOrNull(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A time from a form field (ISO), or null. */
export function clientTime(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const acceptingEvidence: readonly InspectionStatus[] = ['created', 'booked', 'in_progress'];

/** Evidence arrives before and during the call; a concluded or cancelled inspection takes no more. */
export function requireAcceptingEvidence(inspection: { status: string }, what: string): void {
  if (!acceptingEvidence.includes(inspection.status as InspectionStatus)) {
    throw new AppError('INSPECTION.INVALID_STATE', { message: `踏勘已${inspection.status === 'cancelled' ? '取消' : '结束'}，不能再上传${what}` });
  }
}

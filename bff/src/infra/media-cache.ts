import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import { hashingCounter, openFile } from './gridfs';

/**
 * A local read copy of stored media, one file per GridFS file, named by its id. GridFS stays the evidence (exports
 * and verification read it); this only serves reads fast where GridFS cannot: the embedded FerretDB finds one
 * file's chunks by scanning every stored chunk, so a photo's first bytes cost seconds once an office has stored
 * a few hundred MB. Off when no directory is configured (`MEDIA_CACHE_DIR`); `npm start` puts it under `DATA_DIR`.
 *
 * A copy appears whole or not at all (written beside, then renamed), and is only used when its size is the stored
 * size. Photos, thumbnails, walk-throughs and recording chunks are put in as they are stored; anything else (stored
 * before the cache existed, or lost from it) is copied on its first read.
 */
export type MediaCacheDir = string | null;

const pathOf = (dir: string, fileId: Types.ObjectId) => join(dir, fileId.toHexString());
const partPath = (dir: string, fileId: Types.ObjectId) => join(dir, `${fileId.toHexString()}.${randomBytes(4).toString('hex')}.part`);

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/**
 * How much disk a cache directory may use (`MEDIA_CACHE_MAX_MB`). Past it, the copies read least recently (a read
 * touches its copy's mtime) are removed until it is down to 80 %: they are only copies, GridFS keeps every byte.
 */
const budgets = new Map<string, { maxBytes: number; bytes: number | null; trimming: Promise<void> | null }>();

export function setCacheBudget(dir: string, maxBytes: number): void {
  budgets.set(dir, { maxBytes, bytes: null, trimming: null });
}

async function trim(dir: string, budget: { maxBytes: number; bytes: number | null }, logger: Logger): Promise<void> {
  const names = (await readdir(dir)).filter((name) => !name.endsWith('.part'));
  const files = (await Promise.all(names.map(async (name) => {
    try {
      const s = await stat(join(dir, name));
      return { path: join(dir, name), size: s.size, usedAt: s.mtimeMs };
    } catch {
      return null; // removed meanwhile
    }
  }))).filter((f): f is { path: string; size: number; usedAt: number } => f !== null);
  let total = files.reduce((n, f) => n + f.size, 0);
  let removed = 0;
  if (total > budget.maxBytes) {
    for (const f of files.sort((a, b) => a.usedAt - b.usedAt)) {
      if (total <= budget.maxBytes * 0.8) break;
      await rm(f.path, { force: true });
      total -= f.size;
      removed++;
    }
  }
  budget.bytes = total;
  if (removed) logger.info({ removed, bytes: total, maxBytes: budget.maxBytes }, 'media cache trimmed');
}

/** Counts a new copy against its directory's budget and trims once the budget is passed (one trim at a time). */
async function added(dir: string, size: number, logger: Logger): Promise<void> {
  const budget = budgets.get(dir);
  if (!budget) return;
  if (budget.bytes !== null) budget.bytes += size;
  if ((budget.bytes !== null && budget.bytes <= budget.maxBytes) || budget.trimming) return;
  budget.trimming = trim(dir, budget, logger)
    .catch((err: Error) => logger.warn({ err: err.message }, 'media cache: could not trim'))
    .finally(() => { budget.trimming = null; });
  await budget.trimming;
}


/**
 * Puts a complete local file (an upload's spool, a finished resumable upload) into the cache: moved, or copied when
 * its owner still needs it. A failure only means a later read fills the copy from GridFS.
 */
export async function adoptIntoCache(
  dir: MediaCacheDir, fileId: Types.ObjectId, source: string, logger: Logger, how: 'move' | 'copy' = 'move',
): Promise<void> {
  if (!dir) return;
  try {
    await mkdir(dir, { recursive: true });
    const part = partPath(dir, fileId);
    // a move across file systems (EXDEV) falls back to a copy; either way the copy is renamed whole into place
    if (how === 'copy') await copyFile(source, part);
    else await rename(source, part).catch(() => copyFile(source, part));
    await rename(part, pathOf(dir, fileId));
    await added(dir, (await stat(pathOf(dir, fileId))).size, logger);
  } catch (err) {
    logger.warn({ err: (err as Error).message, fileId: fileId.toHexString() }, 'media cache: could not adopt a stored file');
  }
}

/** Puts a small, already computed file (a thumbnail) into the cache. */
export async function writeIntoCache(dir: MediaCacheDir, fileId: Types.ObjectId, data: Buffer, logger: Logger): Promise<void> {
  if (!dir) return;
  try {
    await mkdir(dir, { recursive: true });
    const part = partPath(dir, fileId);
    await writeFile(part, data);
    await rename(part, pathOf(dir, fileId));
    await added(dir, data.length, logger);
  } catch (err) {
    logger.warn({ err: (err as Error).message, fileId: fileId.toHexString() }, 'media cache: could not write a stored file');
  }
}

/** Bytes `start`..`end` inclusive (or all) of the cached copy, or null when there is no whole copy. */
export async function openCached(dir: MediaCacheDir, fileId: Types.ObjectId, size: number, range?: { start: number; end: number }): Promise<Readable | null> {
  if (!dir) return null;
  const path = pathOf(dir, fileId);
  if ((await sizeOf(path)) !== size) return null;
  const now = new Date();
  void utimes(path, now, now).catch(() => undefined); // read now: the last to be trimmed
  return createReadStream(path, range ? { start: range.start, end: range.end } : {});
}

const filling = new Set<string>();

/**
 * Copies a stored file from GridFS into the cache in the background (once at a time per file). The copy is kept only
 * when its size, and its SHA-256 where one is given, match what was stored.
 */
export function fillCache(dir: MediaCacheDir, fileId: Types.ObjectId, expected: { size: number; sha256?: string }, logger: Logger): Promise<void> {
  if (!dir || filling.has(fileId.toHexString())) return Promise.resolve();
  const key = fileId.toHexString();
  filling.add(key);
  const part = partPath(dir, fileId);
  // the whole file and no more: a longer one fails here, a shorter one below
  const counter = hashingCounter(expected.size);
  return mkdir(dir, { recursive: true })
    .then(() => pipeline(openFile(fileId), counter.transform, createWriteStream(part)))
    .then(async () => {
      const { sha256, size } = counter.result();
      if (size !== expected.size || (expected.sha256 && sha256 !== expected.sha256)) {
        throw new Error(`stored file does not match its record (size ${size} vs ${expected.size})`);
      }
      await rename(part, pathOf(dir, fileId));
      await added(dir, size, logger);
    })
    .catch(async (err: Error) => {
      await rm(part, { force: true });
      logger.warn({ err: err.message, fileId: key }, 'media cache: could not fill');
    })
    .finally(() => filling.delete(key));
}

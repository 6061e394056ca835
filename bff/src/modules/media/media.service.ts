import type { Context } from 'koa';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { AppError } from '../../lib/app-error';
import { openFile } from '../../infra/gridfs';
import { fillCache, openCached, type MediaCacheDir } from '../../infra/media-cache';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import { viewMedia } from '../ledger/ledger.views';
import { MediaModel, type MediaRecord } from './media.model';
import { parseRange } from './media.range';

const notFound = () => new AppError('MEDIA.NOT_FOUND');

/** Whether this user may see media kept on a case's own chain other than an inspection (a 预选址 request's site photos). */
export type MediaOwnerAccess = (user: AuthUser, ownerId: string) => Promise<boolean>;
const otherOwners: MediaOwnerAccess[] = [];
export function registerMediaOwner(maySee: MediaOwnerAccess): void {
  otherOwners.push(maySee);
}

/** The media if this user may see its inspection (or the other case it belongs to); otherwise 404, so its existence is not revealed. */
async function findAccessibleMedia(user: AuthUser, id: string): Promise<MediaRecord> {
  const media = Types.ObjectId.isValid(id) ? await MediaModel.findById(id).lean<MediaRecord>() : null;
  if (!media) throw notFound();
  const owner = String(media.inspectionId);
  const inspection = await findAccessibleInspection(user, owner).then(() => true, () => false);
  if (inspection) return media;
  for (const maySee of otherOwners) if (await maySee(user, owner)) return media;
  throw notFound();
}

const staffRoles = new Set(['staff', 'admin']);

/**
 * Streams a photo, its thumbnail or a recording chunk from GridFS, honouring one HTTP byte range so a player can
 * seek. The sha256 is the ETag. A staff member's read is on the record: as part of the viewing its `view` token
 * names (one `viewed` event for the whole viewing), or as a viewing of its own, whatever range it asks for.
 */
export async function serveMedia(user: AuthUser, id: string, opts: { thumb: boolean; view?: string }, ctx: Context, deps: { logger: Logger; cacheDir: MediaCacheDir }): Promise<void> {
  const { thumb } = opts;
  const { logger, cacheDir } = deps;
  const media = await findAccessibleMedia(user, id);
  if (thumb && !media.thumbnailFileId) throw new AppError('MEDIA.NOT_FOUND', { message: '该文件没有缩略图' });
  const fileId = thumb ? media.thumbnailFileId! : media.fileId;
  const size = thumb ? media.thumbnailSize ?? 0 : media.size;
  const type = thumb ? 'image/jpeg' : media.type;
  const etag = thumb ? `"${media.sha256}-thumb"` : `"${media.sha256}"`;

  ctx.set('Accept-Ranges', 'bytes');
  ctx.set('Cache-Control', 'private, max-age=0, must-revalidate');
  ctx.set('ETag', etag);
  ctx.set('X-Content-Type-Options', 'nosniff');
  const range = parseRange(ctx.get('range') || undefined, size);
  if (range === 'unsatisfiable') {
    ctx.set('Content-Range', `bytes */${size}`);
    throw new AppError('MEDIA.RANGE_NOT_SATISFIABLE');
  }
  if (staffRoles.has(user.role)) {
    const read = { mediaId: String(media._id), inspectionId: String(media.inspectionId), thumbnail: thumb, range: range ? `${range.start}-${range.end}` : null };
    await viewMedia(user, read, opts.view);
  }
  logger.info({ mediaId: String(media._id), userId: user.id, role: user.role, thumb, range: range ? `${range.start}-${range.end}` : null }, 'media served');

  if (ctx.fresh && ctx.method === 'GET' && !range) {
    ctx.status = 304;
    return;
  }
  ctx.type = type;
  ctx.status = range ? 206 : 200;
  if (range) ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  ctx.length = range ? range.end - range.start + 1 : size;
  if (size === 0) {
    ctx.body = '';
    return;
  }
  const cached = await openCached(cacheDir, fileId, size, range ?? undefined);
  if (!cached) void fillCache(cacheDir, fileId, { size, sha256: thumb ? undefined : media.sha256 }, logger);
  ctx.body = cached ?? openFile(fileId, range ?? undefined);
}

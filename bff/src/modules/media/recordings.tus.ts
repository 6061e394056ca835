import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Context, Next } from 'koa';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/utils';
import type { Config } from '../../config';
import { AppError } from '../../lib/app-error';
import { removeFile, storeStream } from '../../infra/gridfs';
import { adoptIntoCache } from '../../infra/media-cache';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import { isHost } from '../inspections/inspections.call-subject';
import { appendEvent } from '../ledger/ledger.service';
import { MediaModel, type MediaRecord } from './media.model';
import { typeSniffBytes } from '@ycta/shared/domain/media-sniff';
import { detectType } from './media.sniff';
import { noteIfComplete } from './recordings.completion';

/**
 * Recordings arrive over tus (resumable uploads): the inspector's MediaRecorder sends a chunk every few seconds,
 * each chunk one tus upload; an applicant may send a walk-through video the same way. Uploads wait in a disk
 * staging store until complete — so a dropped connection or a restarted BFF resumes where it stopped — then go
 * into GridFS with their SHA-256 and onto the record as `recording.chunk.stored`.
 *
 * The client deletes its own copy of a chunk only when the server names it stored, by index and hash: an upload
 * already finished answers HEAD/PATCH with `Recording-Sha256` (not 404), and an upload whose finish failed after its
 * last byte is finished again on the next HEAD/PATCH instead of looking complete.
 */

const recordingTypes = ['video/webm', 'video/mp4', 'video/quicktime', 'video/x-matroska', 'audio/webm', 'audio/mp4', 'audio/ogg', 'audio/mpeg', 'audio/aac'];
const uploadPath = /^\/api\/inspections\/([^/]+)\/recordings\/([0-9a-f]{32})\/?$/;
const uploaderRoles = new Set(['inspector', 'applicant']);
const overridable = new Set(['PATCH', 'HEAD', 'DELETE']);
/** An upload left unfinished this long is given up: its staged bytes are removed (they never became evidence). */
const stagingExpiryMs = 7 * 24 * 3600_000;
const sweepEveryMs = 3600_000;

interface UploadCaller {
  user: AuthUser;
  inspectionId: string;
  concludedAt: Date | null;
}

/** A chunk may begin this long after the conclusion by the phone's clock (its clock and ours differ a little). */
const clockSkewMs = 60_000;

/** The media of a recording upload: named by the upload (its first 12 bytes), so "already stored?" is an `_id` read. */
const mediaIdOf = (uploadId: string) => new Types.ObjectId(uploadId.slice(0, 24));

/** What the client checks before deleting its copy: the stored chunk's index and hash. */
const storedHeaders = (media: Pick<MediaRecord, 'sha256' | 'chunkIndex' | 'size'>) => ({
  'Tus-Resumable': '1.0.0', 'Upload-Offset': String(media.size), 'Upload-Length': String(media.size),
  'Recording-Sha256': media.sha256, 'Recording-Chunk-Index': media.chunkIndex === null ? '' : String(media.chunkIndex),
  'Cache-Control': 'no-store',
});

/** A tus hook's refusal: a status and a plain-text body, which is what tus clients show. */
const refuse = (status_code: number, body: string) => ({ status_code, body });

function integerOrNull(value: string | null | undefined): number | null {
  if (value === undefined || value === null || !/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}

function dateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

async function headOf(path: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: 0, end: typeSniffBytes - 1 })) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

export function recordingUploads(deps: { config: Config; logger: Logger; authenticate: (ctx: Context) => Promise<AuthUser> }) {
  const { stagingDir, recordingMaxBytes } = deps.config.media;
  const caller = new AsyncLocalStorage<UploadCaller>();
  const store = new FileStore({ directory: stagingDir, expirationPeriodInMilliseconds: stagingExpiryMs });
  let lastSweep = 0;
  /** Clears abandoned uploads from the staging disk, at most hourly, riding on new uploads (no timer to stop). */
  function sweepAbandoned(): void {
    if (Date.now() - lastSweep < sweepEveryMs) return;
    lastSweep = Date.now();
    tus.cleanUpExpiredUploads().then(
      (removed) => removed > 0 && deps.logger.info({ removed }, 'abandoned recording uploads removed from staging'),
      (err: Error) => deps.logger.warn({ err: err.message }, 'staging sweep failed'),
    );
  }

  /**
   * A recording's first chunk (and a walk-through) is typed by its bytes. A later MediaRecorder chunk has no header: it
   * starts wherever the muxer was, often inside a frame, and those bytes now and then look like some other format's
   * magic number (a gzip, a bitmap…), so sniffing it refused real evidence with 415. Its declared type stands.
   */
  async function typeOf(upload: Upload): Promise<string> {
    const head = await headOf(join(stagingDir, upload.id));
    const declared = upload.metadata?.mimeType?.split(';')[0]?.trim() ?? null;
    const chunkIndex = integerOrNull(upload.metadata?.chunkIndex);
    const continuation = chunkIndex !== null && chunkIndex > 0;
    const detected = continuation ? null : await detectType(head);
    const type = continuation ? declared : detected;
    if (!type || !recordingTypes.includes(type)) {
      deps.logger.warn({ uploadId: upload.id, chunkIndex, declared, detected, size: upload.size, head: head.subarray(0, 16).toString('hex') }, 'recording chunk refused: not audio or video');
      throw refuse(415, '录像文件类型不支持：只接受 WebM、MP4、MOV 等音视频格式（按文件内容识别）');
    }
    return type;
  }

  /** Stores a fully received upload as evidence (once), then clears it from staging; answers what was stored. */
  async function finish(upload: Upload): Promise<Pick<MediaRecord, 'sha256' | 'chunkIndex' | 'size'>> {
    const who = caller.getStore();
    if (!who) throw refuse(500, '上传上下文丢失');
    type Stored = Pick<MediaRecord, 'sha256' | 'chunkIndex' | 'size'>;
    let stored = await MediaModel.findById(mediaIdOf(upload.id), { sha256: 1, chunkIndex: 1, size: 1 }).lean<Stored>();
    if (!stored) {
      let type: string;
      try {
        type = await typeOf(upload);
      } catch (err) {
        await store.remove(upload.id).catch(() => undefined); // refused bytes never become evidence
        throw err;
      }
      const mediaId = mediaIdOf(upload.id);
      const file = await storeStream(createReadStream(join(stagingDir, upload.id)), {
        id: mediaId, filename: `recording-${mediaId.toHexString()}`, contentType: type, maxBytes: recordingMaxBytes,
      });
      const chunkIndex = integerOrNull(upload.metadata?.chunkIndex);
      const startedAt = dateOrNull(upload.metadata?.startedAt);
      const recordingKind = upload.metadata?.recordingKind === 'walkthrough' ? 'walkthrough' : 'recording';
      const recordedFrom = dateOrNull(upload.metadata?.recordedFrom);
      const recordedTo = dateOrNull(upload.metadata?.recordedTo);
      const lastChunk = upload.metadata?.lastChunk === '1';
      try {
        await MediaModel.create({
          _id: mediaId, inspectionId: new Types.ObjectId(who.inspectionId), kind: 'recording', fileId: file.fileId,
          type, size: file.size, sha256: file.sha256, uploadedBy: { id: who.user.id, role: who.user.role }, receivedAt: new Date(),
          recordingKind, chunkIndex, startedAt, recordedFrom, recordedTo, lastChunk, uploadId: upload.id,
        });
        await appendEvent({
          inspectionId: who.inspectionId, type: 'recording.chunk.stored', actor: who.user,
          payload: {
            mediaId: mediaId.toHexString(), sha256: file.sha256, size: file.size, type, chunkIndex, startedAt, recordingKind,
            ...(recordedFrom ? { recordedFrom, recordedTo, lastChunk } : {}),
          },
        });
      } catch (err) {
        await MediaModel.deleteOne({ _id: mediaId });
        await removeFile(file.fileId);
        throw err;
      }
      // the staged bytes are what was stored: a read copy now spares the first viewer FerretDB's chunk scan
      await adoptIntoCache(deps.config.media.cacheDir, file.fileId, join(stagingDir, upload.id), deps.logger, 'copy');
      deps.logger.info({ mediaId: mediaId.toHexString(), inspectionId: who.inspectionId, size: file.size, type, chunkIndex }, 'recording chunk stored');
      stored = { sha256: file.sha256, chunkIndex, size: file.size };
      if (recordingKind === 'recording' && startedAt && chunkIndex !== null) await noteIfComplete(who.inspectionId, startedAt, who.user);
    }
    await store.remove(upload.id);
    return stored!;
  }

  /** A chunk of a concluded inspection: accepted if recorded before the conclusion and sent within the window. */
  function lateChunkRefusal(meta: Record<string, string | null>, concludedAt: Date): ReturnType<typeof refuse> | null {
    if (Date.now() > concludedAt.getTime() + deps.config.media.recordingLateWindowMs) {
      return refuse(409, '踏勘已作出结论且超过补传期限，录像分段不再接收\n');
    }
    const began = dateOrNull(meta.recordedFrom) ?? dateOrNull(meta.startedAt);
    if (!began || began.getTime() > concludedAt.getTime() + clockSkewMs) return refuse(409, '该录像分段录制于作出结论之后，不属于本次踏勘通话\n');
    return null;
  }

  const tus = new Server({
    path: '/api/inspections/recordings',
    datastore: store,
    maxSize: recordingMaxBytes,
    // tus would otherwise grant every origin (`*`): only the configured CORS_ORIGINS, as on every other route
    allowedOrigins: (origin: string) => deps.config.corsOrigins.includes(origin),
    namingFunction: () => randomBytes(16).toString('hex'),
    generateUrl: (_req, { id }) => `/api/inspections/${caller.getStore()?.inspectionId ?? ''}/recordings/${id}`,
    getFileIdFromRequest: (_req, lastPath) => lastPath,
    onUploadCreate: async (_req, upload) => {
      const who = caller.getStore();
      if (!who) throw refuse(500, '上传上下文丢失');
      const meta = upload.metadata ?? {};
      if (meta.chunkIndex !== undefined && integerOrNull(meta.chunkIndex) === null) throw refuse(400, 'chunkIndex 必须是非负整数');
      const late = who.concludedAt && who.user.role === 'inspector' ? lateChunkRefusal(meta, who.concludedAt) : null;
      if (late) throw late;
      return {
        metadata: {
          ...meta,
          // who and where are the server's facts, whatever the client wrote
          inspectionId: who.inspectionId, uploaderId: who.user.id, uploaderRole: who.user.role,
          recordingKind: who.user.role === 'applicant' ? 'walkthrough' : 'recording',
        },
      };
    },
    onUploadFinish: async (_req, upload) => ({ headers: storedHeaders(await finish(upload)) }),
    onResponseError: (_req, err) => {
      if ('status_code' in err) return undefined;
      deps.logger.error({ err: err.message }, 'recording upload failed');
      return { status_code: 500, body: '录像保存失败，请稍后重试\n' };
    },
  });

  /** Hands the raw request to tus once the caller is known to be an uploader of this inspection. */
  async function handOff(ctx: Context, user: AuthUser, inspectionId: string, uploadId?: string): Promise<void> {
    const refused = () => new AppError('AUTH.FORBIDDEN', { message: '只有本次踏勘的踏勘人员（或申请人上传现场录像）可以上传录像' });
    if (!uploaderRoles.has(user.role) && user.role !== 'staff') throw refused();
    const inspection = await findAccessibleInspection(user, inspectionId);
    // staff record only a call they host (a 预选址 look they opened); otherwise they observe
    if (user.role === 'staff' && !isHost(user, inspection)) throw refused();
    const id = String(inspection._id);
    if (!ctx.get('tus-resumable')) throw new AppError('REQUEST.INVALID', { message: '缺少 Tus-Resumable 请求头：录像须以 tus 断点续传协议上传' });
    const who: UploadCaller = { user, inspectionId: id, concludedAt: inspection.concludedAt ?? null };
    if (uploadId) {
      const stored = await MediaModel.findById(mediaIdOf(uploadId), { inspectionId: 1, uploadedBy: 1, uploadId: 1, sha256: 1, chunkIndex: 1, size: 1 }).lean<MediaRecord>();
      if (stored && stored.uploadId === uploadId && String(stored.inspectionId) === id && stored.uploadedBy.id === user.id) {
        return answerStored(ctx, stored);
      }
      const upload = await store.getUpload(uploadId).catch(() => null);
      if (!upload || upload.metadata?.inspectionId !== id || upload.metadata?.uploaderId !== user.id) throw new AppError('MEDIA.NOT_FOUND', { message: '上传不存在或已完成' });
      // every byte arrived but storing it failed (the answer was an error): store it now rather than report an offset
      if (upload.size !== undefined && upload.offset === upload.size) return answerStored(ctx, await caller.run(who, () => finish(upload)).catch(asAppError));
    } else {
      sweepAbandoned();
    }
    ctx.respond = false;
    await caller.run(who, () => tus.handle(ctx.req, ctx.res));
  }

  /** A tus refusal (status + text) or a failure while finishing, as the API's own error. */
  function asAppError(err: unknown): never {
    if (typeof err === 'object' && err !== null && 'status_code' in err) {
      const { status_code: status, body } = err as { status_code: number; body: string };
      throw new AppError('RECORDING.REFUSED', { status, message: body.trim() });
    }
    throw new AppError('RECORDING.NOT_STORED', { cause: err });
  }

  function answerStored(ctx: Context, media: Pick<MediaRecord, 'sha256' | 'chunkIndex' | 'size'>): void {
    ctx.set(storedHeaders(media));
    ctx.status = ctx.method === 'HEAD' ? 200 : 204;
  }

  return {
    /** The routed entry point: `POST /inspections/:id/recordings` creates an upload (auth and role already checked). */
    create: (ctx: Context, user: AuthUser, inspectionId: string) => handOff(ctx, user, inspectionId),

    /**
     * Koa middleware for an upload's own URL (`…/recordings/<uploadId>`): HEAD for the offset, PATCH to append —
     * also as POST with `X-HTTP-Method-Override: PATCH`, since wx.request has no PATCH.
     */
    async middleware(ctx: Context, next: Next) {
      const match = uploadPath.exec(ctx.path);
      if (!match) return next();
      const [, inspectionId = '', uploadId = ''] = match;
      const override = ctx.get('x-http-method-override').toUpperCase();
      if (ctx.method === 'POST' && overridable.has(override)) ctx.req.method = override;
      const method = ctx.req.method ?? '';
      if (method === 'OPTIONS') {
        ctx.respond = false;
        return tus.handle(ctx.req, ctx.res);
      }
      if (method !== 'HEAD' && method !== 'PATCH') throw new AppError('REQUEST.METHOD_NOT_ALLOWED', { status: 405, message: '不支持的请求方法' });
      await handOff(ctx, await deps.authenticate(ctx), inspectionId, uploadId);
    },
  };
}

export type RecordingUploads = ReturnType<typeof recordingUploads>;

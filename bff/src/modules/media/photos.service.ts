import { open } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import type { IncomingMessage } from 'node:http';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { errorCatalogue, type Photo } from '@ycta/shared';
import type { Config } from '../../config';
import { AppError } from '../../lib/app-error';
import { concurrencyLimit } from '../../lib/concurrency-limit';
import { openFile, removeFile, storeBuffer } from '../../infra/gridfs';
import { adoptIntoCache, writeIntoCache } from '../../infra/media-cache';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import type { InspectionRecord } from '../inspections/inspection.model';
import { hasChecklistItem } from '../inspections/inspections.service';
import { findStillRequest } from '../inspections/inspections.stills';
import { appendEvent } from '../ledger/ledger.service';
import { MediaModel, type MediaRecord } from './media.model';
import { photoTypes } from './media.sniff';
import { clientTime, finiteOrNull, receiveMultipart, requireAcceptingEvidence, withSpool, type EvidenceForm } from './multipart-intake';
import { distanceFromSite, photoMarks, readExif } from './photo.evidence';

export type PhotoLimits = Config['media'];

/** EXIF (and the image header) sit at the front of a photo: read only this much for them. */
const exifHeadBytes = 256 * 1024;
const thumbnailEdge = 320;

// every photo is decoded once and never again: libvips' operation cache (50 MB by default) would only hold memory
sharp.cache(false);
/** Decoding a photo for its thumbnail is CPU work: one per core at a time, so a burst of uploads queues, not balloons. */
const decodeSlots = concurrencyLimit(availableParallelism());

async function readHead(path: string, size: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, exifHeadBytes));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

const tooManyPixels = (limits: PhotoLimits, size = '') =>
  new AppError('MEDIA.TOO_MANY_PIXELS', { message: `照片像素${size}超过 ${Math.round(limits.photoMaxPixels / 1e6)} 百万像素上限，请降低分辨率后重新上传` });

/**
 * Dimensions (refusing too many pixels before decoding) and a small JPEG for lists. HEIC needs an HEVC decoder the
 * bundled libvips lacks: such a photo is kept without dimensions or thumbnail (never decoded, so no pixel-bomb risk).
 */
async function inspectImage(path: string, fileId: Types.ObjectId, type: string, limits: PhotoLimits, logger: Logger) {
  const heic = type === 'image/heic' || type === 'image/heif';
  const image = sharp(path, { limitInputPixels: limits.photoMaxPixels, sequentialRead: true });
  let meta: sharp.Metadata;
  try {
    meta = await image.metadata();
  } catch (err) {
    if (/pixel limit/i.test((err as Error).message)) throw tooManyPixels(limits);
    if (heic) {
      logger.warn({ err: (err as Error).message, fileId: String(fileId) }, 'HEIC photo kept without dimensions or thumbnail');
      return { width: null, height: null, thumbnail: null };
    }
    throw new AppError('MEDIA.IMAGE_UNREADABLE', { cause: err });
  }
  const width = meta.autoOrient?.width ?? meta.width ?? null;
  const height = meta.autoOrient?.height ?? meta.height ?? null;
  if (width === null || height === null) throw new AppError('MEDIA.IMAGE_UNREADABLE');
  if (width * height > limits.photoMaxPixels) throw tooManyPixels(limits, `（${width}×${height}）`);
  let thumbnail: Buffer | null = null;
  try {
    thumbnail = await image.rotate().resize(thumbnailEdge, thumbnailEdge, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
  } catch (err) {
    if (!heic) throw new AppError('MEDIA.IMAGE_UNREADABLE', { cause: err });
    logger.warn({ err: (err as Error).message, fileId: String(fileId) }, 'no thumbnail for HEIC photo');
  }
  return { width, height, thumbnail };
}

/**
 * What a photo is taken for: an inspection (its points and stills), or another case that keeps site photos on its own
 * chain (a 预选址 request). The photo is stored, judged and chained the same way for both.
 */
export interface PhotoOwner {
  /** The chain the photo goes on (`inspectionId` of the media). */
  _id: Types.ObjectId;
  site?: { lat?: number; lng?: number; origin?: string };
  /** When the session began (first join, else the booked slot), or null: a photo before it is marked stale. */
  sessionStart: Date | null;
  /** Checks what the form refers to (points, stills); may fill in the point. */
  checkForm(form: EvidenceForm): Promise<EvidenceForm>;
}

/** Checks what the form refers to; a still belongs to the point it was requested for unless the form names one. */
async function checkReferences(inspection: InspectionRecord, form: EvidenceForm): Promise<EvidenceForm> {
  if (form.checklistItemId && !hasChecklistItem(inspection, form.checklistItemId)) {
    throw new AppError('INSPECTION.CHECKLIST_ITEM_NOT_FOUND');
  }
  if (!form.stillRequestId) return form;
  const request = await findStillRequest(String(inspection._id), form.stillRequestId);
  if (!request) throw new AppError('REQUEST.INVALID', { message: '拍照请求不存在或不属于本次踏勘' });
  return form.checklistItemId || !request.checklistItemId ? form : { ...form, checklistItemId: request.checklistItemId };
}

/**
 * Takes one photo for an inspection: stored whole with its hash, type checked from the bytes, time and place read
 * and judged against the session and the site, a thumbnail beside it, and `photo.stored` on the record.
 */
export async function receivePhoto(
  user: AuthUser, inspectionId: string, req: IncomingMessage, deps: { limits: PhotoLimits; logger: Logger },
): Promise<Photo> {
  const inspection = await findAccessibleInspection(user, inspectionId);
  requireAcceptingEvidence(inspection, '照片');
  return receiveOwnedPhoto(user, {
    _id: inspection._id, site: inspection.site, sessionStart: inspection.firstJoinAt ?? inspection.slot?.start ?? null,
    checkForm: (form) => checkReferences(inspection, form),
  }, req, deps);
}

/** Takes one photo for an owner whose access and state the caller checked (see `PhotoOwner`). */
export function receiveOwnedPhoto(user: AuthUser, owner: PhotoOwner, req: IncomingMessage, deps: { limits: PhotoLimits; logger: Logger }): Promise<Photo> {
  const mediaId = new Types.ObjectId();
  // the bytes land twice as they stream: in GridFS (the evidence) and in a local copy the EXIF and the thumbnail are
  // read from (reading the photo back out of the embedded database costs a scan of every stored chunk)
  return withSpool(deps.limits.stagingDir, mediaId, (spoolPath) => storePhoto(user, owner, mediaId, spoolPath, req, deps));
}

async function storePhoto(
  user: AuthUser, owner: PhotoOwner, mediaId: Types.ObjectId, spoolPath: string, req: IncomingMessage,
  deps: { limits: PhotoLimits; logger: Logger },
): Promise<Photo> {
  const { file, form: sent } = await receiveMultipart(req, {
    id: mediaId, what: 'photo', allowedTypes: photoTypes, maxBytes: deps.limits.photoMaxBytes, spoolPath,
    typeMessage: errorCatalogue['MEDIA.TYPE_NOT_ALLOWED'].message,
    sizeMessage: `照片超过 ${Math.round(deps.limits.photoMaxBytes / 1024 / 1024)} MB 上限，请压缩后重新上传`,
  });
  const receivedAt = new Date();
  let thumbnailFileId: Types.ObjectId | null = null;
  let thumbnailSize: number | null = null;
  let form = sent;
  try {
    form = await owner.checkForm(sent);
    const [exif, image] = await Promise.all([readHead(spoolPath, file.size).then(readExif), decodeSlots(() => inspectImage(spoolPath, file.fileId, file.type, deps.limits, deps.logger))]);
    if (image.thumbnail) {
      thumbnailFileId = (await storeBuffer(image.thumbnail, { filename: `thumb-${mediaId.toHexString()}`, contentType: 'image/jpeg' })).fileId;
      thumbnailSize = image.thumbnail.length;
    }

    const clientCapturedAt = clientTime(form.capturedAt);
    const capturedAt = exif.capturedAt ?? clientCapturedAt;
    const captureTimeSource = exif.capturedAt ? 'exif' : clientCapturedAt ? 'client' : null;
    const clientLat = finiteOrNull(form.lat);
    const clientLng = finiteOrNull(form.lng);
    const accuracy = finiteOrNull(form.accuracy);
    const gps = exif.gps
      ? { ...exif.gps, accuracy: null, source: 'exif' as const }
      : clientLat !== null && clientLng !== null && Math.abs(clientLat) <= 90 && Math.abs(clientLng) <= 180
        ? { lat: clientLat, lng: clientLng, accuracy, source: 'client' as const }
        : null;
    // what the client said is kept beside what was chosen, so a mismatch with EXIF stays visible
    const client = {
      capturedAt: clientCapturedAt,
      gps: clientLat !== null && clientLng !== null ? { lat: clientLat, lng: clientLng, accuracy } : null,
    };
    const distanceMeters = distanceFromSite(owner.site, gps);
    const marks = photoMarks({
      capturedAt, receivedAt, distanceMeters,
      sessionStart: owner.sessionStart,
      maxAgeMinutes: deps.limits.photoMaxAgeMinutes,
      maxDistanceMeters: deps.limits.photoMaxDistanceMeters,
      siteUnconfirmed: owner.site?.origin === 'proposed',
    });

    const record = (await MediaModel.create({
      _id: mediaId, inspectionId: owner._id, kind: 'photo', fileId: file.fileId, thumbnailFileId, thumbnailSize,
      type: file.type, size: file.size, sha256: file.sha256, uploadedBy: { id: user.id, role: user.role }, receivedAt,
      checklistItemId: form.checklistItemId || null, stillRequestId: form.stillRequestId || null,
      width: image.width, height: image.height, capturedAt, captureTimeSource, gps, distanceMeters, marks, client,
    })).toObject() as MediaRecord;
    try {
      await appendEvent({
        inspectionId: owner._id, type: 'photo.stored', actor: user,
        payload: {
          mediaId: mediaId.toHexString(), sha256: file.sha256, size: file.size, type: file.type,
          checklistItemId: record.checklistItemId, capturedAt, receivedAt, gps, distanceMeters, marks,
          stillRequestId: record.stillRequestId, client,
        },
      });
    } catch (err) {
      // not on the record, so not evidence: take it back out rather than keep an unlogged file
      await MediaModel.deleteOne({ _id: mediaId });
      throw err;
    }
    await adoptIntoCache(deps.limits.cacheDir, file.fileId, spoolPath, deps.logger);
    if (thumbnailFileId && image.thumbnail) await writeIntoCache(deps.limits.cacheDir, thumbnailFileId, image.thumbnail, deps.logger);
    deps.logger.info({ mediaId: mediaId.toHexString(), inspectionId: String(owner._id), size: file.size, type: file.type, marks: { stale: marks.stale, far: marks.far } }, 'photo stored');
    return toPhoto(record);
  } catch (err) {
    await removeFile(file.fileId);
    if (thumbnailFileId) await removeFile(thumbnailFileId);
    throw err;
  }
}

export function toPhoto(m: MediaRecord): Photo {
  const id = String(m._id);
  return {
    id, inspectionId: String(m.inspectionId), checklistItemId: m.checklistItemId ?? null, stillRequestId: m.stillRequestId ?? null,
    type: m.type, size: m.size, sha256: m.sha256, width: m.width ?? null, height: m.height ?? null,
    capturedAt: m.capturedAt ? m.capturedAt.toISOString() : null, captureTimeSource: m.captureTimeSource ?? null,
    receivedAt: m.receivedAt.toISOString(), gps: m.gps ?? null, distanceMeters: m.distanceMeters ?? null,
    marks: { stale: !!m.marks?.stale, far: !!m.marks?.far, siteUnconfirmed: !!m.marks?.siteUnconfirmed, reasons: m.marks?.reasons ?? [] },
    uploadedBy: { id: m.uploadedBy.id, role: m.uploadedBy.role as Photo['uploadedBy']['role'] },
    url: `/api/media/${id}`, thumbnailUrl: `/api/media/${id}?thumb=1`,
  };
}

export async function listPhotos(user: AuthUser, inspectionId: string): Promise<{ items: Photo[] }> {
  const inspection = await findAccessibleInspection(user, inspectionId);
  return { items: await photosOf(inspection._id) };
}

/** Every photo kept on one chain (an inspection's, a 预选址 request's), in the order received; access checked by the caller. */
export async function photosOf(ownerId: Types.ObjectId): Promise<Photo[]> {
  const items = await MediaModel.find({ inspectionId: ownerId, kind: 'photo' }).sort({ receivedAt: 1, _id: 1 }).lean<MediaRecord[]>();
  return items.map(toPhoto);
}

/**
 * Every photo of an inspection (stills included) with its thumbnail's bytes, for documents that print them (the
 * archival report). Thumbnails are small JPEGs; a photo kept without one (HEIC the decoder lacks) comes with null.
 */
export async function photosWithThumbnails(inspectionId: Types.ObjectId): Promise<{ photo: Photo; thumbnail: Buffer | null }[]> {
  const items = await MediaModel.find({ inspectionId, kind: 'photo' }).sort({ receivedAt: 1, _id: 1 }).lean<MediaRecord[]>();
  const out: { photo: Photo; thumbnail: Buffer | null }[] = [];
  for (const m of items) out.push({ photo: toPhoto(m), thumbnail: m.thumbnailFileId ? await buffer(openFile(m.thumbnailFileId)) : null });
  return out;
}

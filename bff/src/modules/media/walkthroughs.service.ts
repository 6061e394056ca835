import type { IncomingMessage } from 'node:http';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Walkthrough } from '@ycta/shared';
import { removeFile } from '../../infra/gridfs';
import { adoptIntoCache } from '../../infra/media-cache';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import type { InspectionRecord } from '../inspections/inspection.model';
import { appendEvent } from '../ledger/ledger.service';
import { MediaModel } from './media.model';
import { clientTime, finiteOrNull, receiveMultipart, requireAcceptingEvidence, withSpool } from './multipart-intake';
import { distanceFromSite } from './photo.evidence';
import type { PhotoLimits } from './photos.service';

/** Containers phones record video in (checked from the bytes). */
export const walkthroughTypes = ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/3gpp'] as const;

/**
 * A walk-through video the applicant recorded on the premises where a live call was not possible, sent in one
 * multipart upload (`Taro.uploadFile`): streamed into GridFS with its hash, on the record as a recording.
 */
export async function receiveWalkthrough(
  user: AuthUser, inspectionId: string, req: IncomingMessage, deps: { limits: PhotoLimits; logger: Logger },
): Promise<Walkthrough> {
  const inspection = await findAccessibleInspection(user, inspectionId);
  requireAcceptingEvidence(inspection, '现场录像');
  const mediaId = new Types.ObjectId();
  // spooled beside GridFS as it streams: once stored, the spool becomes the read copy (see media-cache)
  return withSpool(deps.limits.stagingDir, mediaId, (spoolPath) => storeWalkthrough(user, inspection, mediaId, spoolPath, req, deps));
}

async function storeWalkthrough(
  user: AuthUser, inspection: InspectionRecord, mediaId: Types.ObjectId, spoolPath: string, req: IncomingMessage,
  deps: { limits: PhotoLimits; logger: Logger },
): Promise<Walkthrough> {
  const { file, form } = await receiveMultipart(req, {
    id: mediaId, what: 'walkthrough', spoolPath, allowedTypes: walkthroughTypes, maxBytes: deps.limits.recordingMaxBytes,
    typeMessage: '录像文件类型不支持：只接受 MP4、MOV、WebM 等视频格式（按文件内容识别，改扩展名无效）',
    sizeMessage: `录像超过 ${Math.round(deps.limits.recordingMaxBytes / 1024 / 1024)} MB 上限，请缩短后重新上传`,
  });
  const receivedAt = new Date();
  const startedAt = clientTime(form.capturedAt);
  const lat = finiteOrNull(form.lat);
  const lng = finiteOrNull(form.lng);
  const gps = lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
    ? { lat, lng, accuracy: finiteOrNull(form.accuracy), source: 'client' as const } : null;
  const distanceMeters = distanceFromSite(inspection.site, gps);
  try {
    await MediaModel.create({
      _id: mediaId, inspectionId: inspection._id, kind: 'recording', recordingKind: 'walkthrough', fileId: file.fileId,
      type: file.type, size: file.size, sha256: file.sha256, uploadedBy: { id: user.id, role: user.role }, receivedAt,
      startedAt, gps, distanceMeters,
    });
    await appendEvent({
      inspectionId: inspection._id, type: 'recording.chunk.stored', actor: user,
      payload: {
        mediaId: mediaId.toHexString(), sha256: file.sha256, size: file.size, type: file.type, chunkIndex: null,
        startedAt, recordingKind: 'walkthrough', receivedAt, gps, distanceMeters,
      },
    });
  } catch (err) {
    await MediaModel.deleteOne({ _id: mediaId });
    await removeFile(file.fileId);
    throw err;
  }
  await adoptIntoCache(deps.limits.cacheDir, file.fileId, spoolPath, deps.logger);
  deps.logger.info({ mediaId: mediaId.toHexString(), inspectionId: String(inspection._id), size: file.size, type: file.type }, 'walk-through stored');
  return {
    id: mediaId.toHexString(), type: file.type, size: file.size, sha256: file.sha256, receivedAt: receivedAt.toISOString(),
    distanceMeters, url: `/api/media/${mediaId.toHexString()}`,
  };
}

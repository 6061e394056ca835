import { Schema, Types, model } from 'mongoose';
import { AppError } from '../../lib/app-error';

/**
 * What is known about one stored piece of evidence; the bytes sit in GridFS under the same id (`fileId` = `_id`, so
 * a `mediaId` on the record names both), the thumbnail beside it. Written once when the
 * file has arrived whole and never changed: a correction is a new event on the inspection's record.
 */
const mediaSchema = new Schema({
  inspectionId: { type: Schema.Types.ObjectId, required: true, index: true },
  kind: { type: String, enum: ['photo', 'recording'], required: true },
  fileId: { type: Schema.Types.ObjectId, required: true, unique: true },
  thumbnailFileId: { type: Schema.Types.ObjectId, default: null },
  thumbnailSize: { type: Number, default: null },
  type: { type: String, required: true },
  size: { type: Number, required: true },
  sha256: { type: String, required: true },
  uploadedBy: { id: String, role: String },
  receivedAt: { type: Date, required: true },
  // photos
  checklistItemId: { type: String, default: null },
  stillRequestId: { type: String, default: null },
  width: { type: Number, default: null },
  height: { type: Number, default: null },
  capturedAt: { type: Date, default: null },
  captureTimeSource: { type: String, default: null },
  gps: { type: Schema.Types.Mixed, default: null },
  distanceMeters: { type: Number, default: null },
  marks: { stale: Boolean, far: Boolean, siteUnconfirmed: Boolean, reasons: [String] },
  /** What the client sent (time, position), kept even when EXIF was preferred. */
  client: { type: Schema.Types.Mixed, default: null },
  // recordings
  /** `recording`: the inspector's call recording; `walkthrough`: a video the applicant recorded instead of a call. */
  recordingKind: { type: String, default: null },
  chunkIndex: { type: Number, default: null },
  startedAt: { type: Date, default: null },
  /** The stretch of the call this chunk holds, by the recorder's clock; and whether the recorder said it was its last. */
  recordedFrom: { type: Date, default: null },
  recordedTo: { type: Date, default: null },
  lastChunk: { type: Boolean, default: null },
  /** The tus upload this came from: a finished upload retried after a crash is stored once. */
  uploadId: { type: String, default: null, index: true },
}, { timestamps: true, minimize: false });

export const MediaModel = model('Media', mediaSchema, 'media');

export interface MediaRecord {
  _id: Types.ObjectId;
  inspectionId: Types.ObjectId;
  kind: 'photo' | 'recording';
  fileId: Types.ObjectId;
  thumbnailFileId: Types.ObjectId | null;
  thumbnailSize: number | null;
  type: string;
  size: number;
  sha256: string;
  uploadedBy: { id: string; role: string };
  receivedAt: Date;
  checklistItemId: string | null;
  stillRequestId: string | null;
  width: number | null;
  height: number | null;
  capturedAt: Date | null;
  captureTimeSource: 'exif' | 'client' | null;
  gps: { lat: number; lng: number; accuracy: number | null; source: 'exif' | 'client' } | null;
  distanceMeters: number | null;
  marks: { stale: boolean; far: boolean; siteUnconfirmed?: boolean; reasons: string[] };
  client: { capturedAt: Date | null; gps: { lat: number; lng: number; accuracy: number | null } | null } | null;
  recordingKind: 'recording' | 'walkthrough' | null;
  chunkIndex: number | null;
  startedAt: Date | null;
  recordedFrom: Date | null;
  recordedTo: Date | null;
  lastChunk: boolean | null;
  uploadId: string | null;
}

/**
 * Refuses evidence links (a judgment's photos, a flag's evidence) that name media of another inspection or none at
 * all: the record must not point at something that is not part of it.
 */
export async function requireMediaOf(inspectionId: Types.ObjectId, mediaIds: readonly string[], field: string): Promise<void> {
  const wanted = [...new Set(mediaIds)];
  if (wanted.length === 0) return;
  const found = await MediaModel.find({ _id: { $in: wanted.map((id) => new Types.ObjectId(id)) }, inspectionId }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  const known = new Set(found.map((m) => String(m._id)));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError('REQUEST.INVALID', {
      message: `请求内容不正确：${field} 中有 ${missing.length} 个文件不属于本次踏勘`,
      details: missing.map((id) => ({ field, message: `${id} 不属于本次踏勘` })),
    });
  }
}

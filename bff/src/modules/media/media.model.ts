import { Schema, model, type Types } from 'mongoose';

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
  marks: { stale: Boolean, far: Boolean, reasons: [String] },
  /** What the client sent (time, position), kept even when EXIF was preferred. */
  client: { type: Schema.Types.Mixed, default: null },
  // recordings
  /** `recording`: the inspector's call recording; `walkthrough`: a video the applicant recorded instead of a call. */
  recordingKind: { type: String, default: null },
  chunkIndex: { type: Number, default: null },
  startedAt: { type: Date, default: null },
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
  marks: { stale: boolean; far: boolean; reasons: string[] };
  client: { capturedAt: Date | null; gps: { lat: number; lng: number; accuracy: number | null } | null } | null;
  recordingKind: 'recording' | 'walkthrough' | null;
  chunkIndex: number | null;
  startedAt: Date | null;
  uploadId: string | null;
}

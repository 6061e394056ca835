import { z } from 'zod';
import { defineContract } from '../contract';
import { IdParams, IsoDateTime, ObjectId } from './common';
import { Role } from '../roles';

/** Where a capture time or position came from: the image's own EXIF, or what the client said. */
export const EvidenceSource = z.enum(['exif', 'client']);

export const PhotoGps = z.object({
  lat: z.number(),
  lng: z.number(),
  /** Client-reported accuracy radius in metres, when known. */
  accuracy: z.number().nullable(),
  source: EvidenceSource,
});

/** Why the inspector should look twice: stored anyway, never silently accepted. */
export const PhotoMarks = z.object({
  /** Taken before the session began, or older than the configured age. */
  stale: z.boolean(),
  /** Taken farther from the site's registered coordinates than the configured distance. */
  far: z.boolean(),
  /** Judged against a site point the applicant proposed and no staff member had confirmed at upload time. */
  siteUnconfirmed: z.boolean().optional(),
  /** The reasons in Chinese, for the inspector's checklist panel. */
  reasons: z.array(z.string()),
});

export const Photo = z.object({
  id: ObjectId,
  inspectionId: ObjectId,
  checklistItemId: z.string().nullable(),
  stillRequestId: z.string().nullable(),
  type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Device capture time (EXIF first, else the client's), UTC. */
  capturedAt: IsoDateTime.nullable(),
  captureTimeSource: EvidenceSource.nullable(),
  /** When the BFF had the whole file, UTC. */
  receivedAt: IsoDateTime,
  gps: PhotoGps.nullable(),
  /** From the site's registered coordinates; null when either position is unknown. */
  distanceMeters: z.number().nullable(),
  marks: PhotoMarks,
  uploadedBy: z.object({ id: z.string(), role: Role }),
  /** `GET` these with the bearer token: never a public URL. */
  url: z.string(),
  thumbnailUrl: z.string(),
});
export type Photo = z.infer<typeof Photo>;

/** A walk-through video as stored (the applicant's recording instead of a live call). */
export const Walkthrough = z.object({
  id: ObjectId,
  type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  receivedAt: IsoDateTime,
  distanceMeters: z.number().nullable(),
  url: z.string(),
});
export type Walkthrough = z.infer<typeof Walkthrough>;

export const MediaParams = z.object({ id: ObjectId });
export const MediaQuery = z.object({
  thumb: z.enum(['1', 'true']).optional(),
  /** Staff: the viewing this read belongs to (`viewId` of the record or of `POST /inspections/:id/views`); without it each read is a view of its own. */
  view: z.string().max(100).optional(),
});

const uploaders = ['applicant', 'inspector', 'expert'] as const;
const viewers = ['applicant', 'inspector', 'expert', 'staff', 'admin'] as const;

export const mediaContract = defineContract({
  uploadPhoto: {
    method: 'POST', path: '/inspections/:id/photos', summary: '上传踏勘照片（按要点）', auth: uploaders, params: IdParams, roomPass: true,
    rawBody: {
      contentType: 'multipart/form-data',
      description: 'file（JPEG/PNG/WebP/HEIC，按内容识别）; checklistItemId, capturedAt (ISO), lat, lng, accuracy, stillRequestId',
    },
    responses: { 201: Photo },
    errors: ['MEDIA.TYPE_NOT_ALLOWED', 'MEDIA.TOO_LARGE', 'MEDIA.TOO_MANY_PIXELS', 'MEDIA.NO_FILE', 'MEDIA.UPLOAD_INCOMPLETE', 'MEDIA.IMAGE_UNREADABLE', 'INSPECTION.NOT_FOUND'],
  },
  uploadWalkthrough: {
    method: 'POST', path: '/inspections/:id/walkthroughs', summary: '上传现场录像（无法视频通话时代替）', auth: ['applicant'], params: IdParams,
    rawBody: { contentType: 'multipart/form-data', description: 'file（MP4/MOV/WebM，按内容识别）; capturedAt (ISO), lat, lng, accuracy' },
    responses: { 201: Walkthrough },
    errors: ['MEDIA.TYPE_NOT_ALLOWED', 'MEDIA.TOO_LARGE', 'MEDIA.NO_FILE', 'MEDIA.UPLOAD_INCOMPLETE', 'INSPECTION.NOT_FOUND'],
  },
  createRecordingUpload: {
    method: 'POST', path: '/inspections/:id/recordings', summary: '创建录像分段的断点续传上传（tus 1.0）', auth: ['inspector', 'applicant', 'staff'], params: IdParams,
    rawBody: {
      contentType: 'application/offset+octet-stream',
      description: 'tus 1.0 creation: Tus-Resumable, Upload-Length, Upload-Metadata (chunkIndex, mimeType, startedAt, recordedFrom, '
        + 'recordedTo, lastChunk "1" on the recorder\'s last chunk). 201 with Location; then HEAD it for Upload-Offset and PATCH it to '
        + 'append (or POST with X-HTTP-Method-Override: PATCH). When complete the chunk is stored with its SHA-256 and appears on the '
        + 'record as recording.chunk.stored; the answer, and any later HEAD/PATCH of that upload, carries Recording-Sha256 and '
        + 'Recording-Chunk-Index (an upload whose storing failed is stored on its next HEAD/PATCH). When every chunk up to the last is '
        + 'stored the record says recording.completed. After the conclusion, chunks recorded before it are accepted for '
        + 'RECORDING_LATE_WINDOW_HOURS (409 otherwise).',
    },
    responses: { 201: z.unknown() },
    errors: ['INSPECTION.NOT_FOUND', 'REQUEST.INVALID', 'RECORDING.REFUSED', 'RECORDING.NOT_STORED'],
  },
  listPhotos: {
    method: 'GET', path: '/inspections/:id/photos', summary: '踏勘照片及其标记', auth: viewers, params: IdParams,
    responses: { 200: z.object({ items: z.array(Photo) }) },
    errors: ['INSPECTION.NOT_FOUND'],
  },
  getMedia: {
    method: 'GET', path: '/media/:id', summary: '照片或录像（支持 Range；?thumb=1 取缩略图）', auth: viewers,
    params: MediaParams, query: MediaQuery,
    responses: { 200: z.unknown(), 206: z.unknown() },
    errors: ['MEDIA.NOT_FOUND', 'MEDIA.RANGE_NOT_SATISFIABLE', 'MEDIA.VIEW_INVALID'],
  },
});

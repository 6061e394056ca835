import { z } from 'zod';
import { defineContract } from '@ycta/shared/contract';
import { IdParams } from '@ycta/shared/contracts/common';

/*
 * Mirrors the photo shape of issue 6's media contract as it stood uncommitted in the work tree; the
 * walk-through route is this app's proposal (issue 6 has no applicant video route yet).
 */
const PhotoMarks = z.object({ stale: z.boolean(), far: z.boolean(), reasons: z.array(z.string()) });

export const Photo = z.object({
  id: z.string(),
  inspectionId: z.string(),
  checklistItemId: z.string().nullable(),
  stillRequestId: z.string().nullable(),
  sha256: z.string(),
  capturedAt: z.string().nullable(),
  receivedAt: z.string(),
  distanceMeters: z.number().nullable(),
  marks: PhotoMarks,
  url: z.string(),
  thumbnailUrl: z.string(),
});

export const mediaContract = defineContract({
  uploadPhoto: {
    method: 'POST', path: '/inspections/:id/photos', summary: '上传照片', auth: ['applicant'], params: IdParams,
    rawBody: { contentType: 'multipart/form-data', description: 'file + checklistItemId, capturedAt, lat, lng, accuracy, stillRequestId' },
    responses: { 201: Photo },
  },
  uploadWalkthrough: {
    method: 'POST', path: '/inspections/:id/walkthroughs', summary: '上传现场录像（弱网时代替视频通话）', auth: ['applicant'], params: IdParams,
    rawBody: { contentType: 'multipart/form-data', description: 'file (video) + capturedAt, lat, lng' },
    responses: { 201: z.object({ id: z.string(), receivedAt: z.string() }) },
  },
  listPhotos: { method: 'GET', path: '/inspections/:id/photos', summary: '照片', auth: ['applicant'], params: IdParams, responses: { 200: z.object({ items: z.array(Photo) }) } },
});

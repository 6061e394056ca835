import { z } from 'zod';
import { defineContract } from '@ycta/shared/contract';
import { IdParams } from '@ycta/shared/contracts/common';

export const Photo = z.object({
  id: z.string(),
  checklistItemId: z.string().nullable(),
  capturedAt: z.string().nullable(),
  receivedAt: z.string(),
  distanceMeters: z.number().nullable(),
  marks: z.object({ stale: z.boolean(), far: z.boolean() }),
  sha256: z.string(),
});

export const mediaContract = defineContract({
  uploadPhoto: {
    method: 'POST', path: '/inspections/:id/photos', summary: '上传照片', auth: ['applicant'], params: IdParams,
    rawBody: { contentType: 'multipart/form-data', description: 'file + checklistItemId, capturedAt, lat, lng' },
    responses: { 201: Photo },
  },
  uploadWalkthrough: {
    method: 'POST', path: '/inspections/:id/walkthroughs', summary: '上传现场录像（弱网时代替视频通话）', auth: ['applicant'], params: IdParams,
    rawBody: { contentType: 'multipart/form-data', description: 'file (video) + capturedAt, lat, lng' },
    responses: { 201: z.object({ id: z.string(), receivedAt: z.string() }) },
  },
  listPhotos: { method: 'GET', path: '/inspections/:id/photos', summary: '照片', auth: ['applicant'], params: IdParams, responses: { 200: z.object({ items: z.array(Photo) }) } },
});

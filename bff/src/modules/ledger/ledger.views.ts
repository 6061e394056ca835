import { Types } from 'mongoose';
import type { OpenViewRequest } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import { RecordEventModel, type RecordEventDoc } from './ledger.model';
import { appendEvent, type RecordActorInput } from './ledger.service';

/**
 * `viewed` means a person opened something: one event per page view of a record, a recording or a set of photos —
 * not per HTTP request, range, chunk or thumbnail. The event's id is the viewing's token: the reads that make up
 * the viewing carry it (`?view=`), and a read by staff without one is a viewing of its own, so no staff read of
 * evidence escapes the record.
 */

/** How long one page view's token serves its reads (a long recording watched with pauses). */
const viewLifetimeMs = 12 * 60 * 60 * 1000;

type Viewer = Exclude<RecordActorInput, 'system'>;

/** Staff read the record: that page view is on the record; its token covers the thumbnails the page shows. */
export async function recordView(viewer: Viewer, inspectionId: string): Promise<string> {
  const event = await appendEvent({ inspectionId, type: 'viewed', actor: viewer, payload: { what: 'record' } });
  return event.id;
}

/** Staff open a recording or a set of photos (already checked to belong to the inspection). */
export async function openView(viewer: Viewer, inspectionId: string, request: OpenViewRequest): Promise<string> {
  const mediaIds = [...new Set(request.mediaIds)];
  const event = await appendEvent({ inspectionId, type: 'viewed', actor: viewer, payload: { what: request.what, mediaIds } });
  return event.id;
}

export interface ViewedMedia {
  mediaId: string;
  inspectionId: string;
  thumbnail: boolean;
  /** `start-end` of the bytes read, or null for the whole file. */
  range: string | null;
}

/**
 * A staff read of a file: with a token, it must be this viewer's recent viewing of this inspection that covers the
 * file (a record view covers thumbnails; a recording or photo view the files it named), else 403; without one, the
 * read is recorded as a viewing by itself, whatever range it starts at.
 */
export async function viewMedia(viewer: Viewer, media: ViewedMedia, viewId: string | undefined): Promise<void> {
  if (viewId === undefined) {
    await appendEvent({ inspectionId: media.inspectionId, type: 'viewed', actor: viewer, payload: { what: 'media', mediaId: media.mediaId, thumbnail: media.thumbnail, range: media.range } });
    return;
  }
  const event = viewId.startsWith(`${media.inspectionId}:`) ? await RecordEventModel.findById(viewId).lean<RecordEventDoc>() : null;
  if (!event || !covers(event, viewer, media)) throw new AppError('MEDIA.VIEW_INVALID');
}

function covers(event: RecordEventDoc, viewer: Viewer, media: ViewedMedia): boolean {
  if (event.type !== 'viewed' || event.actor.id !== String(viewer.id) || !(event.inspectionId instanceof Types.ObjectId)) return false;
  if (String(event.inspectionId) !== media.inspectionId || Date.now() - new Date(event.at).getTime() > viewLifetimeMs) return false;
  const { what, mediaIds } = event.payload as { what?: string; mediaIds?: unknown };
  if (what === 'record') return media.thumbnail;
  return (what === 'recording' || what === 'photos') && Array.isArray(mediaIds) && mediaIds.includes(media.mediaId);
}

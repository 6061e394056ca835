import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Photo } from '@ycta/shared';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../auth/auth.tokens';
import { registerMediaOwner } from '../media/media.service';
import { receiveOwnedPhoto, type PhotoLimits } from '../media/photos.service';
import { PresiteRequestModel } from './presite.model';
import { requestFor } from './presite.service';

/**
 * Site photos of a 预选址 request go through the same intake as inspection photos: type from the bytes, hash, EXIF or
 * phone time and place, the distance from the candidate point, `photo.stored` on the request's own chain. The point
 * is the applicant's own pick, so every distance is marked as not yet confirmed by staff.
 */

const maxPhotos = 9;

export async function addSitePhoto(user: AuthUser, id: string, req: IncomingMessage, deps: { limits: PhotoLimits; logger: Logger }): Promise<Photo> {
  const doc = await requestFor(user, id);
  if (doc.status === 'advised') throw new AppError('PRESITE.ALREADY_ADVISED', { message: '意见书已出具，不再补充现场照片' });
  if ((doc.photoIds ?? []).length >= maxPhotos) throw new AppError('PRESITE.PHOTO_LIMIT');
  const photo = await receiveOwnedPhoto(user, {
    _id: doc._id, site: { ...doc.site, origin: 'proposed' }, sessionStart: null,
    checkForm: async (form) => {
      if (form.checklistItemId || form.stillRequestId) throw new AppError('REQUEST.INVALID', { message: '预选址现场照片不属于任何踏勘要点' });
      return form;
    },
  }, req, deps);
  await PresiteRequestModel.updateOne({ _id: doc._id }, { $push: { photoIds: photo.id } });
  return photo;
}

/** A site photo is seen by whoever may see its request (its subject, staff). */
export function registerSitePhotoAccess(): void {
  registerMediaOwner((user, ownerId) => requestFor(user, ownerId).then(() => true, () => false));
}

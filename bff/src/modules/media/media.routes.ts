import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { mediaContract as c } from '@ycta/shared';
import type { Photo } from '@ycta/shared/contracts/media.contract';
import type { Config } from '../../config';
import { bind } from '../../lib/contract-router';
import { serveMedia } from './media.service';
import { listPhotos, receivePhoto } from './photos.service';
import { receiveWalkthrough } from './walkthroughs.service';
import type { RecordingUploads } from './recordings.tus';

export interface MediaDeps {
  config: Config;
  logger: Logger;
  recordings: RecordingUploads;
  /** A photo is stored (e.g. a requested still: the call is told at once). */
  onPhotoStored?: (photo: Photo) => void;
}

/** Photos and walk-through videos in, photos listed, every stored file served by id. Call recordings are created here and continue over tus (`recordings.tus.ts`). */
export function mediaRoutes(deps: MediaDeps) {
  const photoDeps = { limits: deps.config.media, logger: deps.logger };
  return [
    bind(c.uploadPhoto, async ({ params, user }, ctx) => {
      const photo = await receivePhoto(user, params.id, ctx.req as IncomingMessage, photoDeps);
      deps.onPhotoStored?.(photo);
      return photo;
    }),
    bind(c.uploadWalkthrough, ({ params, user }, ctx) => receiveWalkthrough(user, params.id, ctx.req as IncomingMessage, photoDeps)),
    bind(c.createRecordingUpload, ({ params, user }, ctx) => deps.recordings.create(ctx, user, params.id)),
    bind(c.listPhotos, ({ params, user }) => listPhotos(user, params.id)),
    bind(c.getMedia, ({ params, query, user }, ctx) => serveMedia(user, params.id, { thumb: query.thumb !== undefined, view: query.view }, ctx, { logger: deps.logger, cacheDir: deps.config.media.cacheDir })),
  ];
}

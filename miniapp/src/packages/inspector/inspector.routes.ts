import type { applicationsContract } from '@ycta/shared/contracts/applications.contract';
import type { creditContract } from '@ycta/shared/contracts/credit.contract';
import type { inspectionsContract } from '@ycta/shared/contracts/inspections.contract';
import type { mediaContract } from '@ycta/shared/contracts/media.contract';
import { route } from '../../api/route';

type Inspections = typeof inspectionsContract;

/** The routes the inspector's desk and room call, checked against their shared contracts by the compiler. */
export const inspectorRoutes = {
  listInspections: route<Inspections['listInspections']>('GET', '/inspections'),
  listApplications: route<(typeof applicationsContract)['listApplications']>('GET', '/applications'),
  getInspection: route<Inspections['getInspection']>('GET', '/inspections/:id'),
  offerSlots: route<Inspections['offerSlots']>('POST', '/inspections/:id/slots'),
  join: route<Inspections['join']>('POST', '/inspections/:id/join'),
  renewToken: route<Inspections['renewToken']>('POST', '/inspections/:id/token'),
  invite: route<Inspections['invite']>('POST', '/inspections/:id/invitations'),
  acceptInvitation: route<Inspections['acceptInvitation']>('POST', '/invitations/accept'),
  requestStill: route<Inspections['requestStill']>('POST', '/inspections/:id/stills'),
  judge: route<Inspections['judge']>('PUT', '/inspections/:id/checklist/:itemId'),
  conclude: route<Inspections['conclude']>('POST', '/inspections/:id/conclusion'),
  endCall: route<Inspections['endCall']>('POST', '/inspections/:id/end'),
  addOpinion: route<Inspections['addOpinion']>('POST', '/inspections/:id/opinions'),
  listPhotos: route<(typeof mediaContract)['listPhotos']>('GET', '/inspections/:id/photos'),
  flag: route<(typeof creditContract)['flag']>('POST', '/inspections/:id/flags'),
};

export const inspectorPages = {
  queue: '/packages/inspector/queue/index',
  room: (id: string) => `/packages/inspector/room/index?id=${encodeURIComponent(id)}`,
  /** The expert's page: what the invitation link opens (h5 hash route). */
  expert: (token: string) => `/packages/expert/opinion/index?invitation=${encodeURIComponent(token)}`,
};

/** The expert's own pages: 我的邀请, and the points and opinions of one inspection they were invited to. */
export const expertPages = {
  invitations: '/packages/expert/invitations/index',
  opinion: (id: string) => `/packages/expert/opinion/index?id=${encodeURIComponent(id)}`,
};

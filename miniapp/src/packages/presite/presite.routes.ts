import type { presiteContract } from '@ycta/shared/contracts/presite.contract';
import { route } from '../../api/route';

type Presite = typeof presiteContract;

/** The 预选址 routes the applicant's pages and the staff desk call, each checked against its shared contract. */
export const presiteRoutes = {
  listRules: route<Presite['listPresiteRules']>('GET', '/presite/rules'),
  create: route<Presite['createPresite']>('POST', '/presite/requests'),
  list: route<Presite['listPresite']>('GET', '/presite/requests'),
  get: route<Presite['getPresite']>('GET', '/presite/requests/:id'),
  review: route<Presite['reviewPresiteRule']>('PUT', '/presite/requests/:id/reviews/:ruleId'),
  advise: route<Presite['issuePresiteAdvice']>('POST', '/presite/requests/:id/advice'),
  startLook: route<Presite['startPresiteLook']>('POST', '/presite/requests/:id/call'),
  uploadPhoto: route<Presite['uploadPresitePhoto']>('POST', '/presite/requests/:id/photos'),
  figures: route<Presite['presiteFigures']>('GET', '/presite/figures'),
};

export const presitePages = {
  request: '/packages/presite/request/index',
  detail: (id: string) => `/packages/presite/detail/index?id=${encodeURIComponent(id)}`,
  desk: '/packages/staff/presite/index',
};

export const letterPath = (id: string) => `/presite/requests/${encodeURIComponent(id)}/letter`;

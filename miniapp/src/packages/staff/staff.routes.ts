import type { applicationsContract } from '@ycta/shared/contracts/applications.contract';
import type { inspectionsContract } from '@ycta/shared/contracts/inspections.contract';
import type { ledgerContract } from '@ycta/shared/contracts/ledger.contract';
import type { statsContract } from '@ycta/shared/contracts/stats.contract';
import type { creditContract } from '@ycta/shared/contracts/credit.contract';
import type { mediaContract } from '@ycta/shared/contracts/media.contract';
import { route } from '../../api/route';

type Inspections = typeof inspectionsContract;
type Ledger = typeof ledgerContract;
type Media = typeof mediaContract;

/** The routes the review desk calls, each checked against its shared contract by the compiler. */
export const staffRoutes = {
  listInspections: route<Inspections['listInspections']>('GET', '/inspections'),
  getInspection: route<Inspections['getInspection']>('GET', '/inspections/:id'),
  record: route<Ledger['record']>('GET', '/inspections/:id/record'),
  verify: route<Ledger['verify']>('GET', '/inspections/:id/verify'),
  openView: route<Ledger['openView']>('POST', '/inspections/:id/views'),
  listPhotos: route<Media['listPhotos']>('GET', '/inspections/:id/photos'),
  flags: route<(typeof creditContract)['flags']>('GET', '/inspections/:id/flags'),
  listApplications: route<(typeof applicationsContract)['listApplications']>('GET', '/applications'),
  getApplication: route<(typeof applicationsContract)['getApplication']>('GET', '/applications/:id'),
  inspectorLoads: route<(typeof applicationsContract)['inspectorLoads']>('GET', '/inspectors'),
  assign: route<(typeof applicationsContract)['assignApplication']>('POST', '/applications/:id/assignment'),
  decideRemote: route<(typeof creditContract)['decideRemote']>('POST', '/applications/:id/remote-requests/decision'),
  subjectCredit: route<(typeof creditContract)['subjectHistory']>('GET', '/subjects/:id/credit-records'),
  officeStats: route<(typeof statsContract)['officeStats']>('GET', '/stats'),
};

/** Pages of the review desk (h5 subpackage). */
export const staffPages = {
  reviews: '/packages/staff/reviews/index',
  review: (id: string) => `/packages/staff/review/index?id=${encodeURIComponent(id)}`,
  report: (id: string) => `/packages/staff/report/index?id=${encodeURIComponent(id)}`,
  figures: '/packages/staff/figures/index',
  presite: '/packages/staff/presite/index',
  repairs: '/packages/staff/repairs/index',
  acceptance: '/packages/staff/acceptance/index',
  approvals: '/packages/staff/approvals/index',
  assignment: '/packages/staff/assignment/index',
};

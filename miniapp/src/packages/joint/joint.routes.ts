import type { departmentsContract } from '@ycta/shared/contracts/departments.contract';
import type { jointContract } from '@ycta/shared/contracts/joint.contract';
import { route } from '../../api/route';

type Joint = typeof jointContract;

/** The routes the joint-inspection desks and the business's page call, each checked against its shared contract. */
export const jointRoutes = {
  listScenes: route<Joint['listScenes']>('GET', '/joint/scenes'),
  listDepartments: route<(typeof departmentsContract)['listDepartments']>('GET', '/departments'),
  listCandidates: route<Joint['listCandidates']>('GET', '/joint/scenes/:code/candidates'),
  createPlan: route<Joint['createPlan']>('POST', '/joint/plans'),
  listPlans: route<Joint['listPlans']>('GET', '/joint/plans'),
  getPlan: route<Joint['getPlan']>('GET', '/joint/plans/:id'),
  redoDraw: route<Joint['redoDraw']>('POST', '/joint/plans/:id/redo-draw'),
  listVisits: route<Joint['listVisits']>('GET', '/joint/visits'),
  getVisit: route<Joint['getVisit']>('GET', '/joint/visits/:id'),
  bookVisit: route<Joint['bookVisit']>('POST', '/joint/visits/:id/booking'),
  judgeItem: route<Joint['judgeItem']>('PUT', '/joint/visits/:id/departments/:departmentCode/items/:itemId'),
  conclude: route<Joint['conclude']>('POST', '/joint/visits/:id/conclusion'),
  recheck: route<Joint['recheck']>('POST', '/joint/visits/:id/rectifications/:rectificationId/recheck'),
  startCall: route<Joint['startCall']>('POST', '/joint/visits/:id/call'),
  verifyVisit: route<Joint['verifyVisit']>('GET', '/joint/visits/:id/verify'),
  stats: route<Joint['stats']>('GET', '/joint/stats'),
};

export const jointPages = {
  plans: '/packages/joint/plans/index',
  visits: '/packages/joint/visits/index',
  visit: (id: string) => `/packages/joint/visit/index?id=${encodeURIComponent(id)}`,
};

import type { materialsContract } from '@ycta/shared/contracts/materials.contract';
import { route } from '../../../api/route';

type Materials = typeof materialsContract;

/** The routes the acceptance desk (受理) calls, each checked against its shared contract by the compiler. */
export const acceptanceRoutes = {
  queue: route<Materials['acceptanceQueue']>('GET', '/acceptance/queue'),
  getMaterials: route<Materials['getMaterials']>('GET', '/applications/:id/materials'),
  decide: route<Materials['decideAcceptance']>('POST', '/applications/:id/acceptance'),
  refuse: route<Materials['refuseAcceptance']>('POST', '/applications/:id/acceptance/refusal'),
  judge: route<Materials['judgeCommitment']>('POST', '/applications/:id/materials/:materialId/check'),
};

export const acceptancePage = '/packages/staff/acceptance/index';

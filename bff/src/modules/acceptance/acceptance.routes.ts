import type { IncomingMessage } from 'node:http';
import { materialsContract as c } from '@ycta/shared';
import type { Config } from '../../config';
import { bind } from '../../lib/contract-router';
import { chooseMaterial, openCase, submitMaterials, uploadMaterial } from './acceptance.applicant';
import { judgeCommitment } from './acceptance.checks';
import { acceptanceQueue, decideAcceptance, refuseAcceptance } from './acceptance.desk';
import { toMaterialsView, toQueueItem } from './acceptance.view';

export function acceptanceRoutes(deps: { config: Config }) {
  return [
    bind(c.getMaterials, async ({ user, params }) => toMaterialsView(await openCase(user, params.id))),
    bind(c.uploadMaterial, async ({ user, params }, ctx) =>
      toMaterialsView(await uploadMaterial(user, params.id, params.materialId, ctx.req as IncomingMessage, deps.config.media))),
    bind(c.chooseMaterial, async ({ user, params, body }) => toMaterialsView(await chooseMaterial(user, params.id, params.materialId, body))),
    bind(c.submitMaterials, async ({ user, params }) => toMaterialsView(await submitMaterials(user, params.id))),
    bind(c.decideAcceptance, async ({ user, params, body }) => toMaterialsView(await decideAcceptance(user, params.id, body))),
    bind(c.refuseAcceptance, async ({ user, params, body }) => toMaterialsView(await refuseAcceptance(user, params.id, body.reason))),
    bind(c.acceptanceQueue, async () => ({ items: (await acceptanceQueue()).map(toQueueItem) })),
    bind(c.judgeCommitment, async ({ user, params, body }) => toMaterialsView(await judgeCommitment(user, params.id, params.materialId, body))),
  ];
}

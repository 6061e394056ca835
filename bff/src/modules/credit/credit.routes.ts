import { creditContract as c } from '@ycta/shared';
import type { Notifier } from '../../infra/notify/notifier';
import { bind } from '../../lib/contract-router';
import { flagFalseMaterial, listFlags } from './credit-penalties.service';
import { creditHistory, importCreditCsv, setCreditTier, subjectCreditHistory } from './credit-records.service';
import { decideRemoteRequest, requestRemoteInspection, type InspectionCreator } from './credit.service';

export function creditRoutes(deps: { createInspection?: InspectionCreator; notifier?: Notifier } = {}) {
  return [
    bind(c.requestRemote, ({ user, params }) => requestRemoteInspection(user, params.id, deps)),
    bind(c.decideRemote, ({ user, params, body }) => decideRemoteRequest(user, params.id, body, deps)),
    bind(c.setTier, ({ user, body }) => setCreditTier(user, body)),
    bind(c.history, async ({ query }) => ({ items: await creditHistory(query.uscc) })),
    bind(c.subjectHistory, async ({ params }) => ({ items: await subjectCreditHistory(params.id) })),
    bind(c.importCsv, ({ user, body }) => importCreditCsv(user, body.csv)),
    bind(c.flag, ({ user, params, body }) => flagFalseMaterial(user, params.id, body)),
    bind(c.flags, async ({ user, params }) => ({ items: await listFlags(user, params.id) })),
  ];
}

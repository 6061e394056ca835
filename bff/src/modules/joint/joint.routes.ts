import { jointContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import { verifyInspectionChain } from '../ledger/ledger.service';
import { createPlan, getPlan, listCandidates, listPlans, redoDraw } from './joint.plans';
import { currentFrequencyTable, listScenes, putFrequencyTable, putScene } from './joint.scenes';
import { jointStats } from './joint.stats';
import { jointCallCase, startVisitCall } from './joint.calls';
import { registerCallCase } from '../inspections/inspections.calls';
import { bookVisit, concludeVisit, getVisit, judgeItem, listVisits, recheck, visitForVerify } from './joint.visits';

const policyOut = (d: Awaited<ReturnType<typeof currentFrequencyTable>>) => ({ ...d.table, updatedAt: d.updatedAt.toISOString() });

export function jointRoutes(deps: { officeCode: string }) {
  registerCallCase('joint-visit', jointCallCase);
  return [
    bind(c.listScenes, async () => ({ items: await listScenes() })),
    bind(c.putScene, ({ user, params, body }) => putScene(user, params.code, body)),
    bind(c.listCandidates, async ({ params }) => ({ items: await listCandidates(params.code, { code: deps.officeCode }) })),
    bind(c.getFrequencyPolicy, async () => policyOut(await currentFrequencyTable())),
    bind(c.putFrequencyPolicy, async ({ user, body }) => policyOut(await putFrequencyTable(user, body))),
    bind(c.createPlan, ({ user, body }) => createPlan(user, body, { code: deps.officeCode })),
    bind(c.listPlans, async () => ({ items: await listPlans() })),
    bind(c.getPlan, ({ params }) => getPlan(params.id)),
    bind(c.redoDraw, ({ params }) => redoDraw(params.id)),
    bind(c.listVisits, async ({ user, query }) => ({ items: await listVisits(user, query) })),
    bind(c.getVisit, ({ user, params }) => getVisit(user, params.id)),
    bind(c.bookVisit, ({ user, params, body }) => bookVisit(user, params.id, new Date(body.start))),
    bind(c.judgeItem, ({ user, params, body }) => judgeItem(user, params.id, params.departmentCode, params.itemId, body)),
    bind(c.conclude, ({ user, params, body }) => concludeVisit(user, params.id, body.requirements)),
    bind(c.recheck, ({ user, params, body }) => recheck(user, params.id, params.rectificationId, body)),
    bind(c.startCall, ({ user, params }) => startVisitCall(user, params.id)),
    bind(c.verifyVisit, async ({ user, params }) => {
      const v = await visitForVerify(user, params.id);
      const r = await verifyInspectionChain(v._id);
      return { ok: r.ok, length: r.length, headHash: r.headHash, ...(r.firstBroken ? { firstBroken: { seq: r.firstBroken.seq, reason: r.firstBroken.reason } } : {}) };
    }),
    bind(c.stats, () => jointStats()),
  ];
}

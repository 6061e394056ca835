import type { IncomingMessage } from 'node:http';
import { creditRepairContract as c } from '@ycta/shared';
import type { Config } from '../../config';
import { bind, type Mounted } from '../../lib/contract-router';
import { exportBundle } from '../ledger/ledger.bundle';
import { verifyInspectionChain } from '../ledger/ledger.service';
import { addRecord, importRecords, myCredit } from './dishonesty-records.service';
import { findVisibleCase, getRepairCase, listRepairCases, submitRepairCase } from './repair-cases.service';
import { decideRepairItem } from './repair-decisions.service';
import { currentRepairPolicy, publishRepairPolicy } from './repair-policy.service';
import { receiveProof, serveProof } from './repair-proofs.service';
import { repairStats } from './repair-stats.service';

/** 信用修复一件事: records, proofs, cases decided per record by each department, the case's chain, figures. */
export function creditRepairRoutes(deps: { config: Config }): Mounted[] {
  return [
    bind(c.myCredit, ({ user }) => myCredit(user)),
    bind(c.addRecord, ({ user, body }) => addRecord(user, body)),
    bind(c.importRecords, ({ user, body }) => importRecords(user, body.csv)),
    bind(c.uploadProof, ({ user }, ctx) => receiveProof(user, ctx.req as IncomingMessage, deps.config.media.photoMaxBytes)),
    bind(c.proof, ({ user, params }, ctx) => serveProof(user, params.id, ctx)),
    bind(c.submit, ({ user, body }) => submitRepairCase(user, body)),
    bind(c.cases, async ({ user, query }) => ({ items: await listRepairCases(user, query.state) })),
    bind(c.case, ({ user, params }) => getRepairCase(user, params.id)),
    bind(c.decide, ({ user, params, body }) => decideRepairItem(user, params.id, params.recordId, body)),
    bind(c.verify, async ({ user, params }) => {
      await findVisibleCase(user, params.id);
      return verifyInspectionChain(params.id);
    }),
    bind(c.exportBundle, async ({ user, params }, ctx) => {
      await findVisibleCase(user, params.id);
      const bundle = await exportBundle(params.id, { id: user.id, role: user.role });
      ctx.type = 'application/x-tar';
      ctx.attachment(`repair-${params.id}-record.tar`);
      ctx.body = bundle;
    }),
    bind(c.policy, () => currentRepairPolicy()),
    bind(c.putPolicy, ({ user, body }) => publishRepairPolicy(user, body)),
    bind(c.stats, () => repairStats()),
  ];
}

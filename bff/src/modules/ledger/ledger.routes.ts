import { ledgerContract } from '@ycta/shared';
import { bind, type Mounted } from '../../lib/contract-router';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import { appendEvent, listEvents, verifyInspectionChain } from './ledger.service';
import { exportBundle } from './ledger.bundle';

const isStaff = (user: AuthUser) => user.role === 'staff' || user.role === 'admin';

export function ledgerRoutes(): Mounted[] {
  return [
    bind(ledgerContract.record, async ({ params, user }) => {
      await findAccessibleInspection(user, params.id);
      // staff reading a record is itself a fact of the record: who looked, when
      if (isStaff(user)) await appendEvent({ inspectionId: params.id, type: 'viewed', actor: user, payload: { what: 'record' } });
      return { inspectionId: params.id, events: await listEvents(params.id) };
    }),
    bind(ledgerContract.verify, async ({ params, user }) => {
      await findAccessibleInspection(user, params.id);
      return verifyInspectionChain(params.id);
    }),
    bind(ledgerContract.exportBundle, async ({ params, user }, ctx) => {
      await findAccessibleInspection(user, params.id);
      const bundle = await exportBundle(params.id, user);
      ctx.type = 'application/x-tar';
      ctx.attachment(`inspection-${params.id}-record.tar`);
      ctx.body = bundle;
    }),
  ];
}

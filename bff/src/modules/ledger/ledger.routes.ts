import { Types } from 'mongoose';
import { ledgerContract } from '@ycta/shared';
import { bind, type Mounted } from '../../lib/contract-router';
import type { AuthUser } from '../auth/auth.tokens';
import { findAccessibleInspection } from '../inspections/inspections.access';
import { requireMediaOf } from '../media/media.model';
import { listEvents, verifyInspectionChain } from './ledger.service';
import { openView, recordView } from './ledger.views';
import { exportBundle } from './ledger.bundle';

const isStaff = (user: AuthUser) => user.role === 'staff' || user.role === 'admin';

export function ledgerRoutes(): Mounted[] {
  return [
    bind(ledgerContract.record, async ({ params, user }) => {
      await findAccessibleInspection(user, params.id);
      // staff reading a record is itself a fact of the record: who looked, when (one event per page view)
      const viewId = isStaff(user) ? await recordView(user, params.id) : undefined;
      return { inspectionId: params.id, events: await listEvents(params.id), ...(viewId ? { viewId } : {}) };
    }),
    bind(ledgerContract.openView, async ({ params, body, user }) => {
      await findAccessibleInspection(user, params.id);
      await requireMediaOf(new Types.ObjectId(params.id), body.mediaIds, 'body.mediaIds');
      return { viewId: await openView(user, params.id, body) };
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

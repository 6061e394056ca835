import type { Logger } from 'pino';
import { applicationsContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import type { AuthUser } from '../auth/auth.tokens';
import { currentClock } from '../calendar/calendar.service';
import type { ApplicationRecord } from './applications.model';
import {
  assignInspectors, createApplication, getApplicationForUser, inspectorLoads, listApplications, withdrawApplication,
} from './applications.service';
import { confirmSite } from './applications.site';
import { toDetail, toSummary } from './applications.view';

export function applicationsRoutes(deps: { logger: Logger }) {
  const detail = async (app: ApplicationRecord, user: AuthUser) => {
    const reply = toDetail(app, user, await currentClock());
    if (!reply.deadline.covered) {
      // DESIGN.md: past the covered years the clock falls back to Monday–Friday and says so in the log too
      deps.logger.warn({ applicationId: reply.id, dueOn: reply.deadline.dueOn }, 'deadline computed past the covered calendar years (Monday–Friday fallback)');
    }
    return reply;
  };
  return [
    bind(c.listApplications, async ({ user, query }) => {
      const { items, nextCursor } = await listApplications(user, query);
      return { items: items.map(toSummary), nextCursor };
    }),
    bind(c.createApplication, async ({ user, body }) => detail(await createApplication(user, body), user)),
    bind(c.getApplication, async ({ user, params }) => detail(await getApplicationForUser(user, params.id), user)),
    bind(c.withdrawApplication, async ({ user, params, body }) => detail(await withdrawApplication(user, params.id, body.reason), user)),
    bind(c.confirmSite, async ({ user, params, body }) => detail(await confirmSite(user, await getApplicationForUser(user, params.id), body), user)),
    bind(c.inspectorLoads, async () => ({ items: await inspectorLoads() })),
    bind(c.assignApplication, async ({ user, params, body }) =>
      detail(await assignInspectors(user, params.id, body.inspectorIds, body.reason), user)),
  ];
}

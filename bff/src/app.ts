import type { IncomingMessage, Server } from 'node:http';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type pino from 'pino';
import { createLogger } from './lib/logger';
import type { Config } from './config';
import { requestContext } from './lib/request-context';
import { errorMiddleware } from './lib/error-middleware';
import { refuseMalformedUrls } from './lib/malformed-requests';
import { contentSecurityPolicy } from './lib/content-security-policy';
import { bind, matchedRoute, mountAll, type Mounted } from './lib/contract-router';
import { openApiDocument } from './lib/openapi';
import { staticFiles } from './lib/static-files';
import { rateLimit } from './lib/rate-limit';
import { clientAddress } from './lib/client-address';
import { createWechatClient } from './infra/wechat';
import { bearerAuthenticator, signRoomPass, tokenKeys } from './modules/auth/auth.tokens';
import { createAuthService } from './modules/auth/auth.service';
import { authRoutes } from './modules/auth/auth.routes';
import { failFastWhileDatabaseRefuses } from './lib/db-fail-fast';
import { healthRoutes } from './modules/health/health.routes';
import { mattersRoutes } from './modules/matters/matters.routes';
import { subjectsRoutes } from './modules/subjects/subjects.routes';
import { applicationsRoutes } from './modules/applications/applications.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { ledgerRoutes } from './modules/ledger/ledger.routes';
import { reportsRoutes } from './modules/reports/reports.routes';
import { createCreditProvider } from './infra/credit/create-credit-provider';
import { creditRoutes } from './modules/credit/credit.routes';
import { useCreditProvider } from './modules/credit/credit.service';
import { createPenaltyOutbox } from './modules/credit/penalty-outbox';
import { creditRepairRoutes } from './modules/credit-repair/credit-repair.routes';
import { createRepairOutbox } from './modules/credit-repair/repair-outbox';
import { useRepairOutbox } from './modules/credit-repair/repair-decisions.service';
import { inspectionsRoutes } from './modules/inspections/inspections.routes';
import { statsRoutes } from './modules/stats/stats.routes';
import { departmentsRoutes } from './modules/departments/departments.routes';
import { jointRoutes } from './modules/joint/joint.routes';
import { presiteRoutes } from './modules/presite/presite.routes';
import { mediaRoutes } from './modules/media/media.routes';
import { setCacheBudget } from './infra/media-cache';
import { recordingUploads } from './modules/media/recordings.tus';
import { announceStill, createInspectionSignalling } from './modules/inspections/inspections.signalling';
import { createInspectionNotifier } from './modules/inspections/inspections.notices';
import { createInspectionForApplication } from './modules/inspections/inspections.service';
import { createReminderScheduler } from './modules/inspections/inspections.reminders';
import { acceptanceRoutes } from './modules/acceptance/acceptance.routes';
import { createSupplementSweeper } from './modules/acceptance/acceptance.desk';
import { z } from 'zod';

export const version = '0.1.0';

const openApiContract = {
  method: 'GET', path: '/openapi.json', summary: 'OpenAPI 文档', auth: 'public',
  responses: { 200: z.record(z.string(), z.unknown()) },
} as const;

/** Builds the Koa app from its middleware and the routes of every module. Does not listen. */
export function createApp(config: Config, opts: { logDestination?: pino.DestinationStream } = {}) {
  const app = new Koa({ asyncLocalStorage: true, proxy: false });
  const logger = createLogger(config.logLevel, () => app, opts.logDestination);
  const keys = tokenKeys(config.auth.jwtSecret, config.auth.accessTtlSeconds);
  if (config.media.cacheDir) setCacheBudget(config.media.cacheDir, config.media.cacheMaxBytes);
  const wechat = createWechatClient(config.wechat);
  const auth = createAuthService({ keys, refreshTtlDays: config.auth.refreshTtlDays, devLogin: config.auth.devLogin, wechat });

  const creditProvider = createCreditProvider(config.credit);
  useCreditProvider(creditProvider);
  // delivers credit penalties; main.ts starts and stops it (tests drain it by hand)
  const penaltyOutbox = createPenaltyOutbox(creditProvider, { logger });
  // forwards approved credit repairs the same way; main.ts starts and stops it
  const repairOutbox = createRepairOutbox(creditProvider, { logger });
  useRepairOutbox(repairOutbox, logger);

  // local-mode call signalling: main.ts / the test harness attach it to their HTTP server
  const addressOf = (req: IncomingMessage) => clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustedProxies);
  const signalling = createInspectionSignalling(logger, { clientAddress: addressOf });
  const notifier = createInspectionNotifier({ logger, wechat: config.wechat, templateId: config.reminders.templateId });
  // reminds applicants before their booked calls; main.ts starts and stops it
  const reminders = createReminderScheduler(notifier, logger);
  // stops the clock of applications whose 容缺 supplement deadline passed; main.ts starts and stops it
  const supplementSweeper = createSupplementSweeper({ notifier, logger });

  // resumable recording uploads (tus): created through the router, continued by their own middleware below
  const recordings = recordingUploads({ config, logger, authenticate: bearerAuthenticator(keys) });

  const routes: Mounted[] = [
    ...healthRoutes(version),
    ...authRoutes(auth),
    ...mattersRoutes(),
    ...subjectsRoutes(),
    ...applicationsRoutes({ logger }),
    ...calendarRoutes({ logger }),
    ...ledgerRoutes(),
    ...reportsRoutes(),
    ...creditRoutes({ createInspection: createInspectionForApplication, notifier }),
    ...inspectionsRoutes({ config, logger, signalling, notifier, roomPass: (user, inspectionId, expiresAt) => signRoomPass(keys, user, inspectionId, expiresAt) }),
    ...statsRoutes(),
    ...departmentsRoutes(),
    ...creditRepairRoutes({ config }),
    ...jointRoutes({ officeCode: config.officeCode }),
    ...presiteRoutes({ config, logger }),
    ...mediaRoutes({ config, logger, recordings, onPhotoStored: (photo) => announceStill(signalling, photo) }),
    ...acceptanceRoutes({ config }),
  ];
  const contracts = [...routes.map((r) => r.contract), openApiContract];
  const document = openApiDocument(contracts, version);
  routes.push(bind(openApiContract, () => document as unknown as Record<string, unknown>));

  const api = mountAll(routes, bearerAuthenticator(keys, { roomPasses: 'allowed' }));
  api.prefix('/api');

  app.use(requestContext(logger));
  app.use(errorMiddleware(logger));
  app.use(refuseMalformedUrls());
  app.use(failFastWhileDatabaseRefuses);
  // helmet's other headers; the policy itself is ours (it hashes the H5 build's inline script)
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(contentSecurityPolicy({ staticDir: config.staticDir, agoraHosts: config.agora.cspHosts }));
  app.use(cors({ origin: (ctx) => (config.corsOrigins.includes(ctx.get('origin')) ? ctx.get('origin') : ''), credentials: false }));
  app.use(rateLimit({
    rules: [
      { name: 'auth', match: (method, route) => method === 'POST' && route.startsWith('/api/auth/'), perMinute: config.rateLimits.authPerMinute },
      { name: 'upload', match: (method, route) => method !== 'GET' && method !== 'HEAD' && /^\/api\/(inspections\/[^/]+\/(photos|walkthroughs|recordings)|presite\/requests\/[^/]+\/photos|applications\/[^/]+\/materials\/[^/]+\/files)/.test(route), perMinute: config.rateLimits.uploadPerMinute },
    ],
    routeOf: (ctx) => matchedRoute(api, ctx.path, ctx.method) ?? ctx.path,
    addressOf: (ctx) => addressOf(ctx.req),
  }));
  // tus resumable recording uploads: raw request streams, before any body parsing
  app.use(recordings.middleware);
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: config.jsonBodyLimit, encoding: 'utf-8' }));
  app.use(api.routes());
  app.use(api.allowedMethods());
  if (config.staticDir) app.use(staticFiles(config.staticDir));
  // errors Koa could not turn into a reply (a client gone mid-stream): to the JSON log, not Koa's stderr printer
  app.on('error', (err: Error & { code?: string }) => logger.warn({ err: { message: err.message, code: err.code } }, 'response stream error'));

  const attachSignalling = (server: Server) => signalling.attach(server);
  return { app, logger, routes, document, attachSignalling, signalling, reminders, services: { auth, creditProvider, penaltyOutbox, supplementSweeper, repairOutbox } };
}
export type App = ReturnType<typeof createApp>;

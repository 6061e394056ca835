import type { Server } from 'node:http';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { loadConfig } from './config';
import { createApp } from './app';
import { connectDatabase, disconnectDatabase, syncIndexes } from './infra/db';
import { createHttpServer } from './lib/http-server';

/** Listens, or fails with what to do about it (a port in use is the usual case) instead of crashing the process. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((ok, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      fail(err.code === 'EADDRINUSE'
        ? new Error(`port ${port} on ${host} is already in use: stop what is using it, or start with PORT set to a free port`)
        : err.code === 'EACCES' ? new Error(`not allowed to listen on port ${port}: use a port above 1023 (PORT=…)`) : err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      ok();
    });
  });
}

/** Starts the BFF: config → database → listen; stops cleanly on SIGINT/SIGTERM. */
export async function startBff(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  await connectDatabase(config.mongodbUri, undefined, { selectionTimeoutMs: config.dbSelectionTimeoutMs });
  await syncIndexes();
  const { app, logger, services, attachSignalling, signalling, reminders } = createApp(config);
  const server = createHttpServer(app.callback(), logger);
  attachSignalling(server);
  try {
    await listen(server, config.port, config.host);
  } catch (err) {
    signalling.close();
    await disconnectDatabase();
    throw err;
  }
  services.penaltyOutbox.start();
  services.repairOutbox.start();
  // sessions that can no longer be used are pruned hourly (and once now): the refresh lookup stays small
  const pruneSessions = () => void services.auth.pruneSessions().catch((err: Error) => logger.warn({ err: err.message }, 'session pruning failed'));
  pruneSessions();
  const pruning = setInterval(pruneSessions, 3_600_000).unref();
  reminders.start();
  services.supplementSweeper.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, host: config.host }, 'BFF listening');
  const stop = async () => {
    await services.penaltyOutbox.stop();
    await services.repairOutbox.stop();
    clearInterval(pruning);
    reminders.stop();
    services.supplementSweeper.stop();
    signalling.close();
    await new Promise<void>((ok) => server.close(() => ok()));
    server.closeAllConnections();
    await disconnectDatabase();
  };
  return { server, port, stop, logger, config, app, services };
}

/**
 * The last resort: an error nothing else handled is logged with the request it came from (when Koa's async context
 * still knows it). A rejected promise nobody awaited is logged and the process goes on; an uncaught exception leaves
 * the process in an unknown state, so it stops (its supervisor, `npm start` or systemd, starts it again).
 */
export function installLastResort(logger: Logger, app: Koa, stop: () => Promise<void>) {
  const requestId = () => (app.currentContext?.state as { requestId?: string } | undefined)?.requestId;
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason instanceof Error ? reason : { message: String(reason) }, requestId: requestId() }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin, requestId: requestId() }, 'uncaught exception: stopping');
    const exit = () => process.exit(1);
    setTimeout(exit, 5_000).unref();
    stop().then(exit, exit);
  });
}

if (require.main === module) {
  startBff().then(({ stop, logger, app }) => {
    installLastResort(logger, app, stop);
    const onSignal = (signal: string) => {
      logger.info({ signal }, 'stopping');
      stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // run by `npm start`'s supervisor: when it goes away (killed too), this BFF stops rather than hold the port alone
    if (process.send) process.once('disconnect', () => onSignal('supervisor gone'));
  }, (err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}

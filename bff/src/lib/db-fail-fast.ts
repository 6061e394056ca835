import type { Middleware } from 'koa';
import { databaseRefuses, onRefusal } from '../infra/db';
import { AppError } from './app-error';

/**
 * A dead database is reported at once, a slow one waited for: while the database refuses connections an API request
 * answers 503 DB.UNAVAILABLE straight away, and one already waiting when it starts refusing is answered then, not when
 * the driver's (generous) bound runs out. A response already streaming (tus, media) is left to finish or fail itself.
 */
export const failFastWhileDatabaseRefuses: Middleware = async (ctx, next) => {
  if (!ctx.path.startsWith('/api/') || ctx.path === '/api/health') return next();
  if (databaseRefuses()) throw new AppError('DB.UNAVAILABLE');
  let stop = () => undefined as void;
  const refused = new Promise<never>((_ok, fail) => {
    stop = onRefusal(() => {
      if (ctx.respond !== false && !ctx.headerSent) fail(new AppError('DB.UNAVAILABLE'));
    });
  });
  const handled = next();
  handled.catch(() => undefined); // answered 503 already if the race was lost; its own failure is then moot
  try {
    await Promise.race([handled, refused]);
  } finally {
    stop();
  }
};

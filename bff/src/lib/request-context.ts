import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Middleware } from 'koa';

const incomingId = /^[A-Za-z0-9._-]{8,64}$/;

/** Request id (taken from a sane `x-request-id` or made anew) and one access-log line per request. */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('x-request-id');
    ctx.state.requestId = incomingId.test(header) ? header : randomUUID();
    ctx.set('x-request-id', ctx.state.requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, userId: ctx.state.user?.id }, 'request');
    }
  };
}

import pino, { type Logger } from 'pino';
import type Koa from 'koa';

/** JSON logs; the request id of the current request is added from Koa's async context. */
export function createLogger(level: string, app?: () => Koa, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ycta-bff' },
      mixin() {
        const ctx = app?.()?.currentContext;
        return ctx?.state?.requestId ? { requestId: ctx.state.requestId } : {};
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.refreshToken', '*.accessToken', '*.ticket', '*.idNumber', '*.phone'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

import type { Logger } from 'pino';
import type { Middleware } from 'koa';
import { mongo } from 'mongoose';
import { errorCatalogue, type ErrorBody } from '@ycta/shared';
import { AppError } from './app-error';

function fromFramework(err: { status?: number; type?: string; expose?: boolean; code?: unknown }): AppError | null {
  // a body that is not the gzip/deflate/brotli its Content-Encoding claims fails in zlib (Z_DATA_ERROR, Z_BUF_ERROR…)
  if (typeof err.code === 'string' && /^(Z_|ERR__?ZLIB|ERR_BROTLI)/.test(err.code)) {
    return new AppError('REQUEST.INVALID', { message: '请求内容与其声明的压缩编码（Content-Encoding）不符' });
  }
  // errors raised by koa, bodyparser and raw-body carry an HTTP status and a type
  if (err.type === 'entity.too.large' || err.status === 413) return new AppError('REQUEST.TOO_LARGE');
  if (err.type === 'entity.parse.failed') return new AppError('REQUEST.INVALID', { message: '请求内容不是有效的 JSON' });
  if (err.status === 415) return new AppError('REQUEST.UNSUPPORTED_TYPE');
  if (err.status && err.status >= 400 && err.status < 500) {
    return new AppError('REQUEST.INVALID', { message: errorCatalogue['REQUEST.INVALID'].message });
  }
  return null;
}

const { MongoNetworkError, MongoServerSelectionError, MongoNotConnectedError, MongoTopologyClosedError, MongoServerClosedError, MongoClientClosedError } = mongo;
/** Driver errors that mean "no database to talk to" (timeouts and cleared pools are network errors too). */
const unavailableClasses = [MongoNetworkError, MongoServerSelectionError, MongoNotConnectedError, MongoTopologyClosedError, MongoServerClosedError, MongoClientClosedError];
/** The same by name, for errors that do not share the classes (mongoose's own, the pool's closed and wait-queue errors). */
const unavailableNames = /^(MongooseServerSelectionError|MongoPoolClosedError|MongoPoolClearedError|MongoWaitQueueTimeoutError)$/;
/**
 * Socket failures the driver lets through unwrapped: writing a command to a connection the killed server had just
 * half-closed raises Node's own EPIPE ("This socket has been ended by the other party").
 */
const socketCodes = /^(EPIPE|ECONNRESET|ECONNREFUSED|ECONNABORTED|ERR_SOCKET_CLOSED|ERR_STREAM_DESTROYED)$/;

export function isDbUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  if (unavailableClasses.some((type) => err instanceof type)) return true;
  const { name = '', message = '', code } = err as { name?: string; message?: string; code?: unknown };
  if (unavailableNames.test(name)) return true;
  if (typeof code === 'string' && socketCodes.test(code)) return true;
  if (name === 'MongooseError' && /buffering timed out|not connected/i.test(message)) return true;
  return isDbUnavailable((err as { cause?: unknown }).cause, depth + 1);
}

/** The one place errors become replies: `{ error: { code, message, requestId } }`, never a stack trace. */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('ROUTE.NOT_FOUND');
      // the router's bare 405 (a known path, another method): in the one error shape, its Allow header kept
      if (ctx.status === 405 && !ctx.body) throw new AppError('ROUTE.METHOD_NOT_ALLOWED');
    } catch (raw) {
      const err = raw instanceof AppError ? raw
        : isDbUnavailable(raw) ? new AppError('DB.UNAVAILABLE', { cause: raw })
        : fromFramework(raw as object) ?? new AppError('INTERNAL', { cause: raw });
      if (err.status >= 500) logger.error({ err: raw, code: err.code }, 'request failed');
      else logger.info({ code: err.code, status: err.status }, 'request refused');
      const body: ErrorBody = { error: { code: err.code, message: err.message, requestId: ctx.state.requestId } };
      if (err.details !== undefined) body.error.details = err.details;
      ctx.status = err.status;
      ctx.body = body;
      if (err.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
    }
  };
}

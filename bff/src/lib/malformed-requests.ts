import type { Middleware } from 'koa';
import { AppError } from './app-error';

/** A `%` not followed by two hex digits. */
const badEscape = /%(?![0-9a-fA-F]{2})/;

function refuse(what: string): never {
  throw new AppError('REQUEST.INVALID', { message: `请求地址不正确：${what}` });
}

/**
 * Refuses, before anything reads them, URLs no client of ours sends: a NUL byte (raw or `%00`) anywhere, a broken
 * percent-escape, or escapes that do not decode to UTF-8. Later code (the router, the static files, the query
 * parser) can then decode without a failure turning into a 500.
 */
export function refuseMalformedUrls(): Middleware {
  return async (ctx, next) => {
    const url = ctx.url;
    if (url.includes('\0') || /%00/.test(url)) refuse('含有空字符');
    if (badEscape.test(url)) refuse('百分号编码不完整');
    try {
      decodeURIComponent(url);
    } catch {
      refuse('编码不是有效的 UTF-8');
    }
    await next();
  };
}

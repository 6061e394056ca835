import type { Context, Middleware } from 'koa';
import { AppError } from './app-error';

interface Bucket { tokens: number; updated: number }

export interface RateLimitOptions {
  /** Rules see the route the router matched (its pattern, e.g. `/api/auth/refresh`), so `/API/AUTH/REFRESH` is the same. */
  rules: { name: string; match: (method: string, route: string) => boolean; perMinute: number }[];
  /** The matched route's pattern, or the raw path when no route matches. */
  routeOf: (ctx: Context) => string;
  /** The client's address (behind trusted proxies: from X-Forwarded-For). */
  addressOf: (ctx: Context) => string;
}

/**
 * A token bucket per client address and rule, in this process's memory (one BFF instance; behind several instances
 * put the limit in the reverse proxy too). Refills continuously; answers 429 with Retry-After when empty.
 */
export function rateLimit({ rules, routeOf, addressOf }: RateLimitOptions): Middleware {
  const buckets = new Map<string, Bucket>();
  let lastSweep = Date.now();
  return async (ctx, next) => {
    const route = routeOf(ctx);
    const rule = rules.find((r) => r.match(ctx.method, route));
    if (!rule) return next();
    const now = Date.now();
    if (now - lastSweep > 60_000) {
      for (const [key, b] of buckets) if (now - b.updated > 120_000) buckets.delete(key);
      lastSweep = now;
    }
    const key = `${rule.name}|${addressOf(ctx)}`;
    const bucket = buckets.get(key) ?? { tokens: rule.perMinute, updated: now };
    bucket.tokens = Math.min(rule.perMinute, bucket.tokens + ((now - bucket.updated) / 60_000) * rule.perMinute);
    bucket.updated = now;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      ctx.set('Retry-After', String(Math.ceil(((1 - bucket.tokens) * 60) / rule.perMinute)));
      throw new AppError('REQUEST.RATE_LIMITED');
    }
    bucket.tokens -= 1;
    return next();
  };
}

import Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteContract } from '@ycta/shared';
import { AppError } from './app-error';
import { roomPassRefused, type AuthUser } from '../modules/auth/auth.tokens';

export interface RouteInput<R extends RouteContract> {
  params: ParamsOf<R>;
  query: QueryOf<R>;
  body: BodyOf<R>;
  /** Present on every route that is not public. */
  user: R['auth'] extends 'public' ? AuthUser | undefined : AuthUser;
}

/** What a handler may return: the success body, or nothing when it wrote `ctx.body` itself (streams). */
export type RouteHandler<R extends RouteContract> = (input: RouteInput<R>, ctx: Context) => Promise<ResponseOf<R> | void> | ResponseOf<R> | void;

export interface Mounted {
  contract: RouteContract;
  handler: RouteHandler<RouteContract>;
}

/** Pairs a contract with its handler; modules export lists of these and `app.ts` mounts them. */
export function bind<R extends RouteContract>(contract: R, handler: RouteHandler<R>): Mounted {
  return { contract, handler: handler as unknown as RouteHandler<RouteContract> };
}

function issuesOf(where: string, error: z.ZodError) {
  return error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), message: i.message }));
}

function parse<T>(schema: z.ZodType | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = issuesOf(where, result.error);
    const first = details[0];
    throw new AppError('REQUEST.INVALID', {
      message: first ? `请求内容不正确：${first.field} ${first.message}` : '请求内容不正确',
      details,
    });
  }
  return result.data as T;
}

/** The pattern of the route the router matches for this path and method (`/api/auth/refresh`), or null. */
export function matchedRoute(router: Router, path: string, method: string): string | null {
  const layer = router.match(path, method).pathAndMethod.find((l) => l.methods.length > 0);
  return layer && typeof layer.path === 'string' ? layer.path : null;
}

/** Koa paths (`/a/:id`) for the router: contracts already use that form. */
export function mountAll(
  routes: readonly Mounted[],
  authenticate: (ctx: Context) => Promise<AuthUser>,
): Router {
  const router = new Router();
  for (const { contract, handler } of routes) {
    const method = contract.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    router[method](contract.path, async (ctx) => {
      let user: AuthUser | undefined;
      if (contract.auth !== 'public') {
        // answers for a signed-in user are theirs alone: no browser or proxy cache keeps them (a handler may say otherwise)
        ctx.set('Cache-Control', 'no-store');
        user = await authenticate(ctx);
        if (!contract.auth.includes(user.role)) throw new AppError('AUTH.FORBIDDEN');
        if (user.roomOf !== undefined && !(contract.roomPass && ctx.params.id === user.roomOf)) throw roomPassRefused();
      }
      const input = {
        params: parse(contract.params, ctx.params, 'params'),
        query: parse(contract.query, ctx.query, 'query'),
        body: contract.rawBody ? undefined : parse(contract.body, (ctx.request as { body?: unknown }).body ?? {}, 'body'),
        user,
      } as RouteInput<RouteContract>;
      const result = await handler(input, ctx);
      if (result !== undefined) {
        if (ctx.status === 404) {
          const success = Object.keys(contract.responses).map(Number).find((s) => s >= 200 && s < 300);
          ctx.status = success ?? 200;
        }
        ctx.body = result;
      } else if (ctx.body === undefined && ctx.status === 404) {
        ctx.status = 204;
      }
    });
  }
  return router;
}

import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteContract } from '@ycta/shared/contract';

/**
 * A route the client may call, typed by its shared contract but carrying only method and path at run
 * time: the zod schemas stay out of the weapp package. `route<typeof c.me>('GET', '/me')` fails to
 * compile when method or path differ from the contract.
 */
export interface RouteRef<R extends RouteContract> {
  method: R['method'];
  path: R['path'];
  /** Phantom: never set, only carries the contract's type. */
  readonly contract?: R;
}

export function route<R extends RouteContract>(method: R['method'], path: R['path']): RouteRef<R> {
  return { method, path };
}

type Field<K extends string, T> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };

export type CallInput<R extends RouteContract> = Field<'params', ParamsOf<R>> &
  Field<'body', BodyOf<R>> & { query?: Partial<QueryOf<R>> };

export type ResultOf<R extends RouteContract> = ResponseOf<R>;

import type { z } from 'zod';
import type { Role } from './roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route of the API, declared once and used by the BFF (validation, auth, OpenAPI) and the client (types).
 * `auth: 'public'` needs no token; otherwise the listed roles may call it (object checks live in services).
 */
export interface RouteContract {
  method: HttpMethod;
  /** Koa-style path under /api, e.g. `/applications/:id`. */
  path: string;
  summary: string;
  auth: 'public' | readonly Role[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Not validated as JSON: multipart or raw streams, documented by `bodyDescription`. */
  rawBody?: { contentType: string; description: string };
  responses: Record<number, z.ZodType>;
  /** Error codes this route may answer with besides the generic ones. */
  errors?: readonly string[];
  /**
   * A room pass (the inspection-scoped token a join answer carries, see `JoinAnswer.roomPass`) may call this route
   * for its own inspection (`:id`). Every other route refuses a room pass.
   */
  roomPass?: true;
}

export function defineContract<const T extends Record<string, RouteContract>>(routes: T): T {
  return routes;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
export type ParamsOf<R extends RouteContract> = Infer<R['params']>;
export type QueryOf<R extends RouteContract> = Infer<R['query']>;
export type BodyOf<R extends RouteContract> = Infer<R['body']>;
export type SuccessStatus<R extends RouteContract> = Extract<keyof R['responses'], 200 | 201 | 202 | 204>;
export type ResponseOf<R extends RouteContract, S extends keyof R['responses'] = SuccessStatus<R>> =
  R['responses'][S] extends z.ZodType ? z.infer<R['responses'][S]> : never;

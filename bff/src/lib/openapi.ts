import { createDocument } from 'zod-openapi';
import { ErrorBody, type RouteContract } from '@ycta/shared';

const toOpenApiPath = (path: string) => `/api${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

/** The OpenAPI 3.1 document of every mounted route, generated from the shared contracts. */
export function openApiDocument(contracts: readonly RouteContract[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of contracts) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(c.responses)) {
      responses[status] = status === '204'
        ? { description: '无内容' }
        : { description: c.summary, content: { 'application/json': { schema } } };
    }
    responses.default = { description: '错误', content: { 'application/json': { schema: ErrorBody } } };
    const operation: Record<string, unknown> = {
      operationId: `${c.method.toLowerCase()}${c.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      summary: c.summary,
      security: c.auth === 'public' ? [] : [{ bearer: [] }],
      'x-roles': c.auth === 'public' ? ['public'] : c.auth,
      requestParams: { ...(c.params ? { path: c.params } : {}), ...(c.query ? { query: c.query } : {}) },
      responses,
    };
    if (c.body) operation.requestBody = { content: { 'application/json': { schema: c.body } } };
    if (c.rawBody) operation.requestBody = { description: c.rawBody.description, content: { [c.rawBody.contentType]: {} } };
    (paths[toOpenApiPath(c.path)] ??= {})[c.method.toLowerCase()] = operation;
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: '远程踏勘 BFF', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths: paths as never,
  });
}

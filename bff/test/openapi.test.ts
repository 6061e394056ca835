import { createRequire } from 'node:module';
import { startTestApp, type TestApp } from './harness';

// swagger-parser's own OpenAPI 3.1 schema validator (its main entry pulls an ESM-only dependency jest cannot load);
// the $ref and path-parameter checks it would add by dereferencing are done below
const validateSchema = createRequire(__filename)('@apidevtools/swagger-parser/lib/validators/schema.js') as (api: unknown) => void;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
function refsOf(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsOf(v, found);
    }
  }
  return found;
}
function resolvePointer(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const part of ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    node = node && typeof node === 'object' && !Array.isArray(node) ? node[part] : undefined;
  }
  return node;
}

/** `GET /api/openapi.json` must stay true: exactly the routes the router serves, and a valid OpenAPI 3.1 document. */
let t: TestApp;
interface Operation { security?: unknown[]; requestBody?: unknown; operationId?: string; parameters?: Array<{ name: string; in: string; required?: boolean }> }
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await startTestApp({ seed: false });
  const res = await t.request.get('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => { await t.close(); });

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

describe('the OpenAPI document', () => {
  it('when compared with the router, then it lists exactly the routes the app serves', () => {
    const served = t.routes.map((r) => `${r.contract.method} /api${r.contract.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`).sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(served);
    for (const route of ['GET /api/matters', 'GET /api/applications/{id}', 'POST /api/applications/{id}/withdrawal', 'PUT /api/calendar/years/{year}', 'GET /api/openapi.json']) {
      expect(documented).toContain(route);
    }
    expect(new Set(served).size).toBe(served.length);
  });

  it('when validated against the OpenAPI 3.1 schema, then it passes; every $ref resolves, operation ids are unique, path parameters are declared', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(() => validateSchema(structuredClone(doc))).not.toThrow();
    const unresolved = refsOf(doc as unknown as Json).filter((ref) => resolvePointer(doc as unknown as Json, ref) === undefined);
    expect(unresolved).toEqual([]);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([m]) => methods.includes(m)).map(([m, op]) => ({ where: `${m} ${path}`, path, op })));
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { where, path, op } of operations) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name).sort();
      expect([where, declared]).toEqual([where, inPath]);
    }
  });

  it('when a route needs sign-in, then the document says so; request bodies are described', () => {
    expect(doc.paths['/api/applications']!.post!.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
    expect(doc.paths['/api/applications']!.post!.requestBody).toBeDefined();
  });

  it('when something other than a document is validated, then the validator refuses it (the check can fail)', async () => {
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, unknown>> };
    broken.paths['/api/matters']!.get = { responses: 'none' };
    expect(() => validateSchema(broken)).toThrow(/schema validation failed/);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server saw, for assertions on what the app sent. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Hold the answer until the test releases it (to see loading states). */
  hold?: Promise<void>;
}

type Handler = (req: SeenRequest, match: RegExpMatchArray) => Reply | Promise<Reply>;

/**
 * A local HTTP server speaking the BFF's protocol (JSON bodies, `{ error: { code, message, requestId } }`)
 * for the routes a test declares. Anything else answers 404 ROUTE.NOT_FOUND like the BFF.
 */
export async function startLocalBff() {
  const routes: { method: string; pattern: RegExp; handler: Handler }[] = [];
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const path = (req.url ?? '/').replace(/^\/api/, '');
      const request: SeenRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const pathOnly = path.split('?')[0] ?? '';
      const found = routes.find((r) => r.method === request.method && r.pattern.test(pathOnly));
      const reply: Reply = found
        ? await found.handler(request, pathOnly.match(found.pattern) as RegExpMatchArray)
        : { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: '接口不存在', requestId: 'test' } } };
      await reply.hold;
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    seen,
    on(method: string, path: string, handler: Handler | Reply) {
      const pattern = new RegExp(`^${path.replace(/:(\w+)/g, '([^/]+)')}$`);
      routes.unshift({ method, pattern, handler: typeof handler === 'function' ? handler : () => handler });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function errorReply(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, requestId: 'test-req' } } };
}

export function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => { release = r; });
  return { promise, release };
}

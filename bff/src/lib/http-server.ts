import { createServer, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';

export interface HttpServerOptions {
  /** A client must send its request head (a WebSocket upgrade's too) within this many ms; 408 after. */
  headersTimeoutMs?: number;
  /** How often idle and slow connections are checked against the timeouts. */
  checkIntervalMs?: number;
}

const timeouts = new Set(['ERR_HTTP_REQUEST_TIMEOUT', 'ERR_HTTP_HEADERS_TIMEOUT']);

/**
 * The BFF's HTTP server: a slow or broken client (a request head trickling in, bytes that are not HTTP) is answered
 * 408/400, logged and disconnected; errors of the server itself are logged, never left to end the process.
 */
export function createHttpServer(handler: RequestListener, logger: Logger, opts: HttpServerOptions = {}): Server {
  const headersTimeout = opts.headersTimeoutMs ?? 10_000;
  const server = createServer({
    headersTimeout,
    requestTimeout: Math.max(300_000, headersTimeout), // Node's default; long uploads stream within it
    connectionsCheckingInterval: opts.checkIntervalMs ?? 2_000,
  }, handler);
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    const status = timeouts.has(err.code ?? '') ? '408 Request Timeout' : '400 Bad Request';
    logger.info({ err: { message: err.message, code: err.code } }, 'client error');
    socket.on('error', () => undefined);
    if (socket.writable) socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  });
  server.on('error', (err: Error & { code?: string }) => logger.error({ err: { message: err.message, code: err.code } }, 'http server error'));
  return server;
}

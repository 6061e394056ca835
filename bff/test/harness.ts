import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { loadConfig, type Config } from '../src/config';
import type { Mounted } from '../src/lib/contract-router';
import { createApp } from '../src/app';
import { createHttpServer, type HttpServerOptions } from '../src/lib/http-server';
import { connectDatabase, syncIndexes } from '../src/infra/db';
import { seedDemoData } from '../src/seed';

export function testDbUri(): string {
  const uri = process.env.YCTA_TEST_MONGODB_URI;
  if (!uri) throw new Error('YCTA_TEST_MONGODB_URI is not set: run tests through jest (its global setup starts FerretDB)');
  return uri;
}

export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    MONGODB_URI: testDbUri(),
    JWT_SECRET: randomBytes(32).toString('hex'),
    DEV_LOGIN: 'true',
    LOG_LEVEL: 'info',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    RATE_LIMIT_UPLOAD_PER_MINUTE: '100000',
    ...overrides,
  };
}

export interface TestApp {
  server: Server;
  config: Config;
  routes: Mounted[];
  /** The app's services (sign-in, credit provider, penalty outbox), for tests that drive them directly. */
  services: ReturnType<typeof createApp>['services'];
  baseUrl: string;
  request: ReturnType<typeof supertest>;
  logs: string[];
  /** Access token of a seeded user, by username (dev sign-in). */
  tokenOf(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app on a real HTTP server (port 0) over a database of its own on the test FerretDB. */
export async function startTestApp(opts: { env?: Record<string, string>; seed?: boolean; http?: HttpServerOptions } = {}): Promise<TestApp> {
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  await connectDatabase(testDbUri(), dbName);
  await syncIndexes();
  if (opts.seed !== false) await seedDemoData({ quiet: true });
  const logs: string[] = [];
  // every line also goes to the run's log file when set: scripts/check-logs.mjs greps it for secrets after the run
  const logFile = process.env.YCTA_TEST_LOG_FILE;
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      if (logFile) appendFileSync(logFile, chunk);
      cb();
    },
  });
  const config = loadConfig(testEnv(opts.env));
  const built = createApp(config, { logDestination: sink });
  const server = createHttpServer(built.app.callback(), built.logger, opts.http);
  built.attachSignalling(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request = supertest(server);
  const tokens = new Map<string, string>();
  return {
    server, baseUrl, request, logs, config, routes: built.routes, services: built.services,
    async tokenOf(username) {
      const known = tokens.get(username);
      if (known) return known;
      const res = await request.post('/api/auth/dev').send({ username });
      if (res.status !== 200) throw new Error(`dev sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, res.body.accessToken);
      return res.body.accessToken as string;
    },
    async close() {
      built.signalling.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
}

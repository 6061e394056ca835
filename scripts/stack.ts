/**
 * The whole product as `npm start` runs it: the embedded database (unless MONGODB_URI is set), demo data, the BFF
 * serving the built H5 app. Used by `npm start` and by the browser tests.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedDb, repoRoot, type EmbeddedDb } from './embedded-db';
import { buildH5IfStale } from './build-h5';
import { startBff } from '../bff/src/main';
import { seedDemoData } from '../bff/src/seed';

function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export interface Stack {
  url: string;
  bff: Awaited<ReturnType<typeof startBff>>;
  db?: EmbeddedDb;
  stop(): Promise<void>;
}

/**
 * The embedded database (unless MONGODB_URI is set) and the environment the BFF runs with on it; the H5 app built
 * when stale (unless STATIC_DIR names one).
 */
export async function prepareStack(opts: { dataDir: string; env?: Record<string, string | undefined>; log?: (msg: string) => void }): Promise<{ env: Record<string, string | undefined>; db?: EmbeddedDb }> {
  const log = opts.log ?? (() => undefined);
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  let db: EmbeddedDb | undefined;
  if (!env.MONGODB_URI) {
    mkdirSync(opts.dataDir, { recursive: true });
    log(`starting the embedded database (FerretDB) with data in ${opts.dataDir}`);
    db = await startEmbeddedDb({ dataDir: join(opts.dataDir, 'db'), log: (line) => log(line.trim()) });
    env.MONGODB_URI = `${db.uri}/ycta`;
    env.DEV_LOGIN ??= 'true'; // the embedded default is a demo
    env.JWT_SECRET ??= persistentSecret(opts.dataDir);
    env.MEDIA_CACHE_DIR ??= join(opts.dataDir, 'media-cache'); // reading GridFS back from FerretDB scans every chunk
  }
  if (!env.STATIC_DIR) {
    env.STATIC_DIR = join(repoRoot, 'miniapp', 'dist', 'h5');
    try {
      buildH5IfStale();
    } catch (err) {
      await db?.stop();
      throw err;
    }
  }
  return { env, db };
}

/**
 * The demo data `npm start` and the browser tests both seed: users, subjects, applications and, unless
 * SEED_DEMO_QUEUES=false (the browser tests' default), a case of its own in every queue tab for inspector1 and inspector2.
 */
export function seedDemo(env: Record<string, string | undefined>): Promise<{ created: number }> {
  return seedDemoData({ quiet: true, queues: env.SEED_DEMO_QUEUES !== 'false' });
}

/** The stack in this process (the browser tests): database, BFF, demo data. */
export async function startStack(opts: { dataDir: string; env?: Record<string, string | undefined>; log?: (msg: string) => void }): Promise<Stack> {
  const log = opts.log ?? (() => undefined);
  const { env, db } = await prepareStack(opts);
  try {
    const bff = await startBff(env);
    const { created } = await seedDemo(env);
    if (created) log(`seeded demo data (${created} users new)`);
    const host = bff.config.host === '0.0.0.0' ? '127.0.0.1' : bff.config.host;
    return {
      url: `http://${host}:${bff.port}/`,
      bff,
      db,
      async stop() {
        await bff.stop().catch(() => undefined);
        await db?.stop();
      },
    };
  } catch (err) {
    await db?.stop();
    throw err;
  }
}

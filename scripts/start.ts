/**
 * `npm start`: the product on the embedded database. Starts FerretDB (unless MONGODB_URI is set), builds the H5
 * app when stale, seeds demo data into an empty database, starts the BFF and prints where to open it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb, repoRoot, type EmbeddedDb } from './embedded-db';
import { buildH5IfStale } from './build-h5';
import { startBff } from '../bff/src/main';
import { seedDemoData, demoUsers, demoPassword } from '../bff/src/seed';

function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const env: Record<string, string | undefined> = { ...process.env };
  let db: EmbeddedDb | undefined;
  const dataDir = resolve(repoRoot, env.DATA_DIR ?? 'data');
  if (!env.MONGODB_URI) {
    mkdirSync(dataDir, { recursive: true });
    console.log(`[start] starting the embedded database (FerretDB) with data in ${dataDir}`);
    db = await startEmbeddedDb({ dataDir: join(dataDir, 'db') });
    env.MONGODB_URI = `${db.uri}/ycta`;
    env.DEV_LOGIN ??= 'true'; // the embedded default is a demo
    env.JWT_SECRET ??= persistentSecret(dataDir);
  }
  env.STATIC_DIR ??= join(repoRoot, 'miniapp', 'dist', 'h5');
  buildH5IfStale();

  const bff = await startBff(env);
  const stopAll = async (signal: string) => {
    console.log(`\n[start] ${signal}: stopping the BFF${db ? ' and the embedded database' : ''}…`);
    await bff.stop().catch(() => undefined);
    await db?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stopAll('SIGINT'));
  process.once('SIGTERM', () => void stopAll('SIGTERM'));

  if (mongoose.connection.db && (await mongoose.connection.db.collection('users').countDocuments()) === 0) {
    console.log('[start] empty database: seeding demo data');
  }
  await seedDemoData({ quiet: true });

  const url = `http://${bff.config.host === '0.0.0.0' ? '127.0.0.1' : bff.config.host}:${bff.port}/`;
  console.log(`\n远程踏勘 is running: open ${url}  (API: ${url}api/health)`);
  if (bff.config.auth.devLogin) {
    console.log(`Demo accounts (dev sign-in by username): ${demoUsers.map((u) => u.username).join(', ')}`);
  }
  console.log(`Staff-side demo password: ${demoPassword}\nPress Ctrl-C to stop.`);
}

main().catch((err: Error) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});

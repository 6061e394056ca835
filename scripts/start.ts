/**
 * `npm start`: the product on the embedded database. Starts FerretDB (unless MONGODB_URI is set), builds the H5
 * app when stale, starts the BFF as a supervised child process (restarted when it dies), seeds demo data and prints
 * where to open it. Ctrl-C stops everything it started; one `npm start` per DATA_DIR.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './embedded-db';
import { prepareStack, seedDemo } from './stack';
import { superviseBff } from './supervise';
import { claimDataDir } from './start-lock';
import { loadConfig } from '../bff/src/config';
import { connectDatabase, disconnectDatabase } from '../bff/src/infra/db';
import { demoUsers, demoPassword } from '../bff/src/seed';

const log = (msg: string) => console.log(`[start] ${msg}`);

async function main() {
  const dataDir = resolve(repoRoot, process.env.DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const release = claimDataDir(dataDir);
  const { env, db } = await prepareStack({ dataDir, log }).catch((err: Error) => { release(); throw err; });
  const stopDb = async () => { await db?.stop(); release(); };
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env); // a bad setting stops here, with its message, before any child starts
  } catch (err) {
    await stopDb();
    throw err;
  }
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${config.port}/`;
  const bff = superviseBff({ env, healthUrl: `${url}api/health`, log });
  const stop = (why: string, code: number) => {
    log(`${why}: stopping the BFF${db ? ' and the embedded database' : ''}…`);
    bff.stop().then(stopDb).then(() => process.exit(code), () => process.exit(1));
  };
  try {
    await bff.ready;
  } catch (err) {
    await bff.stop();
    await stopDb();
    throw err;
  }
  void bff.done.then((how) => { if (how === 'gave-up') stop('the BFF keeps failing', 1); });
  process.once('SIGINT', () => stop('SIGINT', 0));
  process.once('SIGTERM', () => stop('SIGTERM', 0));

  await connectDatabase(env.MONGODB_URI!);
  // the inspectors' demo queues too: either demo inspector opens on a desk with work in it
  const { created } = await seedDemo(env);
  await disconnectDatabase();
  if (created) log(`seeded demo data (${created} users new)`);

  console.log(`\n远程踏勘 is running: open ${url}  (API: ${url}api/health)`);
  if (config.auth.devLogin) console.log(`Demo accounts (dev sign-in by username): ${demoUsers.map((u) => u.username).join(', ')}`);
  console.log(`Staff-side demo password: ${demoPassword}\nPress Ctrl-C to stop.`);
}

main().catch((err: Error) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});

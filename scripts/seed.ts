/** `npm run seed`: demo data into MONGODB_URI, or into the embedded database under DATA_DIR. */
import { join, resolve } from 'node:path';
import { startEmbeddedDb, repoRoot } from './embedded-db';
import { connectDatabase, disconnectDatabase, syncIndexes } from '../bff/src/infra/db';
import { seedDemoData } from '../bff/src/seed';

async function main() {
  const db = process.env.MONGODB_URI ? undefined
    : await startEmbeddedDb({ dataDir: join(resolve(repoRoot, process.env.DATA_DIR ?? 'data'), 'db') });
  try {
    await connectDatabase(process.env.MONGODB_URI ?? `${db!.uri}/ycta`);
    await syncIndexes();
    await seedDemoData({ queues: true });
  } finally {
    await disconnectDatabase();
    await db?.stop();
  }
}

main().catch((err: Error) => { console.error(`[seed] ${err.message}`); process.exit(1); });

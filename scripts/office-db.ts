import { join, resolve } from 'node:path';
import { connectDatabase, disconnectDatabase } from '../bff/src/infra/db';
import { repoRoot, startEmbeddedDb } from './embedded-db';

/** Runs `work` on the office's database, as the maintenance commands do: MONGODB_URI, or the embedded one under DATA_DIR. */
export async function withOfficeDatabase<T>(work: () => Promise<T>): Promise<T> {
  const db = process.env.MONGODB_URI ? undefined
    : await startEmbeddedDb({ dataDir: join(resolve(repoRoot, process.env.DATA_DIR ?? 'data'), 'db') });
  try {
    await connectDatabase(process.env.MONGODB_URI ?? `${db!.uri}/ycta`, undefined, { selectionTimeoutMs: 5000 });
    return await work();
  } finally {
    await disconnectDatabase();
    await db?.stop();
  }
}

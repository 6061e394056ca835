import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDb, type EmbeddedDb } from '../embedded-db';

declare global {
  var __yctaTestDb: EmbeddedDb | undefined;
}

/** One FerretDB for the test run, on a free port with a temporary directory; each test file uses its own database. */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ycta-test-db-'));
  const db = await startEmbeddedDb({ dataDir });
  globalThis.__yctaTestDb = db;
  process.env.YCTA_TEST_MONGODB_URI = db.uri;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDb, type EmbeddedDb } from '../../scripts/embedded-db';
import { startBff } from '../src/main';
import { testEnv } from './harness';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}

describe('GET /api/health', () => {
  let dir: string;
  let db: EmbeddedDb;
  let bff: Awaited<ReturnType<typeof startBff>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ycta-health-'));
    db = await startEmbeddedDb({ dataDir: dir });
    bff = await startBff(testEnv({ MONGODB_URI: `${db.uri}/health`, PORT: '0', LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => {
    await bff.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${bff.port}/api/health`);
    return { status: res.status, body: (await res.json()) as { status: string; db: string; version: string } };
  };

  it('when the database answers, then it is 200 with status ok', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', version: expect.any(String) });
  });

  it('when the database is stopped, then 503; when it is back on the same port, then 200 again without restarting the BFF', async () => {
    const port = db.port;
    await db.stop();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.db).toBe('down');

    db = await startEmbeddedDb({ dataDir: dir, port });
    await waitFor(async () => (await health()).status === 200);
    expect((await health()).body).toMatchObject({ status: 'ok', db: 'up' });
  });
});

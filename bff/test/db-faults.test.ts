import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDb, type EmbeddedDb } from '../../scripts/embedded-db';
import { startBff } from '../src/main';
import { connectDatabase, disconnectDatabase } from '../src/infra/db';
import { seedDemoData } from '../src/seed';
import { testEnv } from './harness';

interface Outcome { status: number; ms: number; endedAt: number; code?: string; refreshToken?: string }

describe('the database dies under load', () => {
  let dir: string;
  let db: EmbeddedDb;
  let bff: Awaited<ReturnType<typeof startBff>>;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ycta-fault-'));
    db = await startEmbeddedDb({ dataDir: dir });
    await connectDatabase(`${db.uri}/fault`);
    await seedDemoData({ quiet: true });
    await disconnectDatabase();
    bff = await startBff(testEnv({ MONGODB_URI: `${db.uri}/fault`, PORT: '0', LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'silent' })); // FAULT_LOG_LEVEL=error shows what a 5xx was
    base = `http://127.0.0.1:${bff.port}/api`;
  });
  afterAll(async () => {
    await bff.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(): Promise<Outcome> {
    const started = Date.now();
    const res = await fetch(`${base}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"applicant-red"}' });
    const body = (await res.json()) as { refreshToken?: string; error?: { code: string } };
    return { status: res.status, ms: Date.now() - started, endedAt: Date.now(), code: body.error?.code, refreshToken: body.refreshToken };
  }

  it('when FerretDB is SIGKILLed mid-load, then 503 DB.UNAVAILABLE within a second, recovery without a BFF restart, and every acknowledged write kept', async () => {
    const outcomes: Outcome[] = [];
    let killedAt = 0;
    let phase: 'up' | 'down' | 'back' = 'up';
    const byPhase: Record<string, Outcome[]> = { up: [], down: [], back: [] };
    let running = true;
    const workers = Array.from({ length: 4 }, async () => {
      for (let i = 0; running && i < 2000; i++) {
        const o = await signIn();
        outcomes.push(o);
        byPhase[phase]!.push(o);
      }
    });
    await new Promise((r) => setTimeout(r, 800));
    const port = db.port;
    await db.kill();
    killedAt = Date.now();
    phase = 'down';
    await new Promise((r) => setTimeout(r, 1500));
    db = await startEmbeddedDb({ dataDir: dir, port });
    phase = 'back';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !byPhase.back!.some((o) => o.status === 200)) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(workers);

    const down = byPhase.down!.filter((o) => o.status !== 200);
    expect(down.length).toBeGreaterThan(0);
    expect(new Set(down.map((o) => `${o.status} ${o.code}`))).toEqual(new Set(['503 DB.UNAVAILABLE']));
    // within a second of asking, or of the process being gone for a request already waiting on it (a loaded
    // machine can take a while to tear a killed process down; until then it is slow, not gone)
    expect(Math.max(...down.map((o) => Math.min(o.ms, o.endedAt - killedAt)))).toBeLessThan(1000);
    expect(byPhase.back!.some((o) => o.status === 200)).toBe(true);

    // every sign-in that was answered 200 stored its refresh token: it still refreshes after the crash
    const acknowledged = outcomes.filter((o) => o.status === 200);
    expect(acknowledged.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const o of acknowledged) {
      const res = await fetch(`${base}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: o.refreshToken }) });
      if (res.status !== 200) missing.push(`${res.status}`);
    }
    expect(missing).toEqual([]);
  });

  it('when the database is frozen for two seconds (a starved machine: slow, not gone), then requests wait for it and succeed instead of 503', async () => {
    // SIGSTOP keeps its connections open and silent, as a database the scheduler does not run for a while
    process.kill(db.pid, 'SIGSTOP');
    const answers = Promise.all(Array.from({ length: 4 }, () => signIn()));
    try {
      await new Promise((r) => setTimeout(r, 2000));
    } finally {
      process.kill(db.pid, 'SIGCONT');
    }
    const outcomes = await answers;
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200, 200]);
    expect(Math.min(...outcomes.map((o) => o.ms))).toBeGreaterThanOrEqual(1500);
  });
});

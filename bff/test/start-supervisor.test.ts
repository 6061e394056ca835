import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import WebSocket from 'ws';
import { commandLineOf, freePort, repoRoot, startEmbeddedDb } from '../../scripts/embedded-db';
import { connectDatabase, disconnectDatabase } from '../src/infra/db';
import type { TestApp } from './harness';
import { auth, bookedInspection } from './inspections/fixture';

/**
 * `npm start` as an operator runs it, on a data directory of its own: the BFF is SIGKILLed and comes back by
 * itself; a second start on the same directory is refused; a start whose supervisor was killed leaves its database
 * behind, and the next start stops that one before starting its own: never two FerretDBs on one directory.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'ycta-start-'));
const dbDir = join(dataDir, 'db');
const staticDir = mkdtempSync(join(tmpdir(), 'ycta-start-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>h5</title>');
let port: number;
const started: ChildProcess[] = [];

function npmStart(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), STATIC_DIR: staticDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete env.MONGODB_URI;
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ycta/source', 'scripts/start.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let text = '';
  child.stdout!.on('data', (d) => { text += String(d); });
  child.stderr!.on('data', (d) => { text += String(d); });
  return { child, output: () => text, exited: new Promise((ok) => child.once('exit', (code) => ok(code))) };
}

const health = () => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0);
async function until<T>(what: string, check: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every process whose command line runs FerretDB on this test's directory. */
const ferretdbsOnDir = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p))
  .filter((p) => { const cmd = commandLineOf(Number(p)); return cmd.includes('ferretdb') && cmd.includes(`--state-dir=${dbDir}`); }).map(Number);
const bffChildOf = (pid: number) => {
  try {
    return Number(execFileSync('pgrep', ['-P', String(pid), '-f', 'bff/src/main.ts'], { encoding: 'utf8' }).trim().split('\n')[0]);
  } catch {
    return null;
  }
};

beforeAll(async () => { port = await freePort(); });
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await until('every start to stop', async () => started.every((c) => c.exitCode !== null || c.signalCode !== null), 20_000);
  for (const pid of ferretdbsOnDir()) process.kill(pid, 'SIGKILL');
});

describe('npm start supervises the BFF', () => {
  it('when the BFF is SIGKILLed, then it is back within 10 s on the same single database, calls can be rejoined, and a second start on the directory is refused', async () => {
    const first = npmStart();
    await until('the first start to be ready', async () => first.output().includes('is running: open'), 180_000);
    const [dbPid] = ferretdbsOnDir();
    expect(ferretdbsOnDir()).toEqual([dbPid]);

    // a booked call, joined once before the crash
    const dbPort = (JSON.parse(readFileSync(join(dbDir, 'ferretdb.pid'), 'utf8')) as { port: number }).port;
    await connectDatabase(`mongodb://127.0.0.1:${dbPort}/ycta`);
    const request = supertest(`http://127.0.0.1:${port}`);
    const tokenOf = async (username: string) => (await request.post('/api/auth/dev').send({ username })).body.accessToken as string;
    const t = { request, tokenOf } as unknown as TestApp;
    const { inspectionId } = await bookedInspection(t);
    await disconnectDatabase();
    expect((await request.post(`/api/inspections/${inspectionId}/join`).set(auth(await tokenOf('inspector1')))).status).toBe(200);

    const bffPid = bffChildOf(first.child.pid!);
    expect(bffPid).toBeGreaterThan(0);
    process.kill(bffPid!, 'SIGKILL');
    const killedAt = Date.now();
    await until('the BFF to be gone', async () => (await health()) !== 200, 5_000);
    await until('the BFF to be back', async () => (await health()) === 200, 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(bffChildOf(first.child.pid!)).not.toBe(bffPid);
    expect(first.output()).toMatch(/the BFF exited unexpectedly \(SIGKILL\): restarting/);
    expect(ferretdbsOnDir()).toEqual([dbPid]);

    // the call is rejoined: a new ticket opens the signalling socket
    const rejoined = await request.post(`/api/inspections/${inspectionId}/join`).set(auth(await tokenOf('inspector1')));
    expect(rejoined.status).toBe(200);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/rtc/ws?ticket=${rejoined.body.ticket}`);
    await new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); });
    ws.close();

    const second = npmStart();
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`another \`npm start\` (pid ${first.child.pid}) is already running on ${dataDir}`);
    expect(ferretdbsOnDir()).toEqual([dbPid]);
    expect(await health()).toBe(200);

    // the supervisor itself killed: its BFF follows it, its database is left; the next start stops that one first
    first.child.kill('SIGKILL');
    await until('the orphaned BFF to stop', async () => (await health()) !== 200, 10_000);
    expect(ferretdbsOnDir().length).toBeLessThanOrEqual(1);
    // whether or not that database outlived its start, one is left running on the directory (its pid file says so)
    const leftover = ferretdbsOnDir()[0] ?? (await startEmbeddedDb({ dataDir: dbDir })).pid;
    const third = npmStart();
    await until('the third start to be ready', async () => third.output().includes('is running: open'), 180_000);
    expect(third.output()).toContain(`an embedded database left running by an earlier start (pid ${leftover})`);
    const now = ferretdbsOnDir();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(leftover);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(ferretdbsOnDir()).toEqual([]);
  });
});

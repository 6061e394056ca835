/**
 * The embedded database: a FerretDB process (MongoDB wire protocol, SQLite backend) on 127.0.0.1.
 * Used by `npm start` when MONGODB_URI is unset and by every test run. Built by scripts/ferretdb-install.mjs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';

export const repoRoot = resolve(__dirname, '..');
export const ferretdbBinary = join(repoRoot, '.tools', 'bin', 'ferretdb');

export interface EmbeddedDb {
  uri: string;
  port: number;
  dataDir: string;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** SIGKILL, for crash tests. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/** Whether a process runs with this id (signal 0 only asks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's command line (Linux /proc), or '' when unknown. */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

const pidFileOf = (dataDir: string) => join(dataDir, 'ferretdb.pid');

/** The FerretDB recorded in this directory's pid file, if that process still runs FerretDB on this directory. */
function readPidFile(dataDir: string): { pid: number; port: number } | null {
  try {
    return JSON.parse(readFileSync(pidFileOf(dataDir), 'utf8')) as { pid: number; port: number };
  } catch {
    return null;
  }
}

export function runningOn(dataDir: string): { pid: number; port: number } | null {
  const recorded = readPidFile(dataDir);
  if (!recorded) return null;
  const cmd = commandLineOf(recorded.pid);
  return isAlive(recorded.pid) && cmd.includes('ferretdb') && cmd.includes(`--state-dir=${dataDir}`) ? recorded : null;
}

/**
 * Two FerretDBs must never share one SQLite directory. One left running by a start that died (killed, power cut in
 * its supervisor) is found by the pid file, checked against the live process's command line, and stopped.
 */
async function stopLeftover(dataDir: string, log?: (line: string) => void): Promise<void> {
  const leftover = runningOn(dataDir);
  if (!leftover) return;
  log?.(`an embedded database left running by an earlier start (pid ${leftover.pid}) holds ${dataDir}: stopping it\n`);
  process.kill(leftover.pid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (isAlive(leftover.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(leftover.pid)) process.kill(leftover.pid, 'SIGKILL');
  while (isAlive(leftover.pid)) await new Promise((r) => setTimeout(r, 50));
}

export async function startEmbeddedDb(opts: { dataDir: string; port?: number; log?: (line: string) => void }): Promise<EmbeddedDb> {
  if (!existsSync(ferretdbBinary)) {
    throw new Error(`FerretDB is not built (${ferretdbBinary} is missing): run \`npm run db:install\` (needs Go ≥ 1.24).`);
  }
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  await stopLeftover(dataDir, opts.log);
  const port = opts.port ?? (await freePort());
  const child = spawn(ferretdbBinary, [
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir}/?_pragma=synchronous(full)`,
    `--state-dir=${dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (output.length > 50) output.shift();
    opts.log?.(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((ok) => child.once('exit', () => {
    // only our own record: a later start may already have written its own
    if (runningOn(dataDir) === null && readPidFile(dataDir)?.pid === child.pid) rmSync(pidFileOf(dataDir), { force: true });
    ok();
  }));
  const uri = `mongodb://127.0.0.1:${port}`;
  try {
    await waitForPing(uri, child, 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`FerretDB did not start on port ${port}: ${(err as Error).message}\n${output.join('')}`);
  }
  writeFileSync(pidFileOf(dataDir), JSON.stringify({ pid: child.pid, port }));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { uri, port, dataDir, pid: child.pid ?? -1, stop: () => stopWith('SIGTERM'), kill: () => stopWith('SIGKILL') };
}

async function waitForPing(uri: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`no answer to ping within ${timeoutMs} ms (${String(lastError)})`);
}

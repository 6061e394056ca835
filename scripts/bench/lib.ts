import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface Row { [column: string]: string | number }
export interface Section { title: string; intro: string; rows: Row[]; notes?: string[] }

export const repoRoot = join(__dirname, '..', '..');

/** Starts a TypeScript entry as a child (pinned to CPU 0 when taskset exists) and waits for its 'ready' message. */
export async function startChild(entry: string, args: string[], env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = fork(entry, args, {
    execArgv: ['--import', 'tsx', '--conditions=@ycta/source'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((ok, fail) => {
    child.once('message', (m) => (m === 'ready' ? ok() : fail(new Error(String(m)))));
    child.once('exit', (code) => fail(new Error(`${entry} exited with ${code}`)));
  });
  if (child.pid) pin(child.pid, '0');
  return child;
}

export function pin(pid: number, cpu: string): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpu, String(pid)], { stdio: 'ignore' });
  } catch {
    // no taskset: run unpinned
  }
}

export interface LoadResult { rps: number; p50: number; p99: number; errors: number; non2xx: number }

export async function load(url: string, opts: { connections?: number; seconds?: number; headers?: Record<string, string> } = {}): Promise<LoadResult> {
  const r = await autocannon({ url, connections: opts.connections ?? 50, duration: opts.seconds ?? 5, headers: opts.headers ?? {} });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

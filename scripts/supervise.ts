/**
 * `npm start` runs the BFF as a child process and starts it again when it dies unexpectedly: after 0.5 s, then
 * doubling up to 15 s, at most `maxRestarts` times within ten minutes (then it gives up, and the caller stops the
 * database). Each exit and restart is logged. The child stops itself when this process goes away (its IPC channel
 * closes), so a killed `npm start` leaves no BFF behind.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './embedded-db';

export interface SupervisedBff {
  /** Resolves once the BFF answers /api/health (the first start). */
  ready: Promise<void>;
  /** Resolves when supervision ends for good: stopped, or given up after too many restarts. */
  done: Promise<'stopped' | 'gave-up'>;
  pid(): number | undefined;
  stop(): Promise<void>;
}

const windowMs = 10 * 60_000;

export function superviseBff(opts: { env: Record<string, string | undefined>; healthUrl: string; log: (msg: string) => void; maxRestarts?: number }): SupervisedBff {
  const maxRestarts = opts.maxRestarts ?? 5;
  const restarts: number[] = [];
  let child: ChildProcess | undefined;
  let stopping = false;
  let upOnce = false;
  let failedToStart: string | null = null;
  let finish: (how: 'stopped' | 'gave-up') => void = () => undefined;
  const done = new Promise<'stopped' | 'gave-up'>((ok) => { finish = ok; });

  const spawnBff = () => {
    const started = fork(join(repoRoot, 'bff/src/main.ts'), [], {
      execArgv: ['--import', 'tsx', '--conditions=@ycta/source'],
      env: opts.env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = started;
    started.on('error', (err) => opts.log(`the BFF could not be started: ${err.message}`));
    started.once('exit', (code, signal) => {
      if (stopping) return;
      if (!upOnce) {
        // a BFF that never came up (bad configuration, port in use) would only fail again: no restarts
        failedToStart = signal ?? `code ${code}`;
        return finish('gave-up');
      }
      const now = Date.now();
      while (restarts.length && now - restarts[0]! > windowMs) restarts.shift();
      if (restarts.length >= maxRestarts) {
        opts.log(`the BFF exited (${signal ?? `code ${code}`}) after ${maxRestarts} restarts within ten minutes: giving up`);
        return finish('gave-up');
      }
      const delay = Math.min(15_000, 500 * 2 ** restarts.length);
      restarts.push(now);
      opts.log(`the BFF exited unexpectedly (${signal ?? `code ${code}`}): restarting in ${delay} ms (restart ${restarts.length} of at most ${maxRestarts} in ten minutes)`);
      setTimeout(() => { if (!stopping) spawnBff(); }, delay);
    });
  };

  const ready = (async () => {
    spawnBff();
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (await fetch(opts.healthUrl).then((r) => r.ok, () => false)) {
        upOnce = true;
        return;
      }
      if (failedToStart) throw new Error(`the BFF exited while starting (${failedToStart})`);
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the BFF did not answer ${opts.healthUrl} within two minutes`);
  })();

  return {
    ready,
    done,
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      const running = child;
      if (running && running.exitCode === null && running.signalCode === null) {
        const exited = new Promise((ok) => running.once('exit', ok));
        running.kill('SIGTERM');
        const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      finish('stopped');
    },
  };
}

#!/usr/bin/env node
// `npm run test:busy`: the browser suite on a busy machine, as an office PC or a shared CI runner is. Both cores are
// kept busy by a CPU hog this script starts and stops (Debian's stress-ng when installed, else Node busy loops, one per
// core); the suite runs BUSY_RUNS times (default 3) and every run must pass. The tests themselves check that every
// recording on every record is complete. Extra arguments go to jest (e.g. a test file).
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const runs = Number(process.env.BUSY_RUNS ?? 3);
const cores = availableParallelism();
const hasStressNg = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status === 0;
const hog = hasStressNg
  ? [spawn('stress-ng', ['--cpu', String(cores), '--cpu-method', 'matrixprod', '--quiet'], { stdio: 'ignore' })]
  : Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopHog = () => { for (const p of hog) if (p.exitCode === null) p.kill('SIGTERM'); };
process.on('exit', stopHog);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopHog(); process.exit(130); });
console.log(`[busy] ${cores} cores kept busy by ${hasStressNg ? 'stress-ng' : 'Node busy loops'} (pids ${hog.map((p) => p.pid).join(', ')})`);

const build = spawnSync('npx', ['tsx', 'scripts/build-h5.ts'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const results = [];
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  const r = spawnSync('npx', ['jest', '--ci', '--runInBand', ...process.argv.slice(2), '--selectProjects', 'e2e'], { stdio: 'inherit' });
  results.push({ run, passed: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  console.log(`[busy] run ${run}/${runs}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${results.at(-1).seconds} s`);
}
stopHog();
const passed = results.filter((r) => r.passed).length;
console.log(`[busy] ${passed} of ${runs} runs passed under load (${results.map((r) => `${r.seconds} s`).join(', ')})`);
process.exit(passed === runs ? 0 : 1);

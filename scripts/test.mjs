#!/usr/bin/env node
// `npm test`: type-check, lint, build what the tests load, then every jest project.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.YCTA_TEST_LOG_FILE = join(mkdtempSync(join(tmpdir(), 'ycta-test-logs-')), 'bff.log');

const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  // ~7 s: the miniprogram-simulate tests (miniapp/test/weapp) load this build's output
  ['weapp build', 'npm', ['run', '--silent', 'build:weapp', '-w', 'miniapp']],
  // the browser tests serve this build; built once here so parallel test files never build it at the same time
  ['h5 build (when stale)', 'npx', ['tsx', 'scripts/build-h5.ts']],
  ['unit and API tests', 'npx', ['jest', '--ci', '--selectProjects', 'shared', 'bff', 'miniapp', 'miniapp-weapp', ...process.argv.slice(2)]],
  // real browsers and whole stacks: one file at a time on a two-core machine
  ['browser tests', 'npx', ['jest', '--ci', '--runInBand', '--selectProjects', 'e2e', ...process.argv.slice(2)]],
  ['logs hold no secrets', 'node', ['scripts/check-logs.mjs', process.env.YCTA_TEST_LOG_FILE]],
];
for (const [name, cmd, args] of steps) {
  console.log(`\n[test] ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[test] ${name} failed`);
    process.exit(r.status ?? 1);
  }
}

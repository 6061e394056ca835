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
  ['tests', 'npx', ['jest', '--ci', ...process.argv.slice(2)]],
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

#!/usr/bin/env node
// First step of `npm start` and `npm test`: install dependencies when missing or stale, build FerretDB when missing.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFerretdb } from './ferretdb-install.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.package-lock.json');

function depsStale() {
  if (!existsSync(marker)) return true;
  return statSync(marker).mtimeMs < statSync(lock).mtimeMs;
}

if (depsStale()) {
  console.log('[setup] node_modules missing or older than package-lock.json: running `npm ci`…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[setup] `npm ci` failed; see the output above.');
    process.exit(r.status ?? 1);
  }
}
ensureFerretdb();

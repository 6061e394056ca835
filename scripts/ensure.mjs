#!/usr/bin/env node
// First step of `npm start` and `npm test`: install dependencies when missing or stale, build FerretDB when missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFerretdb } from './ferretdb-install.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json'); // npm's record of what node_modules holds

/**
 * Stale when a package the lockfile requires is absent from node_modules or at another version. Compares contents,
 * not file times: `npm install <pkg>` writes the lockfile after node_modules, and a checkout touches it too.
 */
function depsStale() {
  if (!existsSync(installed)) return 'node_modules is missing';
  const wanted = JSON.parse(readFileSync(lock, 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  for (const [path, meta] of Object.entries(wanted)) {
    if (!path.startsWith('node_modules/') || meta.optional || meta.devOptional || meta.link) continue;
    if (have[path]?.version !== meta.version) return `${path.slice('node_modules/'.length)}@${meta.version} is not installed`;
  }
  return null;
}

const stale = depsStale();
if (stale) {
  console.log(`[setup] ${stale}: running \`npm ci\`…`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[setup] `npm ci` failed; see the output above.');
    process.exit(r.status ?? 1);
  }
}
ensureFerretdb();

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './embedded-db';

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the H5 app when its output is missing or older than its sources (miniapp/src, config, shared/src). */
export function buildH5IfStale(): void {
  const output = join(repoRoot, 'miniapp', 'dist', 'h5', 'index.html');
  const sources = ['miniapp/src', 'miniapp/config', 'shared/src'].map((p) => join(repoRoot, p));
  if (existsSync(output) && statSync(output).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  console.log('[build] building the H5 app (about half a minute)…');
  // NODE_ENV must be production: under jest it is `test`, which makes babel-preset-taro add react-refresh hooks
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('the H5 build failed (run `npm run build:h5 -w miniapp` to see why)');
}

if (require.main === module) buildH5IfStale();

#!/usr/bin/env node
// Builds FerretDB v1.24.2 into .tools/bin from the Go module proxy.
// `go install …@v1.24.2` alone yields a binary that panics at start: the module zip lacks the generated
// build/version/version.txt. So we download the module, copy it, write that file and `go build` it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FERRETDB_VERSION = 'v1.24.2';

/**
 * Source changes applied before building, each named in `.tools/bin/ferretdb.patches` once built (a binary without
 * that note is rebuilt). Each must find its text exactly, so a changed upstream fails the build instead of silently
 * building unpatched.
 *
 * `sqlite-id-index`: FerretDB's SQLite backend pushes a lone `_id` equality down as
 * `WHERE _ferretdb_sjson->'$._id' = ?`, but creates the `_id` unique index on `_ferretdb_sjson->"_id"`; SQLite only
 * uses an index whose expression matches the query's, so every `_id` read scanned the whole table (EXPLAIN QUERY
 * PLAN: `SCAN`; upstream FerretDB/FerretDB#3340 is still open). `->'_id'` means the same path (SQLite: a text label
 * X is `$.X`) and matches the index, so the same reads become `SEARCH … USING INDEX …__id_`.
 */
export const FERRETDB_PATCHES = [
  {
    id: 'sqlite-id-index',
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
  },
];
const patchNote = FERRETDB_PATCHES.map((p) => p.id).join('\n') + '\n';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ferretdbBinary = join(root, '.tools', 'bin', 'ferretdb');

const patchNoteFile = `${ferretdbBinary}.patches`;

function installedPatches() {
  return existsSync(patchNoteFile) ? readFileSync(patchNoteFile, 'utf8') : '';
}

export function installedVersion() {
  if (!existsSync(ferretdbBinary)) return null;
  const r = spawnSync(ferretdbBinary, ['--version'], { encoding: 'utf8' });
  const m = /version:\s*(v\S+)/.exec(r.stdout ?? '');
  return m ? m[1] : null;
}

function fail(message) {
  console.error(`\n[ferretdb] ${message}\n`);
  process.exit(1);
}

export function ensureFerretdb() {
  if (installedVersion() === FERRETDB_VERSION && installedPatches() === patchNote) return;
  console.log(`[ferretdb] building FerretDB ${FERRETDB_VERSION} into .tools/bin (one time, about a minute)…`);
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    fail('Go is not installed or not on PATH. Install Go ≥ 1.24 (https://go.dev/dl/ or `apt-get install golang`) and run again.');
  }
  let dir;
  try {
    const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], { encoding: 'utf8' }));
    dir = info.Dir;
  } catch (e) {
    fail(`could not download github.com/FerretDB/FerretDB@${FERRETDB_VERSION} from the Go module proxy (check GOPROXY and network): ${e.message}`);
  }
  const work = mkdtempSync(join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(dir, work, { recursive: true });
    chmodSync(join(work, 'build', 'version'), 0o755);
    writeFileSync(join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    for (const patch of FERRETDB_PATCHES) {
      const file = join(work, patch.file);
      chmodSync(file, 0o644);
      const source = readFileSync(file, 'utf8');
      if (!source.includes(patch.from)) fail(`patch ${patch.id}: ${patch.file} no longer contains ${patch.from}`);
      writeFileSync(file, source.replace(patch.from, patch.to));
    }
    mkdirSync(dirname(ferretdbBinary), { recursive: true });
    const build = spawnSync('go', ['build', '-o', ferretdbBinary, './cmd/ferretdb'], { cwd: work, stdio: 'inherit', env: { ...process.env, CGO_ENABLED: '0' } });
    if (build.status !== 0) fail('`go build` of FerretDB failed (see above). Check that Go ≥ 1.24 is installed and the module proxy is reachable.');
  } finally {
    spawnSync('chmod', ['-R', 'u+w', work]);
    rmSync(work, { recursive: true, force: true });
  }
  const v = installedVersion();
  if (v !== FERRETDB_VERSION) fail(`built binary reports version ${v}, expected ${FERRETDB_VERSION}`);
  writeFileSync(patchNoteFile, patchNote);
  console.log(`[ferretdb] ready: ${ferretdbBinary}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureFerretdb();

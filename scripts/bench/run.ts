/**
 * `npm run bench`: every benchmark, each a ratio against a baseline run in the same session; writes bench/RESULTS.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb } from '../embedded-db';
import { connectDatabase, syncIndexes } from '../../bff/src/infra/db';
import { seedDemoData } from '../../bff/src/seed';
import { pin, repoRoot, type Section } from './lib';
import { apiSection } from './api';
import { chainSection } from './chain';
import { sizesSection } from './sizes';
import { uploadSection } from './upload';
import { callSection } from './call';
import { presiteSection } from './presite';
import { historySection } from './history';

function table(section: Section): string {
  const cols = Object.keys(section.rows[0] ?? {});
  const lines = [`## ${section.title}`, '', section.intro, '',
    `| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`,
    ...section.rows.map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`)];
  if (section.notes?.length) lines.push('', ...section.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

async function main() {
  pin(process.pid, '1');
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'ycta-bench-'));
  const db = await startEmbeddedDb({ dataDir: dir });
  const sections: Section[] = [];
  try {
    const uri = `${db.uri}/bench`;
    await connectDatabase(uri);
    await syncIndexes();
    await seedDemoData({ quiet: true });
    await mongoose.disconnect();
    const only = process.argv[2];
    const all: [string, () => Promise<Section>][] = [
      ['api', () => apiSection(uri)],
      ['upload', () => uploadSection(db.uri, db.pid)],
      ['chain', () => chainSection(uri)],
      ['sizes', () => sizesSection()],
      ['call', () => callSection(db.uri)],
      ['presite', () => presiteSection(uri)],
      ['history', () => historySection(uri)],
    ];
    for (const [name, run] of all) {
      if (only && only !== name) continue;
      console.error(`[bench] ${name}…`);
      sections.push(await run());
    }
  } finally {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = `# Benchmark results\n\nMachine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    `Date: ${new Date().toISOString().slice(0, 10)}. Whole run: ${Math.round((Date.now() - started) / 1000)} s. ` +
    'Regenerate with `npm run bench`. Every figure is a ratio against a baseline measured in the same run: this machine is noisy ' +
    `(2 cores shared with other engineers' test runs: 1-minute load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end). ` +
    'The runner sits on CPU 1 and the servers it measures on CPU 0 (taskset), so baseline and subject share the same conditions.\n';
  const out = [header, ...sections.map(table)].join('\n\n') + '\n';
  // one section alone (`npm run bench -- chain`) prints without replacing the committed results
  if (!process.argv[2]) writeFileSync(join(repoRoot, 'bench', 'RESULTS.md'), out);
  console.log(out);
}

main().then(() => process.exit(0), (err: Error) => { console.error(err); process.exit(1); });

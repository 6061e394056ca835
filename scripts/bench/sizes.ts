import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fmt, repoRoot, type Row, type Section } from './lib';

const dist = join(repoRoot, 'miniapp', 'dist');

/**
 * Package sizes as `scripts/size-check.ts` measures them (building weapp / h5 first when a build is missing), plus where
 * agora-rtc-sdk-ng ended up in the h5 build: it must be a chunk of its own, loaded only by the call room.
 */
export async function sizesSection(): Promise<Section> {
  const notes: string[] = [];
  for (const [kind, marker] of [['weapp', join(dist, 'weapp', 'app.json')], ['h5', join(dist, 'h5', 'index.html')]] as const) {
    if (!existsSync(marker)) {
      console.error(`[bench] building ${kind} (no build found)…`);
      execFileSync('npm', ['run', `build:${kind}`, '-w', 'miniapp'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
      notes.push(`The ${kind} build was missing and was built for this run.`);
    }
  }
  const check = spawnSync('npx', ['tsx', 'scripts/size-check.ts'], { cwd: repoRoot, encoding: 'utf8' });
  const out = `${check.stdout}\n${check.stderr}`;
  const kb = (label: string) => Number(new RegExp(`^\\s+${label.replace(/[()/]/g, '\\$&')}\\s+([\\d.]+) KB`, 'm').exec(out)?.[1] ?? NaN);
  const packages = [...out.matchAll(/^ {2}(\S+)\s+([\d.]+) KB$/gm)].map((m) => ({ name: m[1]!, kb: Number(m[2]) }));
  const firstLoad = /h5 first load \(([^)]*)\): ([\d.]+) KB raw, ([\d.]+) KB gzip/.exec(out);
  const firstPage = /h5 first page: (\S+) \(chunks ([^)]*)\)/.exec(out);
  const rows: Row[] = [];
  for (const p of packages) {
    const isMain = p.name === '(main)';
    const limit = isMain ? 1024 : p.name === '(all)' ? NaN : 2048;
    rows.push({
      what: `weapp ${p.name === '(all)' ? 'all packages together' : isMain ? 'main package' : `subpackage ${p.name}`}`,
      size: `${fmt(p.kb)} KB`, baseline: isMain ? 'WeChat limit 2,048 KB' : p.name === '(all)' ? 'WeChat limit 20 MB' : 'WeChat limit 2,048 KB',
      ratio: isMain || p.name !== '(all)' ? `${fmt(p.kb / 2048, 2)} × limit` : '', target: Number.isNaN(limit) ? '' : `≤ ${fmt(limit, 0)} KB`,
      met: Number.isNaN(limit) ? '' : p.kb <= limit ? 'yes' : 'no',
    });
  }
  if (firstLoad) {
    const gz = Number(firstLoad[3]);
    rows.push({ what: `h5 first load, ${firstPage?.[1] ?? 'first page'} (${firstLoad[1]})`, size: `${fmt(gz)} KB gzip (${fmt(Number(firstLoad[2]))} KB raw)`, baseline: 'target 150 KB gzip', ratio: `${fmt(gz / 150, 2)} × target`, target: '≤ 150 KB gzip', met: gz <= 150 ? 'yes' : 'no' });
  }
  // Agora: which h5 chunks hold it, whether the first load includes any, and which chunk imports it
  const h5js = join(dist, 'h5', 'js');
  if (existsSync(h5js)) {
    const files = readdirSync(h5js).filter((f) => f.endsWith('.js'));
    const agora = files.filter((f) => readFileSync(join(h5js, f), 'utf8').includes('AgoraRTC'));
    const html = readFileSync(join(dist, 'h5', 'index.html'), 'utf8');
    const firstIds = new Set([...html.matchAll(/js\/([^"]+)\.js/g)].map((m) => m[1]!.split('.')[0]!).concat((firstPage?.[2] ?? '').split(/,\s*/)));
    const inFirst = agora.filter((f) => firstIds.has(f.split('.')[0]!));
    const importers = agora.flatMap((f) => {
      const id = f.split('.')[0]!;
      return files.filter((g) => g !== f && readFileSync(join(h5js, g), 'utf8').includes(`.e(${id})`)).map((g) => `${g} imports ${f}`);
    });
    const agoraGz = agora.reduce((n, f) => n + gzipSync(readFileSync(join(h5js, f)), { level: 9 }).length, 0);
    rows.push({ what: 'agora-rtc-sdk-ng in the h5 build', size: `${agora.join(', ') || 'none'} (${fmt(agoraGz / 1024)} KB gzip)`, baseline: 'first load', ratio: inFirst.length ? `in first load: ${inFirst.join(', ')}` : 'not in first load', target: 'only in the room chunk', met: agora.length > 0 && inFirst.length === 0 ? 'yes' : 'no' });
    notes.push(`Agora is loaded on demand: ${importers.join('; ') || 'no importer found'} (the RTC module, only when the BFF answers agora mode for a call).`);
  }
  const weappAgora = /AgoraRTC found in the weapp build: (.*)/.exec(out);
  rows.push({ what: 'agora-rtc-sdk-ng in the weapp build', size: weappAgora ? weappAgora[1]! : 'none', baseline: '', ratio: '', target: 'none (mini-program uses live-pusher)', met: weappAgora ? 'no' : 'yes' });
  if (Number.isNaN(kb('(main)'))) notes.push(`size-check output not understood:\n${out}`);
  return {
    title: 'Package sizes',
    intro: 'From `scripts/size-check.ts` over `miniapp/dist` (what WeChat uploads: no source maps or licence notes; h5 first load = index.html + its scripts and styles + the first page\'s chunks, gzip -9). The baseline is WeChat\'s own limit.',
    rows, notes,
  };
}

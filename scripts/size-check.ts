// Sizes of the mini-program builds: the weapp main package and each subpackage (WeChat refuses a package
// over 2 MB; our budget for the main one is 1 MB), and what an h5 visitor downloads before the first page
// shows (gzip). Fails when the main package is over budget or agora-rtc-sdk-ng reached the weapp build.
// Usage: npm run build -w miniapp && npx tsx scripts/size-check.ts
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const MAIN_BUDGET = 1024 * 1024;
const dist = join(__dirname, '../miniapp/dist');
const weapp = join(dist, 'weapp');
const h5 = join(dist, 'h5');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]);
}

/** What WeChat uploads: source maps and license notes are not part of a package. */
const shipped = (file: string) => !file.endsWith('.map') && !file.endsWith('.LICENSE.txt');

function weappReport(): { failures: string[] } {
  const failures: string[] = [];
  const appJson = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>([['(main)', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const file of filesUnder(weapp).filter(shipped)) {
    const rel = relative(weapp, file).split(sep).join('/');
    const pkg = roots.find((r) => rel.startsWith(`${r}/`)) ?? '(main)';
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + statSync(file).size);
  }
  console.log('weapp packages');
  for (const [pkg, size] of sizes) console.log(`  ${pkg.padEnd(28)} ${kb(size).padStart(10)}`);
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  console.log(`  ${'(all)'.padEnd(28)} ${kb(total).padStart(10)}`);
  const main = sizes.get('(main)') ?? 0;
  if (main > MAIN_BUDGET) failures.push(`weapp main package is ${kb(main)}, over the ${kb(MAIN_BUDGET)} budget`);
  for (const [pkg, size] of sizes) if (size > 2 * 1024 * 1024) failures.push(`weapp package ${pkg} is ${kb(size)}, over WeChat's 2 MB limit`);
  const agora = filesUnder(weapp).filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes('AgoraRTC'));
  if (agora.length) failures.push(`AgoraRTC found in the weapp build: ${agora.map((f) => relative(weapp, f)).join(', ')}`);
  return { failures };
}

/** index.html's scripts and styles, plus the chunks its router loads for the first page. */
function h5Report(): void {
  const html = readFileSync(join(h5, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/?((?:js|css)\/[^"]+)"/g)].map((m) => m[1] as string);
  const app = assets.find((a) => /^js\/app\./.test(a));
  if (app) {
    const appJs = readFileSync(join(h5, app), 'utf8');
    const firstRoute = appJs.match(/"path":"([^"]+)","load":function\([^)]*\)\{return\[([^\]]*)\]/);
    const chunkIds = [...(firstRoute?.[2] ?? '').matchAll(/\.e\((\d+)\)/g)].map((m) => m[1]);
    for (const id of chunkIds) {
      for (const dir of ['js', 'css']) {
        // the newest file of that chunk id (older builds may have left others)
        const candidates = readdirSync(join(h5, dir)).filter((f) => f.startsWith(`${id}.`) && /\.(js|css)$/.test(f))
          .sort((a, b) => statSync(join(h5, dir, b)).mtimeMs - statSync(join(h5, dir, a)).mtimeMs);
        if (candidates[0]) assets.push(`${dir}/${candidates[0]}`);
      }
    }
    console.log(`h5 first page: ${firstRoute?.[1] ?? '(not found)'} (chunks ${chunkIds.join(', ') || 'none'})`);
  }
  let raw = Buffer.byteLength(html);
  let gzip = gzipSync(html, { level: 9 }).length;
  for (const asset of assets) {
    const bytes = readFileSync(join(h5, asset));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`h5 first load (index.html + ${assets.length} files): ${kb(raw)} raw, ${kb(gzip)} gzip`);
}

const failures: string[] = [];
if (existsSync(join(weapp, 'app.json'))) failures.push(...weappReport().failures);
else failures.push('no weapp build: run `npm run build:weapp -w miniapp` first');
if (existsSync(join(h5, 'index.html'))) h5Report();
else console.log('h5: no build (run `npm run build:h5 -w miniapp` to measure it)');

if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log('size check passed');

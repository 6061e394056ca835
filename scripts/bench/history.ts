/**
 * History: the hot reads timed as the office's stored history grows — 1,000, 20,000 and 200,000 events (inspections of
 * 100 events with their media metadata, bulk-loaded as the real write path stores them, `history-load.ts`), p50 and
 * p95 of each read over HTTP from the real BFF at each volume, and the growth ratio (p95 at the largest / smallest).
 * Each read asks for the same answer at every volume (the first loaded inspection, its application, its photo), so
 * growth is what the history costs, not a bigger answer. `npm run bench -- history` runs this section alone;
 * `HISTORY_VOLUMES=1000,20000` picks other volumes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { freePort } from '../embedded-db';
import { connectDatabase } from '../../bff/src/infra/db';
import { storeBuffer } from '../../bff/src/infra/gridfs';
import { UserModel } from '../../bff/src/modules/auth/auth.model';
import { MediaModel } from '../../bff/src/modules/media/media.model';
import { verifyChain } from '../../bff/src/modules/ledger/ledger.verify';
import { RecordEventModel } from '../../bff/src/modules/ledger/ledger.model';
import { eventsPerInspection, loadInspections, type LoadedInspection } from './history-load';
import { fmt, startChild, type Section } from './lib';

interface Read { name: string; who: string; path: (probe: LoadedInspection) => string; headers?: Record<string, string>; target?: number; index: string }

const reads: Read[] = [
  { name: 'inspection record (100 events)', who: 'inspector1', path: (p) => `/inspections/${p.inspectionId}/record`, target: 300,
    index: '`_id` (page copies `record_pages`, the head event `<inspectionId>:<seq>`, the head hint `record_heads`)' },
  { name: 'record verification', who: 'inspector1', path: (p) => `/inspections/${p.inspectionId}/verify`,
    index: '`_id` (head hint, anchor refs `record_anchor_refs`, each event, its office link `office_record`)' },
  { name: 'application status', who: 'applicant-red', path: (p) => `/applications/${p.applicationId}`, index: '`_id` (applications), then `users._id` for names' },
  { name: 'inspector queue (today)', who: 'inspector1', path: () => '/inspections?when=today&limit=50',
    index: '`_id`: the newest version of the inspector\'s list `inspector_queues` (`<inspectorId>:<n>`), then each listed inspection' },
  { name: 'review desk newest page', who: 'staff1', path: () => '/inspections?status=concluded&order=recent&limit=20', target: 300,
    index: '`_id`: the list `inspection_feed` `concluded:<n>` (head hint, entries), then each inspection' },
  { name: 'review desk search (address)', who: 'staff1', path: () => `/inspections?status=concluded&order=recent&limit=20&q=${encodeURIComponent('滨海大道 0 号')}`,
    index: '`_id`: the heads of the query\'s bigram lists `concluded:w:<bigram>`, then the shortest list\'s entries and their inspections' },
  { name: 'office figures', who: 'staff1', path: () => '/stats',
    index: '`_id`: running totals `office_figures` `upto:<j>` + < 16 entries of `concluded` (and their inspection, application); users `$in` for names; the seeded history (fixed) by `concludedAt`' },
  { name: 'media first 64 KB', who: 'inspector1', path: (p) => `/media/${p.photoIds[0]}`, headers: { range: 'bytes=0-65535' },
    index: '`media._id`, `inspections._id`, then the local read copy (GridFS `files._id` + `chunks` `{ files_id: 1, n: 1 }` when there is none)' },
];

const samples = 20;

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  if (!res.ok) throw new Error(`sign-in of ${username}: HTTP ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

interface Timed { p50: number; p95: number; base: { p50: number; p95: number } }

/**
 * The read's p50 and p95, each request paired with one of `GET /api/health` (HTTP, the BFF and a database ping: no
 * data) just before it: the same-run baseline, so that the growth can be told apart from the machine's load, which
 * changes between volumes on a shared machine.
 */
async function timeRead(url: string, headers: Record<string, string>, health: string): Promise<Timed> {
  const times: number[] = [];
  const base: number[] = [];
  const timeOne = async (target: string, h: Record<string, string>) => {
    const started = performance.now();
    const res = await fetch(target, { headers: h });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${target}: HTTP ${res.status}`);
    return performance.now() - started;
  };
  for (let n = 0; n < samples + 2; n++) {
    const b = await timeOne(health, {});
    const t = await timeOne(url, headers);
    if (n >= 2) { times.push(t); base.push(b); }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), base: { p50: percentile(base, 50), p95: percentile(base, 95) } };
}

export async function historySection(dbUri: string): Promise<Section> {
  const volumes = (process.env.HISTORY_VOLUMES ?? '1000,20000,200000').split(',').map(Number);
  await connectDatabase(dbUri, undefined, { selectionTimeoutMs: 10_000 });
  const cacheDir = mkdtempSync(join(tmpdir(), 'ycta-bench-media-'));
  const port = await freePort();
  const bff = await startChild(join(__dirname, 'bff-server.ts'), [], {
    MONGODB_URI: dbUri, PORT: String(port), JWT_SECRET: randomBytes(32).toString('hex'), DEV_LOGIN: 'true', LOG_LEVEL: 'warn',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000', MEDIA_CACHE_DIR: cacheDir,
  });
  try {
    const user = async (username: string) => (await UserModel.findOne({ username }).lean<{ _id: Types.ObjectId; subjectId?: Types.ObjectId }>())!;
    const [inspector, staff, applicant] = await Promise.all([user('inspector1'), user('staff1'), user('applicant-red')]);
    const people = { inspectorId: inspector._id, staffId: staff._id, applicantId: applicant._id, subjectId: applicant.subjectId ?? new Types.ObjectId() };
    const base = `http://127.0.0.1:${port}/api`;
    const tokens = new Map<string, string>();

    const results = new Map<string, Timed[]>();
    const loadNotes: string[] = [];
    let probe: LoadedInspection | undefined;
    let stored = await RecordEventModel.estimatedDocumentCount();
    for (const volume of volumes) {
      const wanted = Math.max(0, Math.ceil((volume - stored) / eventsPerInspection));
      const started = Date.now();
      const loaded = await loadInspections(wanted, people, stored);
      stored = await RecordEventModel.estimatedDocumentCount();
      loadNotes.push(`${fmt(volume, 0)}: ${wanted} inspections (${fmt(wanted * eventsPerInspection, 0)} events, ${fmt(wanted * 35, 0)} media documents) loaded in ${fmt((Date.now() - started) / 1000)} s; ${fmt(stored, 0)} events stored`);
      if (!probe) {
        probe = loaded[0]!;
        // the photo read needs real bytes: 300 KB in GridFS under the first photo's id
        const bytes = randomBytes(300_000);
        const file = await storeBuffer(bytes, { filename: 'probe.jpg', contentType: 'image/jpeg' });
        await MediaModel.collection.updateOne({ _id: new Types.ObjectId(probe.photoIds[0]) }, { $set: { fileId: file.fileId, size: file.size, sha256: file.sha256 } });
        const verification = await verifyChain(probe.inspectionId);
        if (!verification.ok) throw new Error(`loaded chain does not verify: ${JSON.stringify(verification.firstBroken)}`);
      }
      for (const read of reads) {
        // a fresh session for each read: loading a volume, or a slow read before, may outlast an access token
        tokens.set(read.who, await signIn(base, read.who));
        const headers = { authorization: `Bearer ${tokens.get(read.who)!}`, ...read.headers };
        const timed = await timeRead(`${base}${read.path(probe)}`, headers, `${base}/health`);
        results.set(read.name, [...(results.get(read.name) ?? []), timed]);
        console.error(`[bench] history ${volume}: ${read.name} p50 ${fmt(timed.p50)} ms, p95 ${fmt(timed.p95)} ms (health p50 ${fmt(timed.base.p50)}, p95 ${fmt(timed.base.p95)})`);
      }
    }
    return {
      title: 'History: hot reads as the office\'s record grows',
      intro: `The same reads over HTTP from the real BFF (embedded FerretDB, SQLite) at ${volumes.map((v) => fmt(v, 0)).join(' / ')} stored events ` +
        `(inspections of ${eventsPerInspection} events with their media metadata), ${samples} sequential requests each after 2 warm-ups; ` +
        'growth = p95 at the largest volume / p95 at the smallest; "against health": the same with each p95 divided by the p95 of the `GET /api/health` ' +
        'requests paired with it (one before each request: HTTP, the BFF and a database ping, no data), the same-run baseline for the machine\'s load at that volume. Targets: every growth ratio ≤ 2; the record of 100 events and the review desk\'s newest page p95 ≤ 300 ms at the largest volume.',
      rows: reads.map((read) => {
        const r = results.get(read.name)!;
        const growth = r.at(-1)!.p95 / r[0]!.p95;
        // the same growth with each volume's p95 taken as a multiple of its paired health reads' p95
        const adjusted = (r.at(-1)!.p95 / r.at(-1)!.base.p95) / (r[0]!.p95 / r[0]!.base.p95);
        const row: Record<string, string> = { read: read.name };
        volumes.forEach((v, i) => { row[`${fmt(v / 1000, 0)}k p50 / p95 ms`] = `${fmt(r[i]!.p50)} / ${fmt(r[i]!.p95)}`; });
        row.growth = `${fmt(growth, 2)} ×`;
        row['growth against health'] = `${fmt(adjusted, 2)} ×`;
        row['health p95 ms'] = r.map((x) => fmt(x.base.p95)).join(' / ');
        const p95ok = read.target === undefined || r.at(-1)!.p95 <= read.target;
        row.met = `${growth <= 2 ? 'growth yes' : `growth no (${adjusted <= 2 ? 'yes' : 'no'} against health)`}${read.target !== undefined ? `, p95 ≤ ${read.target} ms ${p95ok ? 'yes' : 'no'}` : ''}`;
        row['MongoDB index serving it'] = read.index;
        return row;
      }),
      notes: loadNotes,
    };
  } finally {
    bff.kill('SIGTERM');
    await mongoose.disconnect();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

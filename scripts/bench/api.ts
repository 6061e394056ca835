import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { join } from 'node:path';
import { freePort } from '../embedded-db';
import { fmt, load, median, startChild, type Section } from './lib';

/**
 * The applicant's status read (sign-in token check + one indexed read from the real database) against a bare
 * Koa hello-world and a bare `http` server, interleaved over several rounds, each on CPU 0 while load runs on CPU 1.
 */
export async function apiSection(dbUri: string, rounds = 3, seconds = 5): Promise<Section> {
  const [httpPort, koaPort, bffPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const servers = join(__dirname, 'servers.ts');
  const children = [
    await startChild(servers, ['http', String(httpPort)]),
    await startChild(servers, ['koa', String(koaPort)]),
    await startChild(join(__dirname, 'bff-server.ts'), [], {
      MONGODB_URI: dbUri, PORT: String(bffPort), JWT_SECRET: randomBytes(32).toString('hex'), DEV_LOGIN: 'true',
      // the BFF logs every request as JSON: send it to /dev/null's cost-equivalent (a file descriptor that discards) is not
      // what production does, so keep logging on and write to stdout, which the child discards.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    }),
  ];
  try {
    const base = `http://127.0.0.1:${bffPort}/api`;
    const login = await fetch(`${base}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'applicant-red' }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const statusRead = await statusReadPath(base, token);
    const targets = [
      { name: 'bare node:http hello', url: `http://127.0.0.1:${httpPort}/` },
      { name: 'bare Koa hello', url: `http://127.0.0.1:${koaPort}/` },
      { name: `BFF ${statusRead.label}`, url: `${base}${statusRead.path}`, headers: { authorization: `Bearer ${token}` } },
    ];
    for (const t of targets) await load(t.url, { seconds: 1, headers: t.headers }); // warm-up
    const results = new Map<string, { rps: number[]; p50: number[]; p99: number[]; bad: number }>();
    for (let round = 0; round < rounds; round++) {
      for (const t of targets) {
        const r = await load(t.url, { seconds, headers: t.headers });
        const acc = results.get(t.name) ?? { rps: [], p50: [], p99: [], bad: 0 };
        acc.rps.push(r.rps); acc.p50.push(r.p50); acc.p99.push(r.p99); acc.bad += r.errors + r.non2xx;
        results.set(t.name, acc);
      }
    }
    const dbAlone: number[] = [];
    for (let round = 0; round < rounds; round++) dbAlone.push(await databaseAlone(dbUri, seconds));
    const koaRps = median(results.get('bare Koa hello')!.rps);
    const httpRps = median(results.get('bare node:http hello')!.rps);
    return {
      title: 'API: the applicant\'s status read',
      intro: `autocannon, 50 connections, ${rounds} interleaved rounds of ${seconds} s per target, medians. Servers pinned to CPU 0, load to CPU 1. Target: BFF ≥ 0.25 × bare Koa, p99 ≤ 25 ms.`,
      notes: [
        `The database alone (the same kind of read through the raw driver, 50 concurrent, no HTTP): ${fmt(median(dbAlone), 0)} reads/s. ` +
        `The BFF's status read reaches ${fmt(median(results.get(targets[2]!.name)!.rps) / median(dbAlone), 2)} × that: the embedded FerretDB (SQLite backend, pure-Go SQLite) is the ceiling, not the BFF's middleware.`,
      ],
      rows: targets.map((t) => {
        const r = results.get(t.name)!;
        const rps = median(r.rps);
        return {
          target: t.name, 'req/s': fmt(rps, 0), 'p50 ms': fmt(median(r.p50)), 'p99 ms': fmt(median(r.p99)),
          '× bare Koa': fmt(rps / koaRps, 2), '× bare http': fmt(rps / httpRps, 2), 'errors/non-2xx': r.bad,
          goal: t === targets[2] ? '≥ 0.25 × Koa, p99 ≤ 25 ms' : '',
          met: t === targets[2] ? `${rps / koaRps >= 0.25 ? 'ratio yes' : 'ratio no'}, ${median(r.p99) <= 25 ? 'p99 yes' : 'p99 no'}` : '',
        };
      }),
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }
}

/** Reads by _id through the raw driver at 50 concurrent, for `seconds`: what the database itself can serve. */
async function databaseAlone(dbUri: string, seconds: number): Promise<number> {
  const conn = await mongoose.createConnection(dbUri, { maxPoolSize: 60 }).asPromise();
  try {
    const users = conn.db!.collection('users');
    const ids = (await users.find({}, { projection: { _id: 1 } }).toArray()).map((u) => u._id);
    let n = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: 50 }, async () => {
      while (Date.now() < end) { await users.findOne({ _id: ids[n % ids.length] }); n++; }
    }));
    return n / seconds;
  } finally {
    await conn.close();
  }
}

/** The application detail of the signed-in applicant when the applications module exists, else the user read. */
async function statusReadPath(base: string, token: string): Promise<{ path: string; label: string }> {
  const list = await fetch(`${base}/applications?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  if (list.ok) {
    const body = (await list.json()) as { items: { id: string }[] };
    if (body.items[0]) return { path: `/applications/${body.items[0].id}`, label: 'GET /applications/:id (auth + indexed read)' };
  }
  return { path: '/me', label: 'GET /me (auth + indexed read)' };
}

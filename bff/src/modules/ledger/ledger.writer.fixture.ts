/**
 * A separate writer process for the concurrency test: appends `EVENTS` events from each of `WRITERS` concurrent
 * writers to one inspection, so appends race across processes (within one process they take turns).
 * Env: MONGODB_URI, DB_NAME, INSPECTION_ID, WRITERS, EVENTS, TAG.
 */
import { connectDatabase, disconnectDatabase } from '../../infra/db';
import { appendEvent, lostRaceCount } from './ledger.service';

async function main() {
  const env = process.env;
  await connectDatabase(env.MONGODB_URI!, env.DB_NAME, { selectionTimeoutMs: 5000 });
  const writers = Number(env.WRITERS);
  const events = Number(env.EVENTS);
  await Promise.all(Array.from({ length: writers }, async (_w, w) => {
    for (let n = 0; n < events; n++) {
      await appendEvent({ inspectionId: env.INSPECTION_ID!, type: 'still.taken', actor: 'system', payload: { writer: `${env.TAG}-${w}`, n } });
    }
  }));
  process.stdout.write(`${JSON.stringify({ lostRaces: lostRaceCount() })}\n`);
  await disconnectDatabase();
}

main().catch((err: Error) => { console.error(err); process.exit(1); });

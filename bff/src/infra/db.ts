import mongoose from 'mongoose';

/**
 * Busy is not down. On a loaded machine a new connection to the database, or its answer, can take seconds: commands
 * wait for it up to `selectionTimeoutMs` (the bound). A database that is gone refuses connections, and the driver's
 * monitor learns that within its heartbeat (a command's network error, clearing the pool, says so first): from then
 * on, until a heartbeat succeeds, `databaseRefuses()` is true,
 * and `onRefusal` listeners let waiting requests answer 503 at once instead of waiting out the bound.
 */
let refusing = false;
const refusalListeners = new Set<() => void>();
const refusal = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|connection .*closed/i;

function isRefusal(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const { message = '', code } = err as { message?: string; code?: unknown };
  return refusal.test(String(code ?? '')) || refusal.test(message) || isRefusal((err as { cause?: unknown }).cause, depth + 1);
}

export const databaseRefuses = () => refusing;

/** Calls `listener` when the database starts refusing connections; returns how to stop listening. */
export function onRefusal(listener: () => void): () => void {
  refusalListeners.add(listener);
  return () => { refusalListeners.delete(listener); };
}

/** Connects the process-wide mongoose connection. Commands fail instead of queueing while the server is away. */
export async function connectDatabase(uri: string, dbName?: string, opts: { selectionTimeoutMs?: number } = {}): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  const connected = await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    // how long a command waits for a server (and a pooled connection) before failing: the bound for a slow machine
    serverSelectionTimeoutMS: opts.selectionTimeoutMs ?? 5000,
    heartbeatFrequencyMS: 1000,
    bufferCommands: false,
    autoIndex: true,
  });
  const client = connected.connection.getClient();
  const markRefusing = () => {
    if (refusing) return;
    refusing = true;
    for (const listener of [...refusalListeners]) listener();
  };
  client.on('serverHeartbeatFailed', (e) => { if (isRefusal(e.failure)) markRefusing(); });
  // a network error on a command clears the pool: the first sign, before the monitor's next check confirms it
  client.on('connectionPoolCleared', markRefusing);
  client.on('serverHeartbeatSucceeded', () => { refusing = false; });
  return connected;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
  refusing = false;
}

/** Creates every model's indexes; run at start so unique constraints hold before the first request. */
export async function syncIndexes(): Promise<void> {
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
}

/** A write refused by a unique index: the way this project learns that another writer got there first. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

import mongoose from 'mongoose';

/** Connects the process-wide mongoose connection. Commands fail fast instead of queueing while the server is away. */
export async function connectDatabase(uri: string, dbName?: string, opts: { selectionTimeoutMs?: number } = {}): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  return mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    // how long a command waits for a server before failing: the BFF answers 503 within this when the database is away
    serverSelectionTimeoutMS: opts.selectionTimeoutMs ?? 500,
    heartbeatFrequencyMS: 1000,
    bufferCommands: false,
    autoIndex: true,
  });
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** Creates every model's indexes; run at start so unique constraints hold before the first request. */
export async function syncIndexes(): Promise<void> {
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
}

/** A write refused by a unique index: the way this project learns that another writer got there first. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

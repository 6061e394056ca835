import mongoose from 'mongoose';

/** Connects the process-wide mongoose connection. Commands fail fast instead of queueing while the server is away. */
export async function connectDatabase(uri: string, dbName?: string): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  return mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 2000,
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

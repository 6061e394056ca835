import { mongo } from 'mongoose';
import { isDbUnavailable } from './error-middleware';

/** As the driver's connection pool raises them (mongodb/lib/cmap/errors), where the classes are not exported. */
class PoolClearedError extends mongo.MongoNetworkError {
  override get name() { return 'MongoPoolClearedError'; }
}
class PoolClosedError extends Error {
  override get name() { return 'MongoPoolClosedError'; }
}
const mongooseError = (message: string) => Object.defineProperty(new Error(message), 'name', { value: 'MongooseError' });

describe('which errors mean the database is unavailable (503 DB.UNAVAILABLE, not 500)', () => {
  it('when the driver reports a lost connection, a timeout, a cleared or closed pool or no server, then it is the database', () => {
    for (const err of [
      new mongo.MongoNetworkError('connection 3 to 127.0.0.1:1 closed'),
      new mongo.MongoNetworkTimeoutError('connection timed out'),
      new PoolClearedError('Connection pool for 127.0.0.1:1 was cleared because another operation failed'),
      new mongo.MongoServerSelectionError('Server selection timed out after 500 ms', { type: 'Unknown', servers: new Map(), stale: false, compatible: true, heartbeatFrequencyMS: 0, localThresholdMS: 0, setName: null, maxElectionId: null, maxSetVersion: null, commonWireVersion: 0, logicalSessionTimeoutMinutes: null } as never),
      new mongo.MongoNotConnectedError('not connected'),
      new mongo.MongoTopologyClosedError(),
      new PoolClosedError('Attempted to check out a connection from closed connection pool'),
      mongooseError('Operation `users.findOne()` buffering timed out after 500ms'),
      new Error('wrapped', { cause: new mongo.MongoNetworkError('socket hang up') }),
      // what the driver let through when FerretDB was SIGKILLed mid-write (db-faults test, under load)
      Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }),
    ]) expect([err.name, err.message, isDbUnavailable(err)]).toEqual([err.name, err.message, true]);
  });

  it('when the server answered with an error, or it is not a database error at all, then it is not', () => {
    for (const err of [
      new mongo.MongoServerError({ message: 'E11000 duplicate key', code: 11000 }),
      new TypeError('x is undefined'),
      new Error('boom'),
      null,
      'text',
    ]) expect(isDbUnavailable(err)).toBe(false);
  });
});

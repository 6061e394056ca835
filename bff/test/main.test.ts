import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { startBff } from '../src/main';
import { testEnv } from './harness';

describe('starting the BFF', () => {
  it('when its port is taken, then it fails with what to do, and leaves no database connection open behind it', async () => {
    const squatter = createServer();
    await new Promise<void>((ok) => squatter.listen(0, '127.0.0.1', ok));
    const port = (squatter.address() as AddressInfo).port;
    try {
      await expect(startBff(testEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' })))
        .rejects.toThrow(`port ${port} on 127.0.0.1 is already in use: stop what is using it, or start with PORT set to a free port`);
      expect(mongoose.connection.readyState).toBe(0);
    } finally {
      await new Promise<void>((ok) => squatter.close(() => ok()));
    }
  });

  it('when the port is free, then it listens and stops cleanly', async () => {
    const bff = await startBff(testEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }));
    expect((await fetch(`http://127.0.0.1:${bff.port}/api/health`)).status).toBe(200);
    await bff.stop();
    expect(mongoose.connection.readyState).toBe(0);
  });
});

/** The real BFF as a benchmark child: `tsx bff-server.ts` with MONGODB_URI etc. in the environment. */
import { startBff } from '../../bff/src/main';

startBff({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' }).then(
  () => process.send?.('ready'),
  (err: Error) => { process.send?.(err.message); process.exit(1); },
);

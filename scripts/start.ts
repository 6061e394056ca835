/**
 * `npm start`: the product on the embedded database. Starts FerretDB (unless MONGODB_URI is set), builds the H5
 * app when stale, seeds demo data, starts the BFF and prints where to open it. Ctrl-C stops everything it started.
 */
import { resolve } from 'node:path';
import { repoRoot } from './embedded-db';
import { startStack } from './stack';
import { demoUsers, demoPassword } from '../bff/src/seed';

async function main() {
  const stack = await startStack({
    dataDir: resolve(repoRoot, process.env.DATA_DIR ?? 'data'),
    log: (msg) => console.log(`[start] ${msg}`),
  });
  const stop = (signal: string) => {
    console.log(`\n[start] ${signal}: stopping the BFF${stack.db ? ' and the embedded database' : ''}…`);
    stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  console.log(`\n远程踏勘 is running: open ${stack.url}  (API: ${stack.url}api/health)`);
  if (stack.bff.config.auth.devLogin) {
    console.log(`Demo accounts (dev sign-in by username): ${demoUsers.map((u) => u.username).join(', ')}`);
  }
  console.log(`Staff-side demo password: ${demoPassword}\nPress Ctrl-C to stop.`);
}

main().catch((err: Error) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});

/**
 * One `npm start` per data directory: `<DATA_DIR>/start.pid` names the running one. A second start on the same
 * directory is refused while that process lives; a pid file left by a start that was killed is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineOf, isAlive } from './embedded-db';

const recordedPid = (file: string): number | null => {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/** Claims the directory for this process; the answer releases it. */
export function claimDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'start.pid');
  const holder = recordedPid(file);
  if (holder !== null && holder !== process.pid && isAlive(holder) && /node|tsx/.test(commandLineOf(holder))) {
    throw new Error(`another \`npm start\` (pid ${holder}) is already running on ${dataDir}: stop it first (Ctrl-C in its terminal, or \`kill ${holder}\`), or start with another DATA_DIR`);
  }
  writeFileSync(file, String(process.pid));
  return () => {
    if (recordedPid(file) === process.pid) rmSync(file, { force: true });
  };
}

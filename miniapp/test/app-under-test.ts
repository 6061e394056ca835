import { configureApi } from '../src/api';
import { memorySessionStore } from '../src/api/session-store';
import { applicantSession } from './fixtures';
import { startLocalBff } from './local-bff';
import { nodeTransport } from './node-transport';

export { applicantSession };

/** The app's real API client over real HTTP to a local server; signed in unless told otherwise. */
export async function startAppAgainstLocalBff({ signedIn = true } = {}) {
  const bff = await startLocalBff();
  const client = configureApi({ baseUrl: bff.baseUrl, transport: nodeTransport, sessions: memorySessionStore(signedIn ? applicantSession : null) });
  return { bff, client };
}

import type { Session } from '@ycta/shared/contracts/auth.contract';
import { configureApi } from '../src/api';
import { memorySessionStore } from '../src/api/session-store';
import { startLocalBff } from './local-bff';
import { nodeTransport } from './node-transport';

export const applicantSession: Session = {
  accessToken: 'access-1',
  expiresIn: 900,
  refreshToken: 'refresh-token-1',
  user: { id: 'u1', username: 'applicant-red', displayName: '红码商户', role: 'applicant', subjectId: 's1' },
};

/** The app's real API client over real HTTP to a local server; signed in unless told otherwise. */
export async function startAppAgainstLocalBff({ signedIn = true } = {}) {
  const bff = await startLocalBff();
  const client = configureApi({ baseUrl: bff.baseUrl, transport: nodeTransport, sessions: memorySessionStore(signedIn ? applicantSession : null) });
  return { bff, client };
}

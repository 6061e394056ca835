import type { User } from '@ycta/shared/contracts/auth.contract';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { routes } from '../api/routes';
import { currentPageUrl, pages, replacePage } from '../navigation';
import { signedInUser } from './sign-in';

/** To sign-in, and back to this same page once signed in again. */
export function toSignIn(): void {
  replacePage(pages.signIn(currentPageUrl()));
}

/**
 * The signed-in user of a page that needs one. Without a session (never signed in, or expired and the refresh
 * refused) the page goes to sign-in, which brings the person back here afterwards: no dead "请先登录 / 重试" loop.
 */
export function useSessionGuard(): User | null {
  const [user] = useState<User | null>(signedInUser);
  useEffect(() => {
    if (!user) toSignIn();
    return api.onSignedOut(toSignIn);
  }, [user]);
  return user;
}

/** Ends the session on the server too (its refresh token is revoked), then shows sign-in. */
export async function signOutEverywhere(): Promise<void> {
  const refreshToken = api.sessions.load()?.refreshToken;
  api.sessions.save(null);
  // the local session is gone whatever the server answers: a failed revoke must not keep anyone signed in here
  if (refreshToken) await api.call(routes.logout, { body: { refreshToken } }).catch(() => undefined);
  replacePage(pages.home);
}

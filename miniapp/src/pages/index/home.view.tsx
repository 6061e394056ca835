import type { User } from '@ycta/shared/contracts/auth.contract';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { SignInView } from '../../auth/sign-in.view';
import { signedInUser } from '../../auth/sign-in';
import { replacePage, safeReturnTo } from '../../navigation';
import { ApplicationsView } from './applications.view';

interface Props {
  visit?: number;
  /** The page that sent the person here to sign in: they go back to it afterwards. */
  returnTo?: string;
}

/** The first page: sign in if needed, then my applications; on h5 other roles go on to their own desk. */
export function HomeView({ visit = 0, returnTo }: Props) {
  const [user, setUser] = useState<User | null>(signedInUser);
  useEffect(() => api.onSignedOut(() => setUser(null)), []);
  useEffect(() => {
    if (!user) return;
    const back = safeReturnTo(returnTo);
    if (back) {
      replacePage(back);
      return;
    }
    // the inspector and staff desks are h5-only subpackages: the weapp build never reaches this import
    if (process.env.TARO_ENV !== 'h5' || user.role === 'applicant') return;
    void import('../../packages/staff/role-homes').then(({ homeOfRole }) => {
      const home = homeOfRole(user.role);
      if (home) replacePage(home);
    });
  }, [user, returnTo]);
  return user ? <ApplicationsView visit={visit} /> : <SignInView onSignedIn={setUser} returning={Boolean(safeReturnTo(returnTo))} />;
}

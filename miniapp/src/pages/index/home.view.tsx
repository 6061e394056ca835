import type { User } from '@ycta/shared/contracts/auth.contract';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { SignInView } from '../../auth/sign-in.view';
import { signedInUser } from '../../auth/sign-in';
import { replacePage } from '../../navigation';
import { ApplicationsView } from './applications.view';

/** The first page: sign in if needed, then my applications; on h5 other roles go on to their own desk. */
export function HomeView({ visit = 0 }: { visit?: number }) {
  const [user, setUser] = useState<User | null>(signedInUser);
  useEffect(() => api.onSignedOut(() => setUser(null)), []);
  useEffect(() => {
    // the inspector and staff desks are h5-only subpackages: the weapp build never reaches this import
    if (process.env.TARO_ENV !== 'h5' || !user || user.role === 'applicant') return;
    void import('../../packages/staff/role-homes').then(({ homeOfRole }) => {
      const home = homeOfRole(user.role);
      if (home) replacePage(home);
    });
  }, [user]);
  return user ? <ApplicationsView visit={visit} /> : <SignInView onSignedIn={setUser} />;
}

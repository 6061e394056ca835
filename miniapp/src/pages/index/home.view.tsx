import type { User } from '@ycta/shared/contracts/auth.contract';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { SignInView } from '../../auth/sign-in.view';
import { signedInUser } from '../../auth/sign-in';
import { ApplicationsView } from './applications.view';

/** The first page: sign in if needed, then my applications. */
export function HomeView({ visit = 0 }: { visit?: number }) {
  const [user, setUser] = useState<User | null>(signedInUser);
  useEffect(() => api.onSignedOut(() => setUser(null)), []);
  return user ? <ApplicationsView visit={visit} /> : <SignInView onSignedIn={setUser} />;
}

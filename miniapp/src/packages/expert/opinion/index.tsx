import { useRouter } from '@tarojs/taro';
import type { User } from '@ycta/shared/contracts/auth.contract';
import { useState } from 'react';
import { SignInView } from '../../../auth/sign-in.view';
import { signedInUser } from '../../../auth/sign-in';
import { ExpertOpinionView } from './opinion.view';

/** Opened from the inspector's invitation link: sign in first if needed, then accept it. */
export default function ExpertOpinionPage() {
  const { params } = useRouter();
  const [user, setUser] = useState<User | null>(signedInUser);
  if (!user) return <SignInView onSignedIn={setUser} />;
  return <ExpertOpinionView invitation={params.invitation} id={params.id} />;
}

import Taro from '@tarojs/taro';
import type { Session, User } from '@ycta/shared/contracts/auth.contract';
import { api } from '../api';
import { routes } from '../api/routes';

/** Keeps a new session for the next launches and says who signed in. */
function keep(session: Session): User {
  api.sessions.save(session);
  return session.user;
}

/** WeChat: the one-time code from `Taro.login` goes to the BFF, which asks WeChat who it is. */
export async function signInWithWechat(): Promise<User> {
  const { code } = await Taro.login();
  return keep(await api.call(routes.wechatLogin, { body: { code } }));
}

/** Inspectors, experts and staff on their desk browsers: username and password (locked after repeated failures). */
export async function signInWithPassword(username: string, password: string): Promise<User> {
  return keep(await api.call(routes.passwordLogin, { body: { username, password } }));
}

/** Development and demos only: the BFF refuses it unless explicitly enabled. */
export async function signInAsDemoUser(username: string): Promise<User> {
  return keep(await api.call(routes.devLogin, { body: { username } }));
}

export function signedInUser(): User | null {
  return api.sessions.load()?.user ?? null;
}

export function signOut(): void {
  api.sessions.save(null);
}

import Taro from '@tarojs/taro';
import type { User } from '@ycta/shared/contracts/auth.contract';
import { api } from '../api';
import { routes } from '../api/routes';

/** WeChat: the one-time code from `Taro.login` goes to the BFF, which asks WeChat who it is. */
export async function signInWithWechat(): Promise<User> {
  const { code } = await Taro.login();
  const session = await api.call(routes.wechatLogin, { body: { code } });
  api.sessions.save(session);
  return session.user;
}

/** Inspectors, experts and staff on their desk browsers: username and password (locked after repeated failures). */
export async function signInWithPassword(username: string, password: string): Promise<User> {
  const session = await api.call(routes.passwordLogin, { body: { username, password } });
  api.sessions.save(session);
  return session.user;
}

/** Development and demos only: the BFF refuses it unless explicitly enabled. */
export async function signInAsDemoUser(username: string): Promise<User> {
  const session = await api.call(routes.devLogin, { body: { username } });
  api.sessions.save(session);
  return session.user;
}

export function signedInUser(): User | null {
  return api.sessions.load()?.user ?? null;
}

export function signOut(): void {
  api.sessions.save(null);
}

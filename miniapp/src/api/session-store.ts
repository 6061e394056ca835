import Taro from '@tarojs/taro';
import type { Session } from '@ycta/shared/contracts/auth.contract';

/** Where the signed-in session lives between launches. */
export interface SessionStore {
  load(): Session | null;
  save(session: Session | null): void;
}

const KEY = 'ycta.session';

export const storageSessionStore: SessionStore = {
  load() {
    const saved = Taro.getStorageSync(KEY) as Session | '' | undefined;
    return saved ? saved : null;
  },
  save(session) {
    if (session) Taro.setStorageSync(KEY, session);
    else Taro.removeStorageSync(KEY);
  },
};

export function memorySessionStore(initial: Session | null = null): SessionStore {
  let current = initial;
  return { load: () => current, save: (s) => { current = s; } };
}

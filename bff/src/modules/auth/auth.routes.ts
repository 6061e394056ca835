import { authContract as c } from '@ycta/shared';
import { bind } from '../../lib/contract-router';
import type { AuthService } from './auth.service';

export function authRoutes(auth: AuthService) {
  return [
    bind(c.wechatLogin, ({ body }) => auth.wechatLogin(body.code)),
    bind(c.passwordLogin, ({ body }) => auth.passwordLogin(body.username, body.password)),
    bind(c.devLogin, ({ body }) => auth.devLogin(body.username)),
    bind(c.refresh, ({ body }) => auth.refresh(body.refreshToken)),
    bind(c.logout, async ({ body }) => { await auth.logout(body.refreshToken); }),
    bind(c.me, ({ user }) => auth.me(user)),
  ];
}

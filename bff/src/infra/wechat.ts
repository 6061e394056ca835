import { AppError } from '../lib/app-error';

export interface WechatConfig {
  appId: string;
  secret: string;
  apiBase: string;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

// errcodes documented for auth.code2Session
const codeRejected = new Set([40029, 40163, 40226]);

/** WeChat's `code2Session` (GET /sns/jscode2session): exchanges a `wx.login` code for the user's openid. */
export function createWechatClient(config: WechatConfig, timeoutMs = 5000) {
  return {
    configured: Boolean(config.appId && config.secret),
    async code2Session(code: string): Promise<WechatSession> {
      if (!config.appId || !config.secret) {
        throw new AppError('AUTH.WECHAT_NOT_CONFIGURED');
      }
      const url = new URL('/sns/jscode2session', config.apiBase);
      url.search = new URLSearchParams({ appid: config.appId, secret: config.secret, js_code: code, grant_type: 'authorization_code' }).toString();
      let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        body = (await res.json()) as typeof body;
      } catch (cause) {
        throw new AppError('AUTH.WECHAT_FAILED', { cause });
      }
      if (body.errcode && body.errcode !== 0) {
        if (codeRejected.has(body.errcode)) throw new AppError('AUTH.WECHAT_CODE_INVALID', { details: { errcode: body.errcode } });
        throw new AppError('AUTH.WECHAT_FAILED', { details: { errcode: body.errcode } });
      }
      if (!body.openid) throw new AppError('AUTH.WECHAT_FAILED');
      return { openid: body.openid, ...(body.unionid ? { unionid: body.unionid } : {}) };
    },
  };
}
export type WechatClient = ReturnType<typeof createWechatClient>;

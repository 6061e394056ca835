import { AppError } from '../../lib/app-error';

/**
 * WeChat mini-program subscribe messages (订阅消息): an access token from `GET /cgi-bin/token` (client_credential),
 * cached until shortly before it expires, then `POST /cgi-bin/message/subscribe/send?access_token=…`.
 * The base URL is configuration, so tests talk to a local server speaking the same API.
 */
export interface WechatSubscribeConfig { appId: string; secret: string; apiBase: string; timeoutMs?: number }

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  /** Template fields by key; each is sent as `{ value }`. */
  data: Record<string, string>;
}

// errcodes after which a new access token is worth one more try
const tokenRejected = new Set([40001, 40014, 42001]);

export function createWechatSubscribeClient(config: WechatSubscribeConfig) {
  let cached: { token: string; expiresAt: number } | null = null;
  const timeout = () => AbortSignal.timeout(config.timeoutMs ?? 5000);

  async function call<T extends { errcode?: number; errmsg?: string }>(url: URL, init?: RequestInit): Promise<T> {
    let body: T;
    try {
      const res = await fetch(url, { ...init, signal: timeout() });
      body = (await res.json()) as T;
    } catch (cause) {
      throw new AppError('NOTIFY.FAILED', { cause });
    }
    return body;
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const url = new URL('/cgi-bin/token', config.apiBase);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.secret }).toString();
    const body = await call<{ access_token?: string; expires_in?: number; errcode?: number }>(url);
    if (!body.access_token) throw new AppError('NOTIFY.FAILED', { details: { errcode: body.errcode ?? null } });
    // renew five minutes early: WeChat keeps the old token valid for a while after a new one is issued
    cached = { token: body.access_token, expiresAt: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return cached.token;
  }

  async function sendOnce(msg: SubscribeMessage): Promise<{ errcode?: number; errmsg?: string }> {
    const url = new URL('/cgi-bin/message/subscribe/send', config.apiBase);
    url.search = new URLSearchParams({ access_token: await accessToken() }).toString();
    const data = Object.fromEntries(Object.entries(msg.data).map(([k, value]) => [k, { value }]));
    return call(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: msg.touser, template_id: msg.templateId, page: msg.page, data, miniprogram_state: 'formal', lang: 'zh_CN' }),
    });
  }

  return {
    async send(msg: SubscribeMessage): Promise<void> {
      let body = await sendOnce(msg);
      if (body.errcode && tokenRejected.has(body.errcode)) {
        cached = null;
        body = await sendOnce(msg);
      }
      // 43101: the user has not subscribed (or used up the subscription): not a fault of ours, but not sent either
      if (body.errcode) throw new AppError('NOTIFY.FAILED', { details: { errcode: body.errcode } });
    },
  };
}
export type WechatSubscribeClient = ReturnType<typeof createWechatSubscribeClient>;

import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server answering like WeChat's `GET /cgi-bin/token` (client_credential) and
 * `POST /cgi-bin/message/subscribe/send`: unknown access tokens answer 40001, users who did not subscribe 43101.
 */
export async function startWechatMessageServer(opts: { appId: string; secret: string; subscribed: string[] }) {
  const tokens = new Set<string>();
  const sent: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[] = [];
  let tokenRequests = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c; });
    req.on('end', () => {
      const reply = (body: object) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(body)); };
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/cgi-bin/token') {
        tokenRequests++;
        const q = url.searchParams;
        if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== opts.appId || q.get('secret') !== opts.secret) return reply({ errcode: 40013, errmsg: 'invalid appid' });
        const token = randomBytes(16).toString('hex');
        tokens.add(token);
        return reply({ access_token: token, expires_in: 7200 });
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
        if (!tokens.has(url.searchParams.get('access_token') ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential' });
        const body = JSON.parse(raw) as (typeof sent)[number];
        if (!opts.subscribed.includes(body.touser)) return reply({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        sent.push(body);
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    get tokenRequests() { return tokenRequests; },
    /** Makes WeChat forget every issued token (as after a secret reset). */
    revokeTokens() { tokens.clear(); },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

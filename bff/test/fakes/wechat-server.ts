import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server answering like WeChat's `GET /sns/jscode2session`: known codes map to openids, used codes answer
 * 40163, unknown ones 40029, and `rate-limited` answers 45011.
 */
export async function startWechatServer(codes: Record<string, string>, appId: string, secret: string) {
  const used = new Set<string>();
  const calls: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const reply = (body: object) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(body)); };
    if (url.pathname !== '/sns/jscode2session') { res.statusCode = 404; return res.end(); }
    const q = url.searchParams;
    calls.push(q);
    if (q.get('appid') !== appId || q.get('secret') !== secret) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    const code = q.get('js_code') ?? '';
    if (code === 'rate-limited') return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
    if (used.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    const openid = codes[code];
    if (!openid) return reply({ errcode: 40029, errmsg: 'invalid code' });
    used.add(code);
    return reply({ openid, session_key: 'c2Vzc2lvbi1rZXk=' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

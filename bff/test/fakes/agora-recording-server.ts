import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server answering like Agora's Cloud Recording RESTful API v1: Basic auth with the customer key and secret,
 * `acquire` → resourceId (valid five minutes), `start` → sid, `query`, `stop`. `loseRecorderAfterStart` makes the
 * next started recorder vanish: its `query` answers 404 as Agora does when the worker is gone.
 */
export async function startAgoraRecordingServer(opts: { appId: string; customerKey: string; customerSecret: string }) {
  const resources = new Map<string, { cname: string; uid: string; acquiredAt: number }>();
  const sessions = new Map<string, { resourceId: string; cname: string; uid: string; lost: boolean; stopped: boolean }>();
  const calls: { method: string; path: string; body: Record<string, unknown> }[] = [];
  const state = { loseRecorderAfterStart: false };
  const expected = `Basic ${Buffer.from(`${opts.customerKey}:${opts.customerSecret}`).toString('base64')}`;

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c; });
    req.on('end', () => {
      const reply = (status: number, body: object) => { res.statusCode = status; res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(body)); };
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = raw ? JSON.parse(raw) as Record<string, unknown> : {};
      calls.push({ method: req.method ?? '', path, body });
      if (req.headers.authorization !== expected) return reply(401, { message: 'Invalid authentication credentials' });
      const prefix = `/v1/apps/${opts.appId}/cloud_recording`;
      if (!path.startsWith(prefix)) return reply(404, { message: 'no Route matched with those values' });
      const rest = path.slice(prefix.length);
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && rest === '/acquire') {
        const resourceId = randomBytes(24).toString('base64url');
        resources.set(resourceId, { cname: String(body.cname), uid: String(body.uid), acquiredAt: Date.now() });
        return reply(200, { cname: body.cname, uid: body.uid, resourceId });
      }
      if (req.method === 'POST' && (m = /^\/resourceid\/([^/]+)\/mode\/(mix|individual|web)\/start$/.exec(rest))) {
        const r = resources.get(m[1]!);
        if (!r || Date.now() - r.acquiredAt > 5 * 60_000) return reply(404, { code: 404, reason: 'resource not found' });
        const clientRequest = body.clientRequest as { token?: string; storageConfig?: object } | undefined;
        if (!clientRequest?.token || !clientRequest.storageConfig) return reply(400, { code: 2, reason: 'invalid parameter' });
        const sid = randomBytes(16).toString('hex');
        sessions.set(sid, { resourceId: m[1]!, cname: r.cname, uid: r.uid, lost: state.loseRecorderAfterStart, stopped: false });
        state.loseRecorderAfterStart = false;
        return reply(200, { cname: r.cname, uid: r.uid, resourceId: m[1], sid });
      }
      if ((m = /^\/resourceid\/([^/]+)\/sid\/([^/]+)\/mode\/(mix|individual|web)\/(query|stop)$/.exec(rest))) {
        const s = sessions.get(m[2]!);
        if (!s || s.resourceId !== m[1] || s.lost || s.stopped) return reply(404, { code: 404, reason: 'failed to find worker' });
        const fileList = [{ fileName: `${s.cname}_${m[2]}.m3u8`, trackType: 'audio_and_video', uid: '0', sliceStartTime: Date.now() }];
        if (m[4] === 'stop') {
          if (req.method !== 'POST') return reply(405, {});
          s.stopped = true;
          return reply(200, { resourceId: m[1], sid: m[2], serverResponse: { fileListMode: 'json', fileList, uploadingStatus: 'uploaded' } });
        }
        return reply(200, { resourceId: m[1], sid: m[2], serverResponse: { status: 5, fileListMode: 'json', fileList, sliceStartTime: Date.now() } });
      }
      return reply(404, { message: 'no Route matched with those values' });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls, state, sessions,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

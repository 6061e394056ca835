import { readFileSync } from 'node:fs';
import http from 'node:http';
import { basename } from 'node:path';
import { NetworkError, type HttpResponse, type Transport } from '../src/api/transport';

/** A real HTTP transport for jsdom tests (jsdom has no fetch and Taro.request needs a platform). */
function send(url: string, method: string, headers: Record<string, string>, chunks: Buffer[], onSent?: (sent: number, total: number) => void): Promise<HttpResponse> {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, 'Content-Length': String(total) } }, (res) => {
      const body: Buffer[] = [];
      res.on('data', (c: Buffer) => body.push(c));
      res.on('end', () => {
        const text = Buffer.concat(body).toString('utf8');
        let parsed: unknown = text;
        try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', (err) => reject(new NetworkError(err.message)));
    void (async () => {
      let sent = 0;
      for (const chunk of chunks) {
        // Each chunk leaves after the last one has, a few ms apart: progress arrives over time as on a phone.
        await new Promise<void>((done) => req.write(chunk, () => done()));
        await new Promise((pause) => setTimeout(pause, 2));
        sent += chunk.length;
        onSent?.(sent, total);
      }
      req.end();
    })();
  });
}

export const nodeTransport: Transport = {
  request({ method, url, headers, body }) {
    const chunks = body === undefined ? [] : [Buffer.from(JSON.stringify(body))];
    return send(url, method, headers, chunks);
  },
  upload({ url, headers, filePath, fileField, formData, onProgress }) {
    const boundary = `----ycta${Date.now()}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(formData)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${basename(filePath)}"\r\nContent-Type: image/jpeg\r\n\r\n`));
    const file = readFileSync(filePath);
    // Several chunks so progress moves in steps, as on a phone.
    for (let i = 0; i < file.length; i += 16 * 1024) parts.push(file.subarray(i, i + 16 * 1024));
    parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
    return send(url, 'POST', { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` }, parts,
      (sent, total) => onProgress?.(Math.round((sent / total) * 100)));
  },
};

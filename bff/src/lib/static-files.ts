import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Middleware } from 'koa';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built H5 app (GET/HEAD outside /api); unknown paths get index.html for client-side routes. */
export function staticFiles(dir: string): Middleware {
  const root = resolve(dir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api')) return next();
    const wanted = normalize(decodeURIComponent(ctx.path)).replace(/^([/\\])+/, '');
    let file = resolve(join(root, wanted));
    if (file !== root && !file.startsWith(root + sep)) return next();
    let info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) {
      file = join(root, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info) return next();
    }
    ctx.type = types[extname(file)] ?? 'application/octet-stream';
    ctx.length = info.size;
    ctx.set('Cache-Control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600');
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
  };
}

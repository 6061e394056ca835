import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';

/**
 * The H5 app's Content-Security-Policy: scripts only from this origin (plus the one inline script the Taro build
 * writes into index.html, allowed by its SHA-256), media from here and `blob:` (camera previews, recordings),
 * connections to here (the API, the signalling socket, the app's own blob URLs) and the configured Agora hosts, and no framing.
 * Styles may be inline: Taro and React set element styles the app cannot avoid.
 */
export function contentSecurityPolicy(opts: { staticDir: string; agoraHosts: readonly string[] }): Middleware {
  const agora = opts.agoraHosts.flatMap((host) => [`https://${host}`, `wss://${host}`]);
  let cached: { mtimeMs: number; hashes: string[] } | null = null;
  /** Hashes of index.html's inline scripts, read again when the build changes it. */
  const inlineScriptHashes = (): string[] => {
    if (!opts.staticDir) return [];
    const file = join(opts.staticDir, 'index.html');
    try {
      const { mtimeMs } = statSync(file);
      if (cached?.mtimeMs !== mtimeMs) {
        const html = readFileSync(file, 'utf8');
        const bodies = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((b) => b.length > 0);
        cached = { mtimeMs, hashes: bodies.map((b) => `'sha256-${createHash('sha256').update(b).digest('base64')}'`) };
      }
      return cached.hashes;
    } catch {
      return [];
    }
  };
  return async (ctx, next) => {
    // the policy is the H5 app's: API answers are JSON and media, never documents the app renders
    if (ctx.path.startsWith('/api/')) return next();
    const socketHosts = ctx.host ? [`ws://${ctx.host}`, `wss://${ctx.host}`] : [];
    ctx.set('Content-Security-Policy', [
      "default-src 'self'",
      `script-src 'self' ${inlineScriptHashes().join(' ')}`.trim(),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob:",
      "font-src 'self' data:",
      // blob: — a chosen photo is read back from its blob URL (Taro's chooseImage) before it is uploaded
      `connect-src 'self' blob: ${[...socketHosts, ...agora].join(' ')}`.trim(),
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '));
    await next();
  };
}

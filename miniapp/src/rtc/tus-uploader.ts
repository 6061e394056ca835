import { chunkKey, forgetChunk, keepChunk, keptChunks, updateChunk, type KeptChunk } from './chunk-store';
import type { NewChunk, RecordingUploader, UploadStatus } from './recorder';

/**
 * Recording chunks through the media module's resumable route (tus 1.0.0 at `/api/inspections/:id/recordings`). Each
 * chunk is first kept in IndexedDB, then sent as one upload; its local copy goes only when the server names it
 * stored by index and SHA-256 (`Recording-Sha256`). A failed or interrupted send is tried again, without limit, while
 * the page lives: after a pause that grows to 10 s, or at once when the browser says it is back online. Opening the
 * uploader for an inspection (the room, after a reload) sends what earlier pages left. H5 only (fetch, IndexedDB).
 */
interface Options { apiBase: string; inspectionId: string; accessToken: () => string }

/** A refusal for good (the server will never take these bytes): kept locally, not sent again. */
class Refused extends Error {}

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const uploaders = new Map<string, RecordingUploader>();

/** The uploader of this inspection's recordings: one per page, so the room and its conclusion share one queue. */
export function tusRecordingUploader(opts: Options): RecordingUploader {
  let uploader = uploaders.get(opts.inspectionId);
  if (!uploader) {
    uploader = createUploader(opts);
    uploaders.set(opts.inspectionId, uploader);
  }
  return uploader;
}

function createUploader(opts: Options): RecordingUploader {
  const base = `${opts.apiBase.replace(/\/$/, '')}/inspections/${opts.inspectionId}/recordings`;
  const headers = (extra: Record<string, string>) => ({ 'Tus-Resumable': '1.0.0', authorization: `Bearer ${opts.accessToken()}`, ...extra });
  const listeners = new Set<() => void>();
  let status: UploadStatus = { pending: 0, refused: 0, problem: null, refusal: null };
  let draining: Promise<void> | null = null;
  /** A chunk kept while the sender was finishing: it looks once more before it stops. */
  let again = false;
  let wake: (() => void) | null = null;

  const publish = (change: Partial<typeof status>) => {
    status = { ...status, ...change };
    for (const l of listeners) l();
  };
  const count = async () => {
    const kept = await keptChunks(opts.inspectionId);
    const refused = kept.filter((c) => c.refused);
    publish({ pending: kept.length - refused.length, refused: refused.length, refusal: refused[0]?.refused ?? null });
    return kept;
  };

  /** True once the server names this chunk stored with the same hash; throws what went wrong otherwise. */
  function confirmed(res: Response, chunk: KeptChunk): boolean {
    const stored = res.headers.get('recording-sha256');
    if (!stored) return false;
    if (stored !== chunk.sha256 || res.headers.get('recording-chunk-index') !== String(chunk.index)) {
      throw new Refused(`录像分段 ${chunk.index} 在服务器上的内容与本机不一致`);
    }
    return true;
  }

  async function create(chunk: KeptChunk): Promise<string> {
    const meta = { chunkIndex: String(chunk.index), mimeType: chunk.type, startedAt: chunk.startedAt, recordedFrom: chunk.recordedFrom, recordedTo: chunk.recordedTo, ...(chunk.last ? { lastChunk: '1' } : {}) };
    const res = await fetch(base, {
      method: 'POST',
      headers: headers({ 'Upload-Length': String(chunk.blob.size), 'Upload-Metadata': Object.entries(meta).map(([k, v]) => `${k} ${b64(v)}`).join(',') }),
    });
    const location = res.headers.get('location');
    if (res.status === 201 && location) return new URL(location, new URL(base, globalThis.location?.href)).toString();
    const reason = (await res.text().catch(() => '')).trim();
    if (res.status === 409 || res.status === 413 || res.status === 415 || res.status === 400) throw new Refused(reason || `录像分段 ${chunk.index} 不被接收（${res.status}）`);
    throw new Error(`录像分段 ${chunk.index} 暂时无法上传（${res.status}）`);
  }

  /** One attempt: resume (or confirm) the chunk's upload, or create it; resolves once the server names it stored. */
  async function send(chunk: KeptChunk): Promise<void> {
    let url = chunk.uploadUrl;
    let offset = 0;
    if (url) {
      const head = await fetch(url, { method: 'HEAD', headers: headers({}) });
      if (confirmed(head, chunk)) return;
      if (head.status === 404) url = null; // staging expired: start the upload again
      else if (head.ok) offset = Number(head.headers.get('upload-offset') ?? 0);
      else throw new Error(`录像分段 ${chunk.index} 暂时无法续传（${head.status}）`);
    }
    if (!url) {
      url = await create(chunk);
      await updateChunk(chunk.key, { uploadUrl: url }); // before sending: a reload resumes this upload, never a second one
    }
    const sent = await fetch(url, {
      method: 'PATCH',
      headers: headers({ 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) }),
      body: chunk.blob.slice(offset),
    });
    if (confirmed(sent, chunk)) return;
    if (sent.status === 415 || sent.status === 413) throw new Refused(`录像分段 ${chunk.index} 不被接收：${(await sent.text()).trim() || sent.status}`);
    // anything else (an offset the server disagrees with, storing failed): the next attempt asks the server first
    throw new Error(`录像分段 ${chunk.index} 上传未完成（${sent.status}）`);
  }

  const pause = (ms: number) => new Promise<void>((ok) => {
    const done = () => { clearTimeout(timer); globalThis.removeEventListener?.('online', done); wake = null; ok(); };
    const timer = setTimeout(done, ms);
    globalThis.addEventListener?.('online', done);
    wake = done;
  });

  async function drainOnce(): Promise<void> {
    let failures = 0;
    for (;;) {
      const next = (await count()).find((c) => !c.refused);
      if (!next) return;
      try {
        await send(next);
        await forgetChunk(next.key);
        failures = 0;
        publish({ problem: null });
      } catch (err) {
        if (err instanceof Refused) {
          await updateChunk(next.key, { refused: err.message });
          publish({ refusal: err.message });
          continue;
        }
        failures++;
        publish({ problem: `录像上传暂时失败，将自动重试：${err instanceof Error ? err.message : String(err)}` });
        await pause(Math.min(10_000, 500 * 2 ** failures));
      }
    }
  }

  /** One sender per inspection across tabs too (Web Locks): a reloaded page takes over when the old one is gone. */
  function drain(): Promise<void> {
    draining ??= (async () => {
      const locks = (globalThis.navigator as Navigator | undefined)?.locks;
      const run = async () => { do { again = false; await drainOnce(); } while (again); };
      if (locks) await locks.request(`ycta-recording-${opts.inspectionId}`, run);
      else await run();
    })().finally(() => { draining = null; });
    return draining;
  }

  void count().then(() => drain()).catch(() => undefined);

  return {
    async keep(chunk: NewChunk) {
      const kept: KeptChunk = {
        key: chunkKey(opts.inspectionId, chunk.startedAt, chunk.index), inspectionId: opts.inspectionId, startedAt: chunk.startedAt,
        index: chunk.index, blob: chunk.blob, type: chunk.blob.type || 'video/webm', sha256: await sha256Hex(chunk.blob),
        recordedFrom: chunk.recordedFrom, recordedTo: chunk.recordedTo, last: chunk.last, uploadUrl: null, refused: null,
      };
      await keepChunk(kept);
      publish({ pending: status.pending + 1 });
      again = true;
      wake?.();
      void drain();
    },
    async settled() {
      for (;;) {
        await drain();
        const kept = await count();
        if (!kept.some((c) => !c.refused)) return;
      }
    },
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

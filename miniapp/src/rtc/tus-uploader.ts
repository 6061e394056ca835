import type { RecordingUploader } from './recorder';

/**
 * Recording chunks through the media module's resumable route (tus 1.0.0 at `/api/inspections/:id/recordings`):
 * one upload per chunk, created with its index, then sent; an interrupted PATCH resumes from the offset the server
 * reports (HEAD), three tries per chunk. H5 only (fetch).
 */
export function tusRecordingUploader(opts: { apiBase: string; inspectionId: string; accessToken: () => string; startedAt: Date }): RecordingUploader {
  const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
  const headers = (extra: Record<string, string>) => ({ 'Tus-Resumable': '1.0.0', authorization: `Bearer ${opts.accessToken()}`, ...extra });
  const base = `${opts.apiBase.replace(/\/$/, '')}/inspections/${opts.inspectionId}/recordings`;

  return {
    async upload(chunk, index) {
      const created = await fetch(base, {
        method: 'POST',
        headers: headers({
          'Upload-Length': String(chunk.size),
          'Upload-Metadata': `chunkIndex ${b64(String(index))},mimeType ${b64(chunk.type || 'video/webm')},startedAt ${b64(opts.startedAt.toISOString())}`,
        }),
      });
      const location = created.headers.get('location');
      if (created.status !== 201 || !location) throw new Error(`录像分段 ${index} 创建失败（${created.status}）`);
      const url = new URL(location, new URL(base, globalThis.location?.href)).toString();
      for (let attempt = 0; attempt < 3; attempt++) {
        const head = attempt === 0 ? null : await fetch(url, { method: 'HEAD', headers: headers({}) });
        const offset = head ? Number(head.headers.get('upload-offset') ?? 0) : 0;
        if (offset >= chunk.size) return;
        const sent = await fetch(url, {
          method: 'PATCH',
          headers: headers({ 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) }),
          body: chunk.slice(offset),
        }).catch(() => null);
        if (sent?.status === 204) return;
      }
      throw new Error(`录像分段 ${index} 上传失败`);
    },
  };
}

import { api } from '../../api';
import { staffRoutes } from './staff.routes';

/** Same base as the API client: `/api` on h5 unless TARO_APP_API_BASE says otherwise. */
const apiBase = process.env.TARO_APP_API_BASE || '/api';

/**
 * Media is served only to signed-in, authorised users (DESIGN.md, Privacy): a plain `<video src>` cannot send the
 * bearer token, so the bytes are fetched with it and handed to the element as a blob URL.
 */
export async function authorisedBlob(path: string): Promise<Blob> {
  const token = api.sessions.load()?.accessToken;
  const res = await fetch(`${apiBase}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    // the BFF's error body says why in Chinese (e.g. 尚未作出结论); fall back to the status when there is none
    const said = await res.json().then((b: { error?: { message?: string } }) => b.error?.message, () => undefined);
    throw new Error(said ?? `读取失败（HTTP ${res.status}），请稍后重试`);
  }
  return res.blob();
}

/** A media path read as part of a viewing (`viewId`): the BFF records the viewing once, not each read. */
export const viewedMediaPath = (path: string, viewId: string | undefined) =>
  (viewId ? `${path}${path.includes('?') ? '&' : '?'}view=${encodeURIComponent(viewId)}` : path);

/**
 * The recording as one playable file: the browser recorder's chunks (MediaRecorder with a timeslice) are pieces
 * of one WebM stream, so joined in order they play as one video. Opening it is one viewing on the record.
 */
export async function loadRecording(inspectionId: string, mediaIds: string[]): Promise<string> {
  const { viewId } = await api.call(staffRoutes.openView, { params: { id: inspectionId }, body: { what: 'recording', mediaIds } });
  const parts: Blob[] = [];
  for (const id of mediaIds) parts.push(await authorisedBlob(viewedMediaPath(`/media/${encodeURIComponent(id)}`, viewId)));
  return URL.createObjectURL(new Blob(parts, { type: parts[0]?.type || 'video/webm' }));
}

/** Hands a fetched file to the browser as a download under a readable name. */
function saveAs(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves the inspection's record bundle (tar) under a readable name. */
export async function downloadBundle(inspectionId: string): Promise<void> {
  saveAs(await authorisedBlob(`/inspections/${encodeURIComponent(inspectionId)}/export`), `踏勘记录-${inspectionId}.tar`);
}

/** Saves the archival report (PDF) the BFF generates and keeps for a concluded inspection. */
export async function downloadReport(inspectionId: string): Promise<void> {
  saveAs(await authorisedBlob(`/inspections/${encodeURIComponent(inspectionId)}/report`), `踏勘报告-${inspectionId.slice(-6)}.pdf`);
}

/**
 * The h5 room's address: which inspection, the audio-only choice and — only for entering on another device (the QR a
 * phone scans, the mini-program's WebView) — a short-lived one-time code the page exchanges for its credentials. The
 * address never carries a signalling ticket or a room pass; the page keeps those in memory and the pass in this tab's
 * session storage (reload), and removes the used code from the address.
 */
export interface RoomEntry {
  inspectionId: string;
  audioOnly: boolean;
  code?: string;
}

export function roomPath(entry: RoomEntry): string {
  const query = [`id=${encodeURIComponent(entry.inspectionId)}`, ...(entry.audioOnly ? ['audio=1'] : []), ...(entry.code ? [`code=${encodeURIComponent(entry.code)}`] : [])];
  return `/packages/room/index?${query.join('&')}`;
}

/** The room on another device: the h5 build routes by hash, so even the one-time code never reaches a server log. */
export function roomUrl(h5Origin: string, entry: RoomEntry & { code: string }): string {
  return `${h5Origin.replace(/\/$/, '')}/#${roomPath(entry)}`;
}

export function readRoomEntry(params: Partial<Record<string, string>>): RoomEntry | null {
  const id = params.id ?? '';
  if (!/^[0-9a-f]{24}$/.test(id)) return null;
  const code = params.code ? decodeURIComponent(params.code) : undefined;
  return { inspectionId: id, audioOnly: params.audio === '1', ...(code ? { code } : {}) };
}

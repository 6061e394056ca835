import type { JoinAnswer } from '@ycta/shared/contracts/inspections.contract';

export interface RoomEntry {
  inspectionId: string;
  join: JoinAnswer;
  audioOnly: boolean;
}

/**
 * The h5 room's address carrying the one-time join credentials. The h5 build routes by hash, so they sit
 * in the URL fragment: browsers never send it to a server, so no access log ever holds the ticket.
 */
export function roomUrl(h5Origin: string, entry: RoomEntry): string {
  return `${h5Origin.replace(/\/$/, '')}/#/packages/room/index?entry=${encodeURIComponent(JSON.stringify(entry))}`;
}

export function readRoomEntry(encoded: string | undefined): RoomEntry | null {
  if (!encoded) return null;
  try {
    // Taro's h5 router may hand the parameter over decoded already.
    const text = encoded.trimStart().startsWith('{') ? encoded : decodeURIComponent(encoded);
    const entry = JSON.parse(text) as RoomEntry;
    return entry && typeof entry.inspectionId === 'string' && entry.join && typeof entry.join.ticket === 'string' ? entry : null;
  } catch {
    return null;
  }
}

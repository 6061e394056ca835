import type { RecordEvent } from '@ycta/shared';

/** What a record bundle holds (written by ledger.bundle.ts, checked by ledger.bundle-verify.ts with no database). */
export const bundleFormat = 'ycta-record-bundle/1';

export interface BundleMediaEntry {
  mediaId: string;
  /** The first event that names this media. */
  eventSeq: number;
  path?: string;
  size?: number;
  sha256?: string;
  contentType?: string;
  /** The event names it but the media store does not have it. */
  missing?: true;
}

export interface BundleManifest {
  format: typeof bundleFormat;
  hashRule: string;
  inspectionId: string;
  exportedAt: string;
  events: { path: 'events.jsonl'; count: number; headHash: string; sha256: string };
  anchors: { path: 'anchors.jsonl'; count: number; sha256: string };
  media: BundleMediaEntry[];
}

/** Every media file the record names, once, with the first event naming it. */
export function mediaReferences(events: readonly RecordEvent[]): { mediaId: string; eventSeq: number }[] {
  const seen = new Map<string, number>();
  for (const event of events) {
    const mediaId = event.payload.mediaId;
    if (typeof mediaId === 'string' && !seen.has(mediaId)) seen.set(mediaId, event.seq);
  }
  return [...seen].map(([mediaId, eventSeq]) => ({ mediaId, eventSeq }));
}


import { createHash } from 'node:crypto';
import { canonicalJson, type BrokenLink, type RecordEvent } from '@ycta/shared';

/**
 * The hash chain itself, with no I/O: used by the service, `npm run verify-ledger` and the offline bundle verifier.
 * hash = hex sha256 of the UTF-8 bytes of (prevHash + canonicalJson(the event without its `hash`)).
 */
export const genesisHash = '0'.repeat(64);

export function chainHash(prevHash: string, unhashed: object): string {
  return createHash('sha256').update(prevHash + canonicalJson(unhashed), 'utf8').digest('hex');
}

/** An office-chain link: one inspection event anchored in the office-wide chain. */
export interface OfficeLink {
  seq: number;
  inspectionId: string;
  eventId: string;
  eventSeq: number;
  eventHash: string;
  at: string;
  prevHash: string;
  hash: string;
}

export function withoutHash<T extends { hash: string }>(item: T): Omit<T, 'hash'> {
  const { hash: _hash, ...rest } = item;
  return rest;
}

export interface ChainResult {
  ok: boolean;
  length: number;
  headHash: string;
  firstBroken?: BrokenLink;
}

/** What verification needs of one event once its content hash has been recomputed. */
export interface CheckedLink {
  seq: number;
  id: string;
  prevHash: string;
  hash: string;
  /** sha256(prevHash + canonical content) equals the stored hash. */
  contentIntact: boolean;
  /** When it was appended (ISO): tells an append still being anchored from a tail nobody anchored. */
  at?: string;
}

export function checkEvent(event: RecordEvent): CheckedLink {
  return { seq: event.seq, id: event.id, prevHash: event.prevHash, hash: event.hash, at: event.at, contentIntact: chainHash(event.prevHash, withoutHash(event)) === event.hash };
}

export interface VerifyOptions {
  /**
   * Verifying a live database: events after the last anchored one that were appended at or after this time (ms) are
   * appends still in flight (stored, anchor not yet written), left out of the answer instead of reported. Without
   * it (a bundle, a closed database) every unanchored tail is reported.
   */
  settledBefore?: number;
}

/**
 * Walks one inspection's checked events (in seq order) and, when the office anchors of that inspection are given,
 * checks that each anchor matches its event, that the chain's tail is anchored and that no anchored event is
 * missing. Names the first break.
 */
export function verifyLinks(links: readonly CheckedLink[], anchors?: readonly Pick<OfficeLink, 'eventSeq' | 'eventId' | 'eventHash'>[], opts: VerifyOptions = {}): ChainResult {
  const anchorBySeq = anchors ? new Map(anchors.map((a) => [a.eventSeq, a])) : undefined;
  let length = links.length;
  const result = (firstBroken?: BrokenLink): ChainResult => ({
    ok: !firstBroken, length, headHash: links[length - 1]?.hash ?? genesisHash, ...(firstBroken ? { firstBroken } : {}),
  });
  let prevHash = genesisHash;
  for (const [index, link] of links.entries()) {
    if (link.seq !== index) {
      const missing = anchorBySeq?.get(index);
      return result({ seq: index, eventId: missing?.eventId ?? null, reason: `第 ${index} 号事件缺失（链在此处断开）` });
    }
    if (!link.contentIntact) {
      return result({ seq: index, eventId: link.id, reason: `第 ${index} 号事件的内容与其哈希不符（事件已被改动）` });
    }
    if (link.prevHash !== prevHash) {
      return result({ seq: index, eventId: link.id, reason: `第 ${index} 号事件记录的上一哈希与前一事件不符` });
    }
    const anchor = anchorBySeq?.get(index);
    if (anchor && (anchor.eventHash !== link.hash || anchor.eventId !== link.id)) {
      return result({ seq: index, eventId: link.id, reason: `第 ${index} 号事件与全局链登记的哈希不符（事件已被替换）` });
    }
    prevHash = link.hash;
  }
  // an anchored event vouches for every event before it (their hashes are chained into its own), so only events
  // after the last anchor are uncovered: normally none (a process that died between storing and anchoring leaves
  // one, and the inspection's next event covers it again)
  if (anchorBySeq) {
    const lastAnchored = Math.max(-1, ...[...anchorBySeq.keys()].filter((seq) => seq < links.length));
    const uncovered = links[lastAnchored + 1];
    const inFlight = uncovered && opts.settledBefore !== undefined && uncovered.at !== undefined && Date.parse(uncovered.at) >= opts.settledBefore;
    if (inFlight) length = lastAnchored + 1;
    else if (uncovered) return result({ seq: uncovered.seq, eventId: uncovered.id, reason: `第 ${uncovered.seq} 号事件起未在全局链中登记` });
  }
  const lost = anchors?.filter((a) => a.eventSeq >= links.length).sort((a, b) => a.eventSeq - b.eventSeq)[0];
  if (lost) return result({ seq: lost.eventSeq, eventId: lost.eventId, reason: `第 ${lost.eventSeq} 号事件已被删除（全局链中有登记）` });
  return result();
}

/** Recomputes every event of one inspection (in seq order) and verifies the chain. */
export function verifyEvents(events: readonly RecordEvent[], anchors?: readonly Pick<OfficeLink, 'eventSeq' | 'eventId' | 'eventHash'>[], opts?: VerifyOptions): ChainResult {
  return verifyLinks(events.map(checkEvent), anchors, opts);
}

/** Checks one office link's own hash (its place in the office chain is checked by walking the chain). */
export function officeLinkIntact(link: OfficeLink): boolean {
  return chainHash(link.prevHash, withoutHash(link)) === link.hash;
}

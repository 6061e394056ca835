import type { Types } from 'mongoose';
import type { BrokenLink } from '@ycta/shared';
import { checkEvent, genesisHash, officeLinkIntact, verifyEvents, verifyLinks, type ChainResult, type CheckedLink, type OfficeLink } from './ledger.chain';
import { OfficeLinkModel, RecordEventModel, type OfficeLinkDoc, type RecordEventDoc } from './ledger.model';
import { anchoredHead, headHint, officeLinkAt, readAnchoredChain, readChain, toObjectId, toOfficeLink, toRecordEvent } from './ledger.read';

/**
 * Verification of a live database over one consistent view. Anchors are read before events: an event is stored
 * before its anchor, so every anchored event is in the later event read unless someone removed it, and an append
 * that lands between the reads is only an unanchored tail. That tail is an append in flight while it is younger than
 * `inFlightGraceMs` (left out of the answer), and a break once older (a writer that died between storing and
 * anchoring, or an event slipped in around the application).
 */
export const inFlightGraceMs = 60_000;

/**
 * Recomputes one case's chain (an inspection, or any case kind whose chain is keyed by its id) and names the first
 * broken link. Fast path, about the size of the chain in `_id` reads: the events and the anchor of the last anchored
 * one (which vouches for every event before it through the hash links). Anything short of a clean pass is decided
 * again against every anchor of the case in the office chain, so the break named is exact.
 */
export async function verifyChain(chainId: string | Types.ObjectId): Promise<ChainResult> {
  const id = toObjectId(chainId, '踏勘').toHexString();
  const settledBefore = Date.now() - inFlightGraceMs;
  const hint = await headHint(id);
  const head = await anchoredHead(id, hint);
  const headLink = head ? await officeLinkAt(head.officeSeq) : undefined;
  const events = await readChain(id, Math.max(hint, head?.eventSeq ?? -1), { pages: false });
  const fast = verifyEvents(events, headLink ? [headLink] : [], { settledBefore });
  // every position up to the hint was taken before the hint moved: fewer events than that means some were removed
  const complete = (events.at(-1)?.seq ?? -1) >= hint && (!head || headLink?.eventSeq === head.eventSeq);
  if (fast.ok && complete) return fast;
  const slow = await readAnchoredChain(id);
  return verifyEvents(slow.events, slow.anchors, { settledBefore });
}

/** The same check under the name the inspection routes use. */
export const verifyInspectionChain = verifyChain;

export interface OfficeVerification extends ChainResult {
  /** Inspections checked: every one named by an event or by an office link. */
  inspections: number;
  events: number;
  brokenInspections: { inspectionId: string; firstBroken: BrokenLink }[];
}

export interface VerifyProgress {
  phase: 'office' | 'events' | 'inspections';
  done: number;
  total: number;
}

type Anchor = Pick<OfficeLink, 'eventSeq' | 'eventId' | 'eventHash'>;

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * Verifies everything in two passes: walks the office chain link by link (collecting each case's anchors),
 * recomputes every event's hash in one pass over the event store, then checks each case's links against its
 * anchors. The office walk comes first, so events appended while it runs are only young unanchored tails.
 * A case whose events were all deleted still shows: its anchors remain in the office chain.
 * Memory: a few hundred bytes per event (hashes and ids, not payloads).
 */
export async function verifyOfficeChain(opts: { onProgress?: (progress: VerifyProgress) => void } = {}): Promise<OfficeVerification> {
  const settledBefore = Date.now() - inFlightGraceMs;
  const [linkTotal, eventTotal] = await Promise.all([OfficeLinkModel.estimatedDocumentCount(), RecordEventModel.estimatedDocumentCount()]);
  const report = (phase: VerifyProgress['phase'], done: number, total: number) => opts.onProgress?.({ phase, done, total });

  let expectedSeq = 0;
  let prevHash = genesisHash;
  let firstBroken: BrokenLink | undefined;
  const anchorsByCase = new Map<string, Anchor[]>();
  for await (const doc of OfficeLinkModel.find().sort({ _id: 1 }).lean().cursor()) {
    const link = toOfficeLink(doc as unknown as OfficeLinkDoc);
    push(anchorsByCase, link.inspectionId, { eventSeq: link.eventSeq, eventId: link.eventId, eventHash: link.eventHash });
    if (!firstBroken) {
      if (link.seq !== expectedSeq) firstBroken = { seq: expectedSeq, eventId: null, reason: `全局链第 ${expectedSeq} 环缺失` };
      else if (!officeLinkIntact(link)) firstBroken = { seq: link.seq, eventId: link.eventId, reason: `全局链第 ${link.seq} 环的内容与其哈希不符` };
      else if (link.prevHash !== prevHash) firstBroken = { seq: link.seq, eventId: link.eventId, reason: `全局链第 ${link.seq} 环记录的上一哈希与前一环不符` };
    }
    prevHash = link.hash;
    expectedSeq = link.seq + 1;
    if (expectedSeq % 1000 === 0) report('office', expectedSeq, linkTotal);
  }
  report('office', expectedSeq, linkTotal);

  const linksByCase = new Map<string, CheckedLink[]>();
  let events = 0;
  for await (const doc of RecordEventModel.find().lean().cursor()) {
    const event = toRecordEvent(doc as unknown as RecordEventDoc);
    push(linksByCase, event.inspectionId, checkEvent(event));
    if (++events % 1000 === 0) report('events', events, eventTotal);
  }
  report('events', events, eventTotal);

  const ids = [...new Set([...anchorsByCase.keys(), ...linksByCase.keys()])].sort();
  const brokenInspections: OfficeVerification['brokenInspections'] = [];
  for (const [index, caseId] of ids.entries()) {
    const links = (linksByCase.get(caseId) ?? []).sort((a, b) => a.seq - b.seq);
    const chain = verifyLinks(links, anchorsByCase.get(caseId) ?? [], { settledBefore });
    if (chain.firstBroken) brokenInspections.push({ inspectionId: caseId, firstBroken: chain.firstBroken });
    if ((index + 1) % 100 === 0 || index + 1 === ids.length) report('inspections', index + 1, ids.length);
  }
  return {
    ok: !firstBroken && brokenInspections.length === 0,
    length: expectedSeq,
    headHash: prevHash,
    ...(firstBroken ? { firstBroken } : {}),
    inspections: ids.length,
    events,
    brokenInspections,
  };
}

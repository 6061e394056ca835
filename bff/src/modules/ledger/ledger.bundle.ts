import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { Types } from 'mongoose';
import * as tar from 'tar-stream';
import { canonicalJson } from '@ycta/shared';
import { appendEvent, type RecordActorInput } from './ledger.service';
import { readAnchoredChain } from './ledger.read';
import { bundleFormat, mediaReferences, type BundleManifest, type BundleMediaEntry } from './ledger.bundle-format';

/**
 * The export of one inspection's record: a tar holding
 *   events.jsonl   every event, one canonical JSON line each, in chain order (the `exported` event included)
 *   anchors.jsonl  the office-chain links that anchor those events
 *   media/<id>     each photo and recording chunk an event names by `payload.mediaId`, streamed from GridFS
 *   manifest.json  last, with the SHA-256 of everything above (media hashes computed while streaming)
 * `verifyBundle` (ledger.bundle-verify.ts) checks it with no database.
 */
function mediaBucket() {
  return new mongoose.mongo.GridFSBucket(mongoose.connection.db!, { bucketName: 'media' });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const fileIdOf = (mediaId: string): unknown => (/^[0-9a-f]{24}$/.test(mediaId) ? new Types.ObjectId(mediaId) : mediaId);

async function addText(pack: tar.Pack, name: string, text: string): Promise<void> {
  const body = Buffer.from(text, 'utf8');
  await new Promise<void>((ok, fail) => pack.entry({ name, size: body.length, mtime: new Date(0) }, body, (err) => (err ? fail(err) : ok())));
}

async function addMedia(pack: tar.Pack, bucket: mongoose.mongo.GridFSBucket, ref: { mediaId: string; eventSeq: number }): Promise<BundleMediaEntry> {
  const file = await bucket.find({ _id: fileIdOf(ref.mediaId) } as never).next();
  if (!file) return { ...ref, missing: true };
  const path = `media/${ref.mediaId}`;
  const hash = createHash('sha256');
  const tap = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); done(null, chunk); } });
  const entry = pack.entry({ name: path, size: file.length, mtime: file.uploadDate });
  await pipeline(bucket.openDownloadStream(file._id), tap, entry);
  const contentType = (file.metadata as { contentType?: string } | undefined)?.contentType ?? (file as { contentType?: string }).contentType;
  return { ...ref, path, size: file.length, sha256: hash.digest('hex'), ...(contentType ? { contentType } : {}) };
}

async function fill(pack: tar.Pack, inspectionId: string): Promise<void> {
  // one consistent view: the anchors, then the events they anchor; appends landing meanwhile wait for the next export
  const view = await readAnchoredChain(inspectionId);
  const lastAnchored = Math.max(-1, ...view.anchors.map((a) => a.eventSeq));
  const events = view.events.filter((e) => e.seq <= lastAnchored);
  const anchors = view.anchors;
  const eventsText = events.map((e) => `${canonicalJson(e)}\n`).join('');
  const anchorsText = anchors.map((a) => `${canonicalJson(a)}\n`).join('');
  await addText(pack, 'events.jsonl', eventsText);
  await addText(pack, 'anchors.jsonl', anchorsText);
  const bucket = mediaBucket();
  const media: BundleMediaEntry[] = [];
  for (const ref of mediaReferences(events)) media.push(await addMedia(pack, bucket, ref));
  const manifest: BundleManifest = {
    format: bundleFormat,
    hashRule: 'event.hash = sha256(prevHash + canonicalJson(event without hash)), canonical JSON ycta-canonical-json/1',
    inspectionId,
    exportedAt: new Date().toISOString(),
    events: { path: 'events.jsonl', count: events.length, headHash: events.at(-1)?.hash ?? '0'.repeat(64), sha256: sha256(eventsText) },
    anchors: { path: 'anchors.jsonl', count: anchors.length, sha256: sha256(anchorsText) },
    media,
  };
  await addText(pack, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  pack.finalize();
}

/**
 * Appends the `exported` event (so the bundle carries the fact of its own export), then streams the bundle.
 * Media is streamed file by file, never held whole in memory.
 */
export async function exportBundle(inspectionId: string, actor: RecordActorInput): Promise<Readable> {
  await appendEvent({ inspectionId, type: 'exported', actor, payload: { format: bundleFormat } });
  const pack = tar.pack();
  fill(pack, inspectionId).catch((err: Error) => pack.destroy(err));
  // tar-stream's streams are streamx streams: hand out a Node stream (Koa pipes it to the response)
  return Readable.from(pack);
}

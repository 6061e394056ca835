import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { canonicalJson, RecordEvent } from '@ycta/shared';
import { officeLinkIntact, verifyEvents, type OfficeLink } from './ledger.chain';
import { bundleFormat, mediaReferences, type BundleManifest } from './ledger.bundle-format';

/**
 * Verifies an exported record bundle from its bytes alone (no database): every event hash and link, the office
 * anchors, the manifest's hashes, and every media file against the hash its event recorded when it was stored.
 */
export interface BundleVerification {
  ok: boolean;
  inspectionId: string | null;
  events: number;
  headHash: string | null;
  media: number;
  /** Every problem found, in Chinese, for people. Empty when ok. */
  problems: string[];
}

const textEntries = new Set(['events.jsonl', 'anchors.jsonl', 'manifest.json']);
/** The JSON parts are small; a bigger one is not a bundle we wrote. */
const maxTextBytes = 256 * 1024 * 1024;

interface Contents {
  texts: Map<string, string>;
  files: Map<string, { size: number; sha256: string }>;
  unexpected: string[];
}

async function readEntries(input: Readable): Promise<Contents> {
  const extract = tar.extract();
  const contents: Contents = { texts: new Map(), files: new Map(), unexpected: [] };
  input.on('error', (err) => extract.destroy(err));
  input.pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    const name = entry.header.name;
    if (textEntries.has(name)) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxTextBytes) throw new Error(`${name} 过大`);
        chunks.push(chunk);
      }
      contents.texts.set(name, Buffer.concat(chunks).toString('utf8'));
    } else if (name.startsWith('media/')) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
      contents.files.set(name, { size, sha256: hash.digest('hex') });
    } else {
      contents.unexpected.push(name);
      entry.resume();
    }
  }
  return contents;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function parseLines<T>(text: string, file: string, problems: string[], parse: (value: unknown) => T | null): T[] {
  const items: T[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [index, line] of lines.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${file} 第 ${index + 1} 行不是 JSON`);
      continue;
    }
    if (canonicalJson(value) !== line) problems.push(`${file} 第 ${index + 1} 行不是规范 JSON（可能被改写）`);
    const item = parse(value);
    if (item === null) problems.push(`${file} 第 ${index + 1} 行缺少必需字段`);
    else items.push(item);
  }
  return items;
}

const asEvent = (value: unknown) => {
  const parsed = RecordEvent.safeParse(value);
  // keep the line as read (not the parsed copy), so the hash is recomputed over exactly what is in the file
  return parsed.success ? (value as RecordEvent) : null;
};
const asLink = (value: unknown) => {
  const v = value as Partial<OfficeLink> | null;
  return v && typeof v.seq === 'number' && typeof v.eventId === 'string' && typeof v.hash === 'string' ? (value as OfficeLink) : null;
};

export async function verifyBundle(input: Readable): Promise<BundleVerification> {
  const problems: string[] = [];
  const result = (extra: Partial<BundleVerification> = {}): BundleVerification =>
    ({ ok: problems.length === 0, inspectionId: null, events: 0, headHash: null, media: 0, problems, ...extra });

  let contents: Contents;
  try {
    contents = await readEntries(input);
  } catch (err) {
    problems.push(`无法读取记录包（不是完整的 tar 文件）：${(err as Error).message}`);
    return result();
  }
  const manifestText = contents.texts.get('manifest.json');
  const eventsText = contents.texts.get('events.jsonl');
  const anchorsText = contents.texts.get('anchors.jsonl') ?? '';
  if (!manifestText || eventsText === undefined) {
    problems.push('记录包缺少 manifest.json 或 events.jsonl');
    return result();
  }
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(manifestText) as BundleManifest;
  } catch {
    problems.push('manifest.json 不是 JSON');
    return result();
  }
  if (manifest.format !== bundleFormat) problems.push(`不认识的记录包格式：${String(manifest.format)}`);

  if (sha256(eventsText) !== manifest.events?.sha256) problems.push('events.jsonl 的哈希与清单不符');
  if (sha256(anchorsText) !== manifest.anchors?.sha256) problems.push('anchors.jsonl 的哈希与清单不符');
  const events = parseLines(eventsText, 'events.jsonl', problems, asEvent);
  const anchors = parseLines(anchorsText, 'anchors.jsonl', problems, asLink);
  for (const link of anchors) {
    if (!officeLinkIntact(link)) problems.push(`全局链第 ${link.seq} 环的内容与其哈希不符`);
  }
  for (const event of events) {
    if (event.inspectionId !== manifest.inspectionId) problems.push(`第 ${event.seq} 号事件不属于踏勘 ${manifest.inspectionId}`);
  }

  const chain = verifyEvents(events, anchors);
  if (chain.firstBroken) problems.push(`事件链断开：${chain.firstBroken.reason}${chain.firstBroken.eventId ? `（事件 ${chain.firstBroken.eventId}）` : ''}`);
  if (chain.length !== manifest.events?.count) problems.push(`事件数 ${chain.length} 与清单记载的 ${String(manifest.events?.count)} 不符`);
  if (chain.headHash !== manifest.events?.headHash) problems.push('链头哈希与清单不符');

  const listed = new Map((manifest.media ?? []).map((m) => [m.mediaId, m]));
  for (const ref of mediaReferences(events)) {
    const entry = listed.get(ref.mediaId);
    const file = contents.files.get(`media/${ref.mediaId}`);
    if (!file) {
      problems.push(entry?.missing
        ? `媒体文件 ${ref.mediaId}（第 ${ref.eventSeq} 号事件）在导出时已不在媒体库中`
        : `记录包缺少媒体文件 ${ref.mediaId}（第 ${ref.eventSeq} 号事件）`);
      continue;
    }
    // every event that names the file with a hash (stored, still taken…) vouches for its bytes
    for (const event of events.filter((e) => e.payload.mediaId === ref.mediaId && typeof e.payload.sha256 === 'string')) {
      if (event.payload.sha256 !== file.sha256) problems.push(`媒体文件 ${ref.mediaId} 的 SHA-256 与第 ${event.seq} 号事件记录的不符（文件已被改动）`);
    }
    if (entry?.sha256 !== file.sha256 || entry?.size !== file.size) problems.push(`媒体文件 ${ref.mediaId} 与清单记载的哈希或大小不符`);
  }
  const referenced = new Set(mediaReferences(events).map((r) => `media/${r.mediaId}`));
  for (const name of [...contents.files.keys()].filter((n) => !referenced.has(n))) problems.push(`记录包含有记录未提及的文件：${name}`);
  for (const name of contents.unexpected) problems.push(`记录包含有多余的文件：${name}`);

  return result({ inspectionId: manifest.inspectionId ?? null, events: chain.length, headHash: chain.headHash, media: contents.files.size });
}

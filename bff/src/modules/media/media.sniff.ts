import { Transform } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { typeSniffBytes } from '@ycta/shared/domain/media-sniff';


export const photoTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;

/** Thrown when the bytes are not of an allowed type; carries what they looked like (for the log, not the client). */
export class TypeNotAllowed extends Error {
  constructor(readonly detected: string | null) {
    super(`type not allowed: ${detected ?? 'unknown'}`);
  }
}

/** The media type the bytes say they are, or null. Never the file name or the Content-Type header. */
export async function detectType(head: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(head);
  return found?.mime ?? null;
}

/**
 * Holds back the first bytes of a stream until their type is known, then lets everything through; a type not in
 * `allowed` fails the stream before anything is written downstream. `type()` gives the detected type afterwards.
 */
export function typeGate(allowed: readonly string[]) {
  let head: Buffer[] = [];
  let headLength = 0;
  let detected: string | null = null;
  let decided = false;

  async function decide(stream: Transform): Promise<void> {
    decided = true;
    const bytes = Buffer.concat(head);
    head = [];
    detected = await detectType(bytes);
    if (!detected || !allowed.includes(detected)) throw new TypeNotAllowed(detected);
    stream.push(bytes);
  }

  const transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (decided) return done(null, chunk);
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < typeSniffBytes) return done();
      decide(this).then(() => done(), done);
    },
    flush(done) {
      if (decided) return done();
      decide(this).then(() => done(), done);
    },
  });
  return { transform, type: () => detected };
}

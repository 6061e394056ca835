/** A supertest parser that keeps a response body as raw bytes (PDFs, tar bundles, media): `.buffer(true).parse(binary)`. */
export const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

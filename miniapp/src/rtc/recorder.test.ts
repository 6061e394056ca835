import { recordCall, type NewChunk, type RecordingUploader } from './recorder';

/** Stands in for the browser's MediaRecorder: the test hands over the pieces the browser would. */
class PieceByPieceRecorder {
  static last: PieceByPieceRecorder;
  static isTypeSupported = () => true;
  state: 'recording' | 'inactive' = 'inactive';
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  constructor() { PieceByPieceRecorder.last = this; }
  start() { this.state = 'recording'; }
  stop() {
    this.state = 'inactive';
    this.hand(new Uint8Array(10));
    this.onstop?.();
  }
  hand(bytes: Uint8Array<ArrayBuffer>) { this.ondataavailable?.({ data: new Blob([bytes], { type: 'video/webm' }) }); }
}

/** jsdom's Blob has no arrayBuffer(): read it as the browsers of 2015 did. */
const firstByte = (blob: Blob) => new Promise<number>((ok) => {
  const reader = new FileReader();
  reader.onload = () => ok(new Uint8Array(reader.result as ArrayBuffer)[0]!);
  reader.readAsArrayBuffer(blob.slice(0, 1));
});

const keeping = () => {
  const chunks: NewChunk[] = [];
  const uploader: RecordingUploader = {
    keep: async (c) => { chunks.push(c); }, settled: async () => undefined, subscribe: () => () => undefined,
    status: () => ({ pending: 0, refused: 0, problem: null, refusal: null }),
  };
  return { chunks, uploader };
};

describe('the call recorder', () => {
  beforeAll(() => { (globalThis as unknown as { MediaRecorder: unknown }).MediaRecorder = PieceByPieceRecorder; });

  it('when the browser hands over a first piece too small to hold the file\'s head, then it goes out joined to the next pieces as chunk 0, and the rest follow in order', async () => {
    const { chunks, uploader } = keeping();
    const recording = recordCall({} as MediaStream, uploader);
    const browser = PieceByPieceRecorder.last;
    browser.hand(Uint8Array.of(0x1a));
    browser.hand(new Uint8Array(2000));
    browser.hand(new Uint8Array(5000));
    browser.hand(new Uint8Array(7000));
    await recording.stop();
    expect(chunks.map((c) => [c.index, c.blob.size, c.last])).toEqual([[0, 1 + 2000 + 5000, false], [1, 7000, false], [2, 10, true]]);
    expect(await firstByte(chunks[0]!.blob)).toBe(0x1a);
    expect(recording.chunks).toBe(3);
  });

  it('when a recording stops before its first chunk is whole, then what there is goes out as its only and last chunk', async () => {
    const { chunks, uploader } = keeping();
    const recording = recordCall({} as MediaStream, uploader);
    PieceByPieceRecorder.last.hand(Uint8Array.of(0x1a));
    await recording.stop();
    expect(chunks.map((c) => [c.index, c.blob.size, c.last])).toEqual([[0, 11, true]]);
  });
});

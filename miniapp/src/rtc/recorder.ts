/**
 * Local-mode recording in the inspector's browser: MediaRecorder over the call's streams, a chunk every few seconds
 * handed to an uploader that keeps it on this device before sending (see tus-uploader.ts), so a dropped call loses at
 * most the chunk being recorded, and a dropped network or a reload loses nothing already recorded.
 */
import { typeSniffBytes } from '@ycta/shared/domain/media-sniff';
export interface NewChunk {
  blob: Blob;
  /** 0-based, in recording order. */
  index: number;
  /** Names the recording (ISO). */
  startedAt: string;
  recordedFrom: string;
  recordedTo: string;
  /** The recorder was stopped: nothing follows this chunk. */
  last: boolean;
}

export interface UploadStatus {
  /** Chunks kept on this device and not yet confirmed stored by the server. */
  pending: number;
  /** Chunks the server refused for good (kept on the device, not sent again). */
  refused: number;
  /** What went wrong with the last try, while retrying; null when all is well. */
  problem: string | null;
  /** Why the server refused a chunk for good (the first such), or null. */
  refusal: string | null;
}

export interface RecordingUploader {
  /** Keeps the chunk on this device, then sends it in the background; resolves once it is kept (not yet sent). */
  keep(chunk: NewChunk): Promise<void>;
  /** Resolves once every kept chunk is confirmed stored (or refused for good); waits through network outages. */
  settled(): Promise<void>;
  status(): UploadStatus;
  subscribe(listener: () => void): () => void;
}

export interface CallRecording {
  /** Stops recording; resolves once the last chunk is kept on the device (the uploader sends it). */
  stop(): Promise<void>;
  /** Chunks the recorder handed over. */
  readonly chunks: number;
  /** Of those, the ones already kept on the device (safe from a reload). */
  readonly kept: number;
}

const preferredTypes = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];

export function recordCall(stream: MediaStream, uploader: RecordingUploader, opts: { chunkMs?: number; onError?: (e: Error) => void } = {}): CallRecording {
  const mimeType = preferredTypes.find((t) => MediaRecorder.isTypeSupported(t));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
  const startedAt = new Date().toISOString();
  let recordedFrom = startedAt;
  let index = 0;
  let keptCount = 0;
  let kept = Promise.resolve();
  let held: Blob | null = null;
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    // a chunk handed over after stop() is the recording's last
    const last = recorder.state === 'inactive';
    const blob = held ? new Blob([held, e.data], { type: e.data.type }) : e.data;
    // Chromium can hand over a first piece of a single byte (the WebM header split across pieces); the server types a
    // recording by its first chunk's content, so the first chunk waits until it holds the whole head
    if (index === 0 && blob.size < typeSniffBytes && !last) {
      held = blob;
      return;
    }
    held = null;
    const chunk: NewChunk = { blob, index: index++, startedAt, recordedFrom, recordedTo: new Date().toISOString(), last };
    recordedFrom = chunk.recordedTo;
    // kept in order: a chunk is on the device before the next one is
    kept = kept.then(() => uploader.keep(chunk)).then(() => { keptCount++; }, (err: Error) => opts.onError?.(err));
  };
  recorder.start(opts.chunkMs ?? 5000);
  return {
    get chunks() { return index; },
    get kept() { return keptCount; },
    async stop() {
      if (recorder.state !== 'inactive') await new Promise<void>((ok) => { recorder.onstop = () => ok(); recorder.stop(); });
      await kept;
    },
  };
}

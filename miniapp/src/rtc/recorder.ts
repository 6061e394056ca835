/**
 * Local-mode recording in the inspector's browser: MediaRecorder over the call's streams, a chunk every few seconds
 * handed to an uploader that keeps it on this device before sending (see tus-uploader.ts), so a dropped call loses at
 * most the chunk being recorded, and a dropped network or a reload loses nothing already recorded.
 */
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
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    const chunk: NewChunk = {
      blob: e.data, index: index++, startedAt, recordedFrom, recordedTo: new Date().toISOString(),
      // a chunk handed over after stop() is the recording's last
      last: recorder.state === 'inactive',
    };
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

/** Columns × rows for n tiles: one full frame, two side by side, then 2 × 2, then 3 × 2 (the call's six). */
export function gridOf(n: number): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  if (n === 2) return { cols: 2, rows: 1 };
  if (n <= 4) return { cols: 2, rows: 2 };
  return { cols: 3, rows: Math.ceil(n / 3) };
}

/** Where a `vw`×`vh` frame sits inside a tile, whole and centred (letterboxed, never stretched). */
export function fitInside(vw: number, vh: number, tile: { x: number; y: number; w: number; h: number }) {
  const scale = Math.min(tile.w / vw, tile.h / vh);
  const w = vw * scale;
  const h = vh * scale;
  return { x: tile.x + (tile.w - w) / 2, y: tile.y + (tile.h - h) / 2, w, h };
}

export interface CallMix {
  stream: MediaStream;
  /** The streams to show and hear from now on: someone who joins later is recorded from then, one who leaves drops out. */
  setStreams(streams: MediaStream[]): void;
  stop(): void;
}

/** Mixes the call's audio and lays its video out in a grid: one recording of the whole call, following who is in it. */
export function mixCall(streams: MediaStream[], width = 1280, height = 720): CallMix {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const audio = new AudioContext();
  const destination = audio.createMediaStreamDestination();
  const inputs = new Map<MediaStream, { video: HTMLVideoElement; sound: MediaStreamAudioSourceNode | null }>();

  const setStreams = (next: MediaStream[]) => {
    for (const [stream, input] of inputs) {
      if (next.includes(stream)) continue;
      input.sound?.disconnect();
      input.video.srcObject = null;
      inputs.delete(stream);
    }
    for (const stream of next) {
      if (inputs.has(stream)) continue;
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      void video.play();
      const sound = stream.getAudioTracks().length ? audio.createMediaStreamSource(stream) : null;
      sound?.connect(destination);
      inputs.set(stream, { video, sound });
    }
  };
  setStreams(streams);

  const timer = setInterval(() => {
    const videos = [...inputs.values()].map((i) => i.video);
    const { cols, rows } = gridOf(videos.length);
    const w = width / cols;
    const h = height / rows;
    g.fillStyle = '#000';
    g.fillRect(0, 0, width, height);
    videos.forEach((v, i) => {
      if (!v.videoWidth) return;
      const at = fitInside(v.videoWidth, v.videoHeight, { x: (i % cols) * w, y: Math.floor(i / cols) * h, w, h });
      g.drawImage(v, at.x, at.y, at.w, at.h);
    });
  }, 100);
  const stream = new MediaStream([...canvas.captureStream(10).getVideoTracks(), ...destination.stream.getAudioTracks()]);
  return {
    stream,
    setStreams,
    stop() {
      clearInterval(timer);
      setStreams([]);
      void audio.close();
    },
  };
}

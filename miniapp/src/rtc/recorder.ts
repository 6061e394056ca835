/**
 * Local-mode recording in the inspector's browser: MediaRecorder over the call's streams, a chunk every few
 * seconds handed to an uploader, so a dropped call loses at most one chunk. The uploader is an interface: the
 * media module's resumable route (`/api/inspections/:id/recordings`, tus) implements it.
 */
export interface RecordingUploader {
  /** Stores chunk `index` (0-based, in order) of this recording; resolves once it is stored. */
  upload(chunk: Blob, index: number): Promise<void>;
}

export interface CallRecording {
  stop(): Promise<void>;
  readonly chunks: number;
}

const preferredTypes = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];

export function recordCall(stream: MediaStream, uploader: RecordingUploader, opts: { chunkMs?: number; onError?: (e: Error) => void } = {}): CallRecording {
  const mimeType = preferredTypes.find((t) => MediaRecorder.isTypeSupported(t));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
  let index = 0;
  let queue = Promise.resolve();
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    const n = index++;
    // uploads stay in order: a resumable upload retries inside `upload`, the next chunk waits for it
    queue = queue.then(() => uploader.upload(e.data, n)).catch((err: Error) => opts.onError?.(err));
  };
  recorder.start(opts.chunkMs ?? 5000);
  return {
    get chunks() { return index; },
    async stop() {
      if (recorder.state === 'inactive') return queue;
      await new Promise<void>((ok) => { recorder.onstop = () => ok(); recorder.stop(); });
      await queue;
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

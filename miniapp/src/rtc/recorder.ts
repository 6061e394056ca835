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

/** Mixes several streams' audio and lays their video side by side: one recording of the whole call. */
export function mixCall(streams: MediaStream[], width = 1280, height = 720): { stream: MediaStream; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const videos = streams.map((s) => {
    const v = document.createElement('video');
    v.muted = true;
    v.playsInline = true;
    v.srcObject = s;
    void v.play();
    return v;
  });
  const audio = new AudioContext();
  const destination = audio.createMediaStreamDestination();
  for (const s of streams) if (s.getAudioTracks().length) audio.createMediaStreamSource(s).connect(destination);
  const timer = setInterval(() => {
    const w = width / Math.max(1, videos.length);
    g.fillStyle = '#000';
    g.fillRect(0, 0, width, height);
    videos.forEach((v, i) => { if (v.videoWidth) g.drawImage(v, i * w, 0, w, height); });
  }, 100);
  const stream = new MediaStream([...canvas.captureStream(10).getVideoTracks(), ...destination.stream.getAudioTracks()]);
  return { stream, stop() { clearInterval(timer); void audio.close(); for (const v of videos) v.srcObject = null; } };
}

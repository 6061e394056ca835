/**
 * The one picture of the whole call that the inspector's browser records (local mode): everyone's video in a grid,
 * everyone's sound mixed, following who is in the call.
 *
 * Drawing video frames into a canvas is the heaviest thing the inspector's page does: on the page's own thread, ten
 * grid frames a second took most of that thread on a busy two-core PC, and the room stopped answering clicks. Where the
 * browser can (Chromium: MediaStreamTrackProcessor, OffscreenCanvas), the grid is drawn in a worker from the tracks'
 * frames and the page only captures the canvas; elsewhere the page draws it from <video> elements.
 */

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

interface Picture { image: CanvasImageSource; width: number; height: number }

/** One grid frame: black, then each picture (null: nothing to show yet) whole in its tile, in the order people joined. */
export function drawGrid(
  g: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, pictures: (Picture | null)[], width: number, height: number,
  grid = gridOf, fit = fitInside,
): void {
  const { cols, rows } = grid(pictures.length);
  const w = width / cols;
  const h = height / rows;
  g.fillStyle = '#000';
  g.fillRect(0, 0, width, height);
  pictures.forEach((p, i) => {
    if (!p || !p.width) return;
    const at = fit(p.width, p.height, { x: (i % cols) * w, y: Math.floor(i / cols) * h, w, h });
    g.drawImage(p.image, at.x, at.y, at.w, at.h);
  });
}

export interface CallMix {
  stream: MediaStream;
  /** The streams to show and hear from now on: someone who joins later is recorded from then, one who leaves drops out. */
  setStreams(streams: MediaStream[]): void;
  stop(): void;
}

/** Draws the grid somewhere: streams come and go in join order; the canvas is what gets captured. */
interface Painter {
  add(stream: MediaStream): void;
  remove(stream: MediaStream): void;
  stop(): void;
}

const framesPerSecond = 10;

/** Mixes the call's audio and lays its video out in a grid: one recording of the whole call, following who is in it. */
export function mixCall(streams: MediaStream[], width = 1280, height = 720): CallMix {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const painter = paintInWorker(canvas) ?? paintOnPage(canvas);
  const audio = new AudioContext();
  // made when the call starts, not in a click: Chromium's autoplay policy may hold it suspended and the recording
  // would be silent; it runs from the page's next click or key (the inspector admits people by clicking)
  const wake = () => { if (audio.state === 'suspended') void audio.resume(); };
  wake();
  for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, wake, { capture: true });
  const destination = audio.createMediaStreamDestination();
  const inputs = new Map<MediaStream, MediaStreamAudioSourceNode | null>();

  const setStreams = (next: MediaStream[]) => {
    for (const [stream, sound] of inputs) {
      if (next.includes(stream)) continue;
      sound?.disconnect();
      painter.remove(stream);
      inputs.delete(stream);
    }
    for (const stream of next) {
      if (inputs.has(stream)) continue;
      const sound = stream.getAudioTracks().length ? audio.createMediaStreamSource(stream) : null;
      sound?.connect(destination);
      painter.add(stream);
      inputs.set(stream, sound);
    }
  };
  setStreams(streams);
  // captured after the painter has the canvas: a canvas drawn by a worker is captured from its placeholder here
  const stream = new MediaStream([...canvas.captureStream(framesPerSecond).getVideoTracks(), ...destination.stream.getAudioTracks()]);
  return {
    stream,
    setStreams,
    stop() {
      for (const type of ['pointerdown', 'keydown']) document.removeEventListener(type, wake, { capture: true });
      setStreams([]);
      painter.stop();
      void audio.close();
    },
  };
}

/** The page draws from hidden <video> elements (browsers without track processors). */
function paintOnPage(canvas: HTMLCanvasElement): Painter {
  const g = canvas.getContext('2d')!;
  const videos = new Map<MediaStream, HTMLVideoElement>();
  const timer = setInterval(() => {
    const pictures = [...videos.values()].map((v) => ({ image: v, width: v.videoWidth, height: v.videoHeight }));
    drawGrid(g, pictures, canvas.width, canvas.height);
  }, 1000 / framesPerSecond);
  return {
    add(stream) {
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      void video.play();
      videos.set(stream, video);
    },
    remove(stream) {
      const video = videos.get(stream);
      if (video) video.srcObject = null;
      videos.delete(stream);
    },
    stop() { clearInterval(timer); },
  };
}

/** Chromium's MediaStreamTrackProcessor (not in TypeScript's DOM types yet): a video track as a stream of VideoFrames. */
declare const MediaStreamTrackProcessor: { new (init: { track: MediaStreamTrack }): { readable: ReadableStream<VideoFrame> } } | undefined;

type ToWorker =
  | { canvas: OffscreenCanvas }
  | { add: number; frames: ReadableStream<VideoFrame> | null }
  | { remove: number }
  | { stop: true };

/**
 * The worker's program. Its source is this function's text, so it may use only its arguments and the worker's
 * globals: it holds the newest frame of each track and draws the grid ten times a second.
 */
function mixWorker(draw: typeof drawGrid, grid: typeof gridOf, fit: typeof fitInside, perSecond: number): void {
  let canvas: OffscreenCanvas | null = null;
  const tracks = new Map<number, { frame: VideoFrame | null; reader: ReadableStreamDefaultReader<VideoFrame> | null }>();
  const pump = async (input: { frame: VideoFrame | null; reader: ReadableStreamDefaultReader<VideoFrame> | null }) => {
    for (;;) {
      const next = await input.reader!.read().catch(() => ({ done: true as const, value: undefined }));
      if (next.done) return;
      input.frame?.close();
      input.frame = next.value;
    }
  };
  const timer = setInterval(() => {
    const g = canvas?.getContext('2d');
    if (!g) return;
    const pictures = [...tracks.values()].map((t) => (t.frame ? { image: t.frame, width: t.frame.displayWidth, height: t.frame.displayHeight } : null));
    draw(g, pictures, canvas!.width, canvas!.height, grid, fit);
  }, 1000 / perSecond);
  const drop = (id: number) => {
    const input = tracks.get(id);
    tracks.delete(id);
    void input?.reader?.cancel().catch(() => undefined);
    input?.frame?.close();
  };
  self.onmessage = (e: MessageEvent<ToWorker>) => {
    const m = e.data;
    if ('canvas' in m) canvas = m.canvas;
    else if ('add' in m) {
      const input = { frame: null, reader: m.frames?.getReader() ?? null };
      tracks.set(m.add, input);
      if (input.reader) void pump(input);
    } else if ('remove' in m) drop(m.remove);
    else {
      clearInterval(timer);
      [...tracks.keys()].forEach(drop);
      self.close();
    }
  };
}

/** The grid drawn by a worker from the tracks' frames; null where the browser cannot. */
function paintInWorker(canvas: HTMLCanvasElement): Painter | null {
  if (typeof MediaStreamTrackProcessor !== 'function' || typeof OffscreenCanvas !== 'function' || !('transferControlToOffscreen' in canvas)) return null;
  const source = `(${mixWorker.toString()})(${drawGrid.toString()}, ${gridOf.toString()}, ${fitInside.toString()}, ${framesPerSecond})`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  let worker: Worker;
  let offscreen: OffscreenCanvas;
  try {
    worker = new Worker(url);
    offscreen = canvas.transferControlToOffscreen();
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
  const send = (m: ToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  send({ canvas: offscreen }, [offscreen]);
  const ids = new Map<MediaStream, number>();
  let nextId = 0;
  return {
    add(stream) {
      const id = nextId++;
      ids.set(stream, id);
      const track = stream.getVideoTracks()[0];
      const frames = track ? new MediaStreamTrackProcessor!({ track }).readable : null;
      send({ add: id, frames }, frames ? [frames as unknown as Transferable] : []);
    },
    remove(stream) {
      const id = ids.get(stream);
      if (id === undefined) return;
      ids.delete(stream);
      send({ remove: id });
    },
    stop() {
      send({ stop: true });
      URL.revokeObjectURL(url);
    },
  };
}

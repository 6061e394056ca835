/**
 * Camera choice and stills. Phones: the rear camera is what shows the premises, but iOS ignores `facingMode`
 * hints, so cameras are enumerated and picked by label; the switch walks the list.
 */

const rearLabel = /back|rear|environment|后置|背面/i;

/** Video inputs, rear-facing ones first. Labels are only filled once camera permission was given. */
export async function camerasRearFirst(): Promise<MediaDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const cameras = devices.filter((d) => d.kind === 'videoinput');
  return [...cameras.filter((c) => rearLabel.test(c.label)), ...cameras.filter((c) => !rearLabel.test(c.label))];
}

const videoConstraints = (deviceId?: string): MediaTrackConstraints => ({
  ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: 'environment' } }),
  width: { ideal: 1280 },
  height: { ideal: 720 },
});
/** A face in a small tile: the front camera, small and at 15 frames a second. */
const faceConstraints: MediaTrackConstraints = { facingMode: { ideal: 'user' }, width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };

/** Microphone and the camera: for the scene the preferred (rear) one, for a face the front one. */
export async function openCameraAndMicrophone(video = true, camera: 'scene' | 'face' = 'scene'): Promise<MediaStream> {
  if (video && camera === 'face') return navigator.mediaDevices.getUserMedia({ audio: true, video: faceConstraints });
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: video ? videoConstraints() : false });
  if (!video) return stream;
  // with permission given, labels are known: move to a rear camera if the browser picked another one
  const [rear] = await camerasRearFirst();
  const current = stream.getVideoTracks()[0]?.getSettings().deviceId;
  if (rear && rearLabel.test(rear.label) && current && rear.deviceId !== current) {
    const better = await navigator.mediaDevices.getUserMedia({ video: videoConstraints(rear.deviceId) });
    for (const t of stream.getVideoTracks()) { stream.removeTrack(t); t.stop(); }
    stream.addTrack(better.getVideoTracks()[0]!);
  }
  return stream;
}

/** The camera after the current one in the list (rear first); null when there is only one. */
export async function nextCameraTrack(current: MediaStreamTrack | undefined): Promise<MediaStreamTrack | null> {
  const cameras = await camerasRearFirst();
  if (cameras.length < 2) return null;
  const at = cameras.findIndex((c) => c.deviceId === current?.getSettings().deviceId);
  const next = cameras[(at + 1) % cameras.length]!;
  const stream = await navigator.mediaDevices.getUserMedia({ video: videoConstraints(next.deviceId) });
  return stream.getVideoTracks()[0] ?? null;
}

interface ImageCaptureLike { takePhoto(): Promise<Blob>; getPhotoCapabilities?(): Promise<{ imageWidth?: { max?: number }; imageHeight?: { max?: number } }> }
type ImageCaptureCtor = new (track: MediaStreamTrack) => ImageCaptureLike;

/**
 * A still at the camera's full resolution: `ImageCapture.takePhoto()` where the browser has it (Chrome on Android),
 * else one frame of the track drawn at its largest size (Safari, Firefox, WeChat's web view).
 */
export async function captureStill(track: MediaStreamTrack): Promise<Blob> {
  const ImageCapture = (globalThis as { ImageCapture?: ImageCaptureCtor }).ImageCapture;
  if (ImageCapture) {
    try {
      const capture = new ImageCapture(track);
      const caps = await capture.getPhotoCapabilities?.().catch(() => undefined);
      const photo = await (caps?.imageWidth?.max
        ? (capture as unknown as { takePhoto(s: object): Promise<Blob> }).takePhoto({ imageWidth: caps.imageWidth.max, imageHeight: caps.imageHeight?.max })
        : capture.takePhoto());
      if (photo.size > 0) return photo;
    } catch {
      // fall through to the frame grab: some cameras refuse photo mode while streaming
    }
  }
  return largestFrame(track);
}

async function largestFrame(track: MediaStreamTrack): Promise<Blob> {
  const caps = track.getCapabilities?.() as { width?: { max?: number }; height?: { max?: number } } | undefined;
  if (caps?.width?.max && caps.height?.max) {
    await track.applyConstraints({ width: { ideal: caps.width.max }, height: { ideal: caps.height.max } }).catch(() => undefined);
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  if (video.videoWidth === 0) await new Promise((ok) => video.addEventListener('resize', ok, { once: true }));
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  video.pause();
  video.srcObject = null;
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('still capture failed'))), 'image/jpeg', 0.92));
}

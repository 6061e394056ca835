import { useEffect, useState } from 'react';

interface Range { min: number; max: number; step: number }
/** What `MediaStreamTrack.getCapabilities()` may add on phones (not in TypeScript's DOM types yet). */
interface PhoneCapabilities { torch?: boolean; zoom?: Range }

export interface CameraControls {
  /** Null where the camera has no torch. */
  torch: { on: boolean; toggle(): void } | null;
  /** Null where the camera cannot zoom. */
  zoom: (Range & { value: number; set(value: number): void }) | null;
}

/**
 * Torch and zoom for the camera holder, offered only where the track says it has them (`getCapabilities()`): most
 * Android rear cameras do, desktops and iOS mostly do not — then the buttons are simply not there.
 */
export function useCameraControls(stream: MediaStream | null): CameraControls {
  const track = stream?.getVideoTracks()[0] ?? null;
  const [torchOn, setTorchOn] = useState(false);
  const [zoom, setZoom] = useState<number | null>(null);
  useEffect(() => { setTorchOn(false); setZoom(null); }, [track]);
  const caps = (track?.getCapabilities?.() ?? {}) as PhoneCapabilities;
  const apply = (constraint: Record<string, unknown>) => track?.applyConstraints({ advanced: [constraint] } as MediaTrackConstraints);

  return {
    torch: track && caps.torch ? {
      on: torchOn,
      toggle: () => { const next = !torchOn; void apply({ torch: next })?.then(() => setTorchOn(next), () => undefined); },
    } : null,
    zoom: track && caps.zoom && caps.zoom.max > caps.zoom.min ? {
      ...caps.zoom,
      value: zoom ?? ((track.getSettings() as { zoom?: number }).zoom ?? caps.zoom.min),
      set: (value) => { void apply({ zoom: value })?.then(() => setZoom(value), () => undefined); },
    } : null,
  };
}

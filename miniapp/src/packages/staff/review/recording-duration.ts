import type { SyntheticEvent } from 'react';

/**
 * MediaRecorder's WebM has no duration in its header, so the browser reports `Infinity` until it has read to the end.
 * Seeking far past the end makes it find the real one; then the player goes back to the start. Returns the
 * `onLoadedMetadata` and `onDurationChange` handlers for the <video> and reports each known duration.
 */
export function durationProbe(onKnown: (seconds: number) => void) {
  const report = (v: HTMLVideoElement) => {
    if (Number.isFinite(v.duration) && v.duration > 0) {
      onKnown(v.duration);
      return true;
    }
    return false;
  };
  return {
    onLoadedMetadata: (e: SyntheticEvent<HTMLVideoElement>) => {
      const v = e.currentTarget;
      if (!report(v)) v.currentTime = Number.MAX_SAFE_INTEGER;
    },
    onDurationChange: (e: SyntheticEvent<HTMLVideoElement>) => {
      const v = e.currentTarget;
      if (report(v) && v.currentTime > v.duration - 0.01 && v.currentTime > 0) v.currentTime = 0;
    },
  };
}

/**
 * Where a video's picture sits inside its element (object-fit cover or contain): pointing must land on the same spot
 * of the picture on every screen, whatever each screen crops or letterboxes.
 */
export interface FrameBox { left: number; top: number; width: number; height: number }

export function pictureBox(element: { width: number; height: number }, video: { width: number; height: number }, fit: 'cover' | 'contain'): FrameBox {
  if (!video.width || !video.height) return { left: 0, top: 0, ...element };
  const scale = (fit === 'cover' ? Math.max : Math.min)(element.width / video.width, element.height / video.height);
  const width = video.width * scale;
  const height = video.height * scale;
  return { left: (element.width - width) / 2, top: (element.height - height) / 2, width, height };
}

/** A click in the element → the spot of the picture (0–1 each way), or null outside the picture. */
export function toPicture(box: FrameBox, x: number, y: number): { x: number; y: number } | null {
  const px = (x - box.left) / box.width;
  const py = (y - box.top) / box.height;
  return px < 0 || px > 1 || py < 0 || py > 1 ? null : { x: px, y: py };
}

/** A spot of the picture → where it is in the element (it may fall outside when the picture is cropped). */
export function fromPicture(box: FrameBox, spot: { x: number; y: number }): { x: number; y: number } {
  return { x: box.left + spot.x * box.width, y: box.top + spot.y * box.height };
}

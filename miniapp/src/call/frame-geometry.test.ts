import { fromPicture, pictureBox, toPicture } from './frame-geometry';

describe('where the picture sits in a video element', () => {
  it.each([
    // element, video, fit → box
    [{ width: 390, height: 844 }, { width: 640, height: 480 }, 'cover', { left: -367.67, top: 0, width: 1125.33, height: 844 }],
    [{ width: 800, height: 450 }, { width: 640, height: 480 }, 'contain', { left: 100, top: 0, width: 600, height: 450 }],
    [{ width: 800, height: 450 }, { width: 0, height: 0 }, 'contain', { left: 0, top: 0, width: 800, height: 450 }],
  ] as const)('when a %o element shows a %o picture (%s), then the picture box is %o', (element, video, fit, box) => {
    const got = pictureBox(element, video, fit);
    for (const k of ['left', 'top', 'width', 'height'] as const) expect(got[k]).toBeCloseTo(box[k], 1);
  });

  it('when a spot is clicked on a letterboxed stage, then the same spot lands on the cropped phone preview at the same place of the picture', () => {
    const stage = pictureBox({ width: 800, height: 450 }, { width: 640, height: 480 }, 'contain');
    const spot = toPicture(stage, 100 + 0.4 * 600, 0.55 * 450)!;
    expect(spot.x).toBeCloseTo(0.4);
    expect(spot.y).toBeCloseTo(0.55);
    const phone = pictureBox({ width: 390, height: 844 }, { width: 640, height: 480 }, 'cover');
    const at = fromPicture(phone, spot);
    expect(toPicture(phone, at.x, at.y)!.x).toBeCloseTo(0.4);
    expect(toPicture(stage, 50, 200)).toBeNull(); // on the black bar, not the picture
  });
});

import { drawGrid, fitInside, gridOf } from './call-mix';

describe('the recording\'s layout', () => {
  it('when one to six people are in the call, then each gets a tile: whole frame, side by side, 2 × 2, 3 × 2', () => {
    expect([1, 2, 3, 4, 5, 6].map(gridOf)).toEqual([
      { cols: 1, rows: 1 }, { cols: 2, rows: 1 }, { cols: 2, rows: 2 }, { cols: 2, rows: 2 }, { cols: 3, rows: 2 }, { cols: 3, rows: 2 },
    ]);
  });

  it('when a phone\'s portrait frame goes into a landscape tile, then it is shown whole and centred, not stretched', () => {
    expect(fitInside(720, 1280, { x: 640, y: 0, w: 640, h: 360 })).toEqual({ x: 640 + (640 - 202.5) / 2, y: 0, w: 202.5, h: 360 });
    expect(fitInside(1280, 720, { x: 0, y: 0, w: 640, h: 360 })).toEqual({ x: 0, y: 0, w: 640, h: 360 });
  });

  it('when a grid frame is drawn, then it starts black and each picture lands whole in its own tile; one with no frame yet leaves its tile black', () => {
    const calls: unknown[][] = [];
    const g = { fillStyle: '', fillRect: (...a: unknown[]) => calls.push(['fill', ...a]), drawImage: (...a: unknown[]) => calls.push(['draw', ...a]) };
    const phone = {} as CanvasImageSource;
    const desk = {} as CanvasImageSource;
    drawGrid(g as unknown as CanvasRenderingContext2D, [{ image: desk, width: 1280, height: 720 }, null, { image: phone, width: 720, height: 1280 }], 1280, 720);
    expect(calls).toEqual([
      ['fill', 0, 0, 1280, 720],
      ['draw', desk, 0, 0, 640, 360],
      ['draw', phone, (640 - 202.5) / 2, 360, 202.5, 360], // third of four tiles: second row, first column,
    ]);
  });
});

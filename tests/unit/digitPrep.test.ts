import { describe, expect, it } from 'vitest';
import {
  BOX,
  MAX_PEN,
  MIN_PEN,
  SIZE,
  asBytes,
  bounds,
  centreOfMass,
  placeStrokes,
  prepare,
  renderStrokes,
  type Stroke,
} from '../../src/lessons/digitPrep';

const line = (x0: number, y0: number, x1: number, y1: number, n = 10): Stroke =>
  Array.from({ length: n + 1 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / n, y: y0 + ((y1 - y0) * i) / n }));

/** The box of the pixels with any ink. */
function inkBox(grid: Float32Array, size: number) {
  let r0 = size,
    r1 = -1,
    c0 = size,
    c1 = -1;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++)
      if ((grid[r * size + c] as number) > 0) {
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      }
  return { r0, r1, c0, c1, h: r1 - r0 + 1, w: c1 - c0 + 1 };
}

describe('the pen', () => {
  it('inks a pixel by its distance to the stroke: full inside, none beyond half the width and half a pixel', () => {
    const g = renderStrokes([line(0, 10.5, 28, 10.5)], 3, SIZE);
    // Row 10's centre is on the line: full ink. Row 11 is 1 away (< 1.5): full. Row 12 is 2 away: 0.
    expect(g[10 * SIZE + 14]).toBeCloseTo(1, 6);
    expect(g[11 * SIZE + 14]).toBeCloseTo(1, 6);
    expect(g[12 * SIZE + 14]).toBeCloseTo(0, 6);
    // A pen 2 wide at distance 1: 1 + 0.5 − 1 = half ink.
    const h = renderStrokes([line(0, 10.5, 28, 10.5)], 2, SIZE);
    expect(h[11 * SIZE + 14]).toBeCloseTo(0.5, 6);
  });

  it('draws a single point as a dot and nothing for no strokes', () => {
    const g = renderStrokes([[{ x: 5.5, y: 5.5 }]], 2, SIZE);
    expect(g[5 * SIZE + 5]).toBeCloseTo(1, 6);
    expect(g[5 * SIZE + 7]).toBe(0);
    expect(renderStrokes([], 2, SIZE).every((v) => v === 0)).toBe(true);
  });
});

describe('the preparation: crop, scale into 20 × 20, centre by mass in 28 × 28', () => {
  it('nothing drawn is nothing to read', () => {
    expect(prepare([], 20)).toBeNull();
    expect(prepare([[]], 20)).toBeNull();
    expect(bounds([])).toBeNull();
  });

  it('crops to the ink, the pen included', () => {
    const p = prepare([line(100, 50, 100, 250)], 24);
    expect(p?.crop).toEqual({ x: 88, y: 38, w: 24, h: 224 });
  });

  it('the longer side fills the 20 × 20 box and the shape keeps its proportions', () => {
    const tall = [line(300, 100, 300, 300), line(250, 300, 350, 300)]; // an upside-down T, 200 tall, 100 wide
    const p = prepare(tall, 20);
    if (!p) throw new Error('prepared');
    const b = inkBox(p.box20, BOX);
    expect(b.h).toBe(BOX);
    expect(b.w).toBeGreaterThanOrEqual(10);
    expect(b.w).toBeLessThanOrEqual(12);
  });

  it('the same drawing anywhere and at any size gives (nearly) the same 784 numbers', () => {
    const seven = (x: number, y: number, k: number): Stroke[] => [
      [
        { x, y },
        { x: x + 100 * k, y },
        { x: x + 40 * k, y: y + 160 * k },
      ],
    ];
    const a = prepare(seven(10, 10, 1), 16);
    const b = prepare(seven(400, 250, 2), 32);
    if (!a || !b) throw new Error('prepared');
    let worst = 0;
    a.grid.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (b.grid[i] as number)))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('puts the centre of mass in the middle of the 28 × 28 grid', () => {
    // A "7": most of its ink is high and right of its box's middle.
    const p = prepare(
      [
        [
          { x: 0, y: 0 },
          { x: 120, y: 0 },
          { x: 30, y: 200 },
        ],
      ],
      20,
    );
    if (!p) throw new Error('prepared');
    const inBox = centreOfMass(p.box20, BOX);
    const inGrid = centreOfMass(p.grid, SIZE);
    if (!inBox || !inGrid) throw new Error('mass');
    expect(Math.abs(inBox.y - BOX / 2)).toBeGreaterThan(0.5); // off-centre in its box…
    expect(inGrid.x).toBeCloseTo(SIZE / 2, 1); // …centred in the grid
    expect(inGrid.y).toBeCloseTo(SIZE / 2, 1);
    const b = inkBox(p.grid, SIZE);
    expect(b.h).toBeLessThanOrEqual(BOX + 1);
  });

  it('keeps the pen within MNIST’s strokes: a fat pen on a small drawing, a thin one on a big drawing', () => {
    expect(prepare([line(0, 0, 0, 40)], 40)?.pen).toBe(MAX_PEN);
    expect(prepare([line(0, 0, 0, 4000)], 2)?.pen).toBe(MIN_PEN);
    const mid = prepare([line(0, 0, 0, 200)], 24)?.pen ?? 0;
    expect(mid).toBeCloseTo((24 * 20) / 224, 6);
  });

  it('a dot, a flat line: still 784 numbers, the ink in the middle', () => {
    const dot = prepare([[{ x: 50, y: 50 }]], 20);
    expect(dot?.grid.some((v) => v > 0)).toBe(true);
    const flat = prepare([line(0, 100, 300, 100)], 20);
    if (!flat) throw new Error('prepared');
    const b = inkBox(flat.grid, SIZE);
    expect(b.w).toBe(BOX);
    expect(b.r0).toBeGreaterThanOrEqual(12);
    expect(b.r1).toBeLessThanOrEqual(15);
  });

  it('writes the grid as MNIST’s bytes, 0 … 255', () => {
    expect(asBytes(Float32Array.from([0, 0.5, 1, 2, -1]))).toEqual([0, 128, 255, 255, 0]);
  });

  it('places a 28 × 28 drawing on the pad at a position and size', () => {
    expect(
      placeStrokes(
        [
          [
            [0, 0],
            [14, 28],
          ],
        ],
        { x: 100, y: 50, size: 280 },
      ),
    ).toEqual([
      [
        { x: 100, y: 50 },
        { x: 240, y: 330 },
      ],
    ]);
  });
});

/**
 * Level "draw-digit", the preparation: a drawing becomes the 784 numbers the network reads, in
 * the steps MNIST's makers used (LeCun, Cortes & Burges): crop to the ink, scale the longer side
 * into a 20 × 20 box, then place it in 28 × 28 so its centre of mass sits in the middle.
 *
 * A drawing is kept as pen strokes (points in the drawing pad's pixels) and a pen width, so every
 * step draws the strokes again, sharp, at its own size: an anti-aliased round pen whose ink at a
 * pixel is clamp(width / 2 + 0.5 − distance to the stroke, 0, 1), the same pen as the training
 * script (training/digits.py, render_strokes). The pen in the small grids is the player's pen
 * scaled with the drawing, kept between MNIST's thinnest and thickest strokes.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}
export type Stroke = readonly Point[];

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The grid the network reads. */
export const SIZE = 28;
/** The box the drawing is scaled into. */
export const BOX = 20;
/** The thinnest and thickest pen in the 28 × 28 grid (MNIST's strokes are about 2–3 pixels). */
export const MIN_PEN = 1.8;
export const MAX_PEN = 3.4;
/** Most points kept in a drawing (a scribble stops growing there; nothing breaks). */
export const MAX_POINTS = 4000;

export interface Prepared {
  /** Step 1: the ink's box on the pad (the pen's width included). */
  readonly crop: Box;
  /** Step 2: the drawing scaled into 20 × 20 (400 numbers, 0 … 1, row by row). */
  readonly box20: Float32Array;
  /** Step 3: placed in 28 × 28, its centre of mass in the middle (784 numbers, 0 … 1). */
  readonly grid: Float32Array;
  /** The pen's width in the small grids. */
  readonly pen: number;
  /** Where the centre of mass of the 20 × 20 picture was (in its pixels), before moving it. */
  readonly mass: Point;
}

/** How many points the strokes have. */
export function pointCount(strokes: readonly Stroke[]): number {
  return strokes.reduce((n, s) => n + s.length, 0);
}

/** Whether there is anything to read (at least one point). */
export function isEmpty(strokes: readonly Stroke[]): boolean {
  return pointCount(strokes) === 0;
}

/** The box of the strokes' points (the pen's centre line); null when there are none. */
export function bounds(strokes: readonly Stroke[]): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of strokes)
    for (const p of s) {
      if (p.x < x0) x0 = p.x;
      if (p.y < y0) y0 = p.y;
      if (p.x > x1) x1 = p.x;
      if (p.y > y1) y1 = p.y;
    }
  if (x0 === Infinity) return null;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Draws strokes into a size × size grid (row by row) with the round anti-aliased pen, after
 * moving each point by (x, y) → (x · scale + dx, y · scale + dy). One point alone is a dot.
 */
export function renderStrokes(
  strokes: readonly Stroke[],
  width: number,
  size: number,
  transform: { scale: number; dx: number; dy: number } = { scale: 1, dx: 0, dy: 0 },
): Float32Array {
  const out = new Float32Array(size * size);
  const reach = width / 2 + 0.5;
  const { scale, dx, dy } = transform;
  for (const s of strokes) {
    const n = s.length;
    for (let i = 0; i < Math.max(1, n - 1); i++) {
      const a = s[i];
      const b = s[Math.min(i + 1, n - 1)];
      if (!a || !b) continue;
      const ax = a.x * scale + dx;
      const ay = a.y * scale + dy;
      const bx = b.x * scale + dx;
      const by = b.y * scale + dy;
      const vx = bx - ax;
      const vy = by - ay;
      const len2 = vx * vx + vy * vy;
      // Only the pixels near the segment can be inked.
      const c0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
      const c1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
      const r0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
      const r1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
      for (let r = r0; r <= r1; r++) {
        const cy = r + 0.5;
        for (let c = c0; c <= c1; c++) {
          const cx = c + 0.5;
          let t = len2 === 0 ? 0 : ((cx - ax) * vx + (cy - ay) * vy) / len2;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const d = Math.hypot(cx - (ax + t * vx), cy - (ay + t * vy));
          const ink = Math.min(1, reach - d);
          if (ink > (out[r * size + c] as number)) out[r * size + c] = ink;
        }
      }
    }
  }
  return out;
}

/** The centre of mass of a size × size picture, in its pixels (pixel centres at i + 0.5); null if blank. */
export function centreOfMass(pixels: Float32Array, size: number): Point | null {
  let m = 0;
  let sx = 0;
  let sy = 0;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const v = pixels[r * size + c] as number;
      m += v;
      sx += v * (c + 0.5);
      sy += v * (r + 0.5);
    }
  return m > 0 ? { x: sx / m, y: sy / m } : null;
}

/**
 * The three steps for a drawing made with a pen `penWidth` pixels wide on the pad; null when there
 * is nothing drawn. The longer side of the ink (the pen included) fills the 20 × 20 box.
 */
export function prepare(strokes: readonly Stroke[], penWidth: number): Prepared | null {
  const b = bounds(strokes);
  if (!b) return null;
  const pad = Math.max(0, penWidth);
  const crop: Box = { x: b.x - pad / 2, y: b.y - pad / 2, w: b.w + pad, h: b.h + pad };
  const side = Math.max(b.w, b.h);
  // The pen as it would look with the whole drawing scaled into the box, kept within MNIST's.
  const pen = clamp((pad * BOX) / (side + pad || 1), MIN_PEN, MAX_PEN);
  // The centre line's longer side takes what the pen leaves of the box.
  const scale = side > 0 ? (BOX - pen) / side : 0;
  const toBox = {
    scale,
    dx: BOX / 2 - (b.x + b.w / 2) * scale,
    dy: BOX / 2 - (b.y + b.h / 2) * scale,
  };
  const box20 = renderStrokes(strokes, pen, BOX, toBox);
  const mass = centreOfMass(box20, BOX) ?? { x: BOX / 2, y: BOX / 2 };
  const toGrid = {
    scale,
    dx: toBox.dx + SIZE / 2 - mass.x,
    dy: toBox.dy + SIZE / 2 - mass.y,
  };
  const grid = renderStrokes(strokes, pen, SIZE, toGrid);
  return { crop, box20, grid, pen, mass };
}

/** A grid's 784 numbers as MNIST writes them: whole numbers 0 (paper) … 255 (ink). */
export function asBytes(grid: Float32Array): number[] {
  return Array.from(grid, (v) => Math.round(clamp(v, 0, 1) * 255));
}

/**
 * A drawing from outside (a prepared one, a test's) scaled and moved onto a pad: points given in
 * a 28 × 28 picture's pixels, placed so the picture's square is `size` pixels at (x, y).
 */
export function placeStrokes(
  strokes: readonly (readonly (readonly [number, number])[])[],
  at: { x: number; y: number; size: number },
): Stroke[] {
  const k = at.size / SIZE;
  return strokes.map((s) => s.map(([x, y]) => ({ x: at.x + x * k, y: at.y + y * k })));
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

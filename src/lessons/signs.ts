/**
 * Level "draw-digit": the new signs a player may teach the network, and prepared drawings of each
 * for the keyboard path (and tests): pen strokes in a 28 × 28 picture's pixels, like the traced
 * digits, each a little different (a seeded wobble, tilt and size), as a hand would draw them.
 */
import { mulberry32, type Rng } from './rng';

export const SIGNS = ['star', 'heart', 'one', 'two', 'three'] as const;
export type SignId = (typeof SIGNS)[number];
/** What the sign looks like on its button (the name is beside it in words). */
export const SIGN_MARK: Record<SignId, string> = { star: '★', heart: '♥', one: '一', two: '二', three: '三' };

export type RawStroke = [number, number][];

export function isSignId(x: unknown): x is SignId {
  return typeof x === 'string' && (SIGNS as readonly string[]).includes(x);
}

function shape(id: SignId, rng: Rng): RawStroke[] {
  const j = (a: number) => (rng() - 0.5) * 2 * a;
  switch (id) {
    case 'star': {
      const pts: [number, number][] = [];
      const r = 1;
      for (let k = 0; k <= 5; k++) {
        // A star drawn in one line: every second of the five points.
        const a = -Math.PI / 2 + ((k * 2) % 5) * ((2 * Math.PI) / 5);
        pts.push([Math.cos(a) * r + j(0.08), Math.sin(a) * r + j(0.08)]);
      }
      return [pts];
    }
    case 'heart': {
      const pts: [number, number][] = [];
      for (let k = 0; k <= 32; k++) {
        const t = (k / 32) * 2 * Math.PI;
        const x = 16 * Math.sin(t) ** 3;
        const y = -(13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t));
        pts.push([x / 17 + j(0.03), y / 17 + j(0.03)]);
      }
      return [pts];
    }
    case 'one':
      return [line(-1, 0, 1, 0, j)];
    case 'two':
      return [line(-0.7, -0.45, 0.7, -0.45, j), line(-1, 0.45, 1, 0.45, j)];
    case 'three':
      return [line(-0.75, -0.7, 0.75, -0.7, j), line(-0.55, 0, 0.55, 0, j), line(-1, 0.7, 1, 0.7, j)];
  }
}

function line(x0: number, y0: number, x1: number, y1: number, j: (a: number) => number): [number, number][] {
  const pts: [number, number][] = [];
  const a: [number, number] = [x0 + j(0.08), y0 + j(0.08)];
  const b: [number, number] = [x1 + j(0.08), y1 + j(0.08)];
  const bend = j(0.06);
  for (let k = 0; k <= 6; k++) {
    const t = k / 6;
    pts.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t + bend * Math.sin(Math.PI * t)]);
  }
  return pts;
}

/**
 * Prepared drawing number `n` of a sign: the shape tilted (up to ±12°), stretched a little and
 * placed in the middle of a 28 × 28 picture, about 18 pixels across.
 */
export function preparedSign(id: SignId, n: number): RawStroke[] {
  const rng = mulberry32(((SIGNS.indexOf(id) + 1) * 7919 + n * 104729) >>> 0);
  const strokes = shape(id, rng);
  const tilt = (rng() - 0.5) * 2 * ((12 * Math.PI) / 180);
  const sx = 9 * (0.9 + rng() * 0.2);
  const sy = 9 * (0.9 + rng() * 0.2);
  const cos = Math.cos(tilt);
  const sin = Math.sin(tilt);
  return strokes.map((s) =>
    s.map(([x, y]) => {
      const px = x * sx;
      const py = y * sy;
      return [round2(14 + px * cos - py * sin), round2(14 + px * sin + py * cos)] as [number, number];
    }),
  );
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

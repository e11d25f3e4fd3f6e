/**
 * Level "knobs": a model is a structure plus knobs. The structure is a curve of degree two,
 * a + b·tilt + c·bend; the knobs are a, b, c. The data are the book's example: how long a ball
 * takes to fall from each floor of a tower. The error is the sum of squared distances from each
 * point to the curve; "let the computer turn the knobs" is gradient descent on that error.
 *
 * The curve is written in shapes that are orthogonal over the tower's ten floors (the discrete
 * orthogonal polynomials of degree 0, 1 and 2), so each knob does its own job: a lifts the curve,
 * b tilts it about the middle, c bends it. The error is then a sum of one bowl per knob, and a
 * child tapping whichever − or + lowers the error always reaches the bottom. Written as
 * a + b·u + c·u², the knobs fought each other: 157 points above the goal where every single tap
 * raised the error.
 * Pure maths, no imports but types.
 */
import type { Stars } from './levels';

export interface Point {
  /** The floor the ball is dropped from (1–10). */
  readonly floor: number;
  /** Seconds until it reaches the ground. */
  readonly seconds: number;
}

export type Knobs = readonly [a: number, b: number, c: number];

/** Metres per floor and gravity, for the measurements below. */
const FLOOR_METRES = 3;
const G = 9.81;

/** The tower: fall times t = √(2h/g) from floors 1–10, as a stopwatch reads them (to 0.01 s). */
export const TOWER: readonly Point[] = Array.from({ length: 10 }, (_, i) => {
  const floor = i + 1;
  return { floor, seconds: Math.round(100 * Math.sqrt((2 * FLOOR_METRES * floor) / G)) / 100 };
});

/** The middle of the tower, between floors 5 and 6. */
const MIDDLE = 5.5;

/** Knob b's shape: a straight line through the middle, −1 at floor 1 and +1 at floor 10. */
export function tilt(floor: number): number {
  return (floor - MIDDLE) / 4.5;
}

/**
 * Knob c's shape: a U, +1 at floors 1 and 10 and −2/3 at floors 5 and 6. It adds up to zero over
 * the ten floors, and is symmetric about the middle, so it neither lifts nor tilts the curve.
 */
export function bend(floor: number): number {
  return ((floor - MIDDLE) ** 2 - 8.25) / 12;
}

/** The three shapes a curve is made of, at a floor: 1, tilt and bend. */
export function shapes(floor: number): Knobs {
  return [1, tilt(floor), bend(floor)];
}

export function predict(k: Knobs, floor: number): number {
  return k[0] + k[1] * tilt(floor) + k[2] * bend(floor);
}

/** Sum of squared distances between the points and the curve. */
export function error(k: Knobs, points: readonly Point[]): number {
  return points.reduce((s, p) => s + (p.seconds - predict(k, p.floor)) ** 2, 0);
}

/** The error's slope for each knob (exact derivative). */
export function gradient(k: Knobs, points: readonly Point[]): Knobs {
  let ga = 0;
  let gb = 0;
  let gc = 0;
  for (const p of points) {
    const [, x, y] = shapes(p.floor);
    const r = p.seconds - predict(k, p.floor);
    ga -= 2 * r;
    gb -= 2 * r * x;
    gc -= 2 * r * y;
  }
  return [ga, gb, gc];
}

/** One turn of all three knobs downhill: k − rate · gradient. */
export function step(k: Knobs, points: readonly Point[], rate: number): Knobs {
  const g = gradient(k, points);
  return [k[0] - rate * g[0], k[1] - rate * g[1], k[2] - rate * g[2]];
}

/** The knobs after each of `steps` turns, the start first. */
export function descend(start: Knobs, points: readonly Point[], rate: number, steps: number): Knobs[] {
  const path: Knobs[] = [start];
  for (let i = 0; i < steps; i++) path.push(step(path[path.length - 1] as Knobs, points, rate));
  return path;
}

/**
 * The 3 × 3 matrix 2·XᵀX: the error's curvature, the same everywhere (the error is a bowl). Over
 * the tower's floors its off-diagonal entries are zero: turning one knob does not change which
 * way the others should go.
 */
export function hessian(points: readonly Point[]): number[][] {
  return [0, 1, 2].map((i) =>
    [0, 1, 2].map((j) =>
      points.reduce((s, q) => {
        const x = shapes(q.floor);
        return s + 2 * (x[i] as number) * (x[j] as number);
      }, 0),
    ),
  );
}

type Row = [number, number, number];

function det([a, b, c]: [Row, Row, Row]): number {
  return (
    a[0] * (b[1] * c[2] - b[2] * c[1]) -
    a[1] * (b[0] * c[2] - b[2] * c[0]) +
    a[2] * (b[0] * c[1] - b[1] * c[0])
  );
}

/** The bowl's steepest curvature L (largest eigenvalue of the Hessian, by power iteration). */
export function steepestCurvature(points: readonly Point[]): number {
  const h = hessian(points) as [Row, Row, Row];
  let v: Row = [1, 1, 1];
  let lambda = 0;
  for (let it = 0; it < 200; it++) {
    const w = h.map((r) => r[0] * v[0] + r[1] * v[1] + r[2] * v[2]) as Row;
    const norm = Math.hypot(...w);
    lambda = norm / Math.hypot(...v);
    v = [w[0] / norm, w[1] / norm, w[2] / norm];
  }
  return lambda;
}

/** The best knobs: where the gradient is zero (the normal equations H·k = −∇E(0), by Cramer's rule). */
export function bestKnobs(points: readonly Point[]): Knobs {
  const h = hessian(points) as [Row, Row, Row];
  const g = gradient([0, 0, 0], points);
  const rhs: Row = [-g[0], -g[1], -g[2]];
  const d = det(h);
  const column = (i: number): number =>
    det(h.map((r, j) => r.map((v, c) => (c === i ? rhs[j] : v)) as Row) as [Row, Row, Row]) / d;
  return [column(0), column(1), column(2)];
}

/** The knobs' sliders: range and step. The best knobs (about 1.76, 0.82, −0.12) lie well inside. */
export const KNOB_RANGE = [
  { min: -1, max: 3 },
  { min: -2, max: 2 },
  { min: -2, max: 2 },
] as const;
export const KNOB_STEP = 0.05;

/** A value on a slider's grid (a whole number of steps, inside its range), as the sliders keep it. */
export function onGrid(v: number, i: 0 | 1 | 2): number {
  const r = KNOB_RANGE[i];
  const clamped = Math.min(r.max, Math.max(r.min, v));
  return Number((Math.round(clamped / KNOB_STEP) * KNOB_STEP).toFixed(2));
}

/** Where one tap of a − or + button takes the knobs: one knob a step either way (none past its end). */
export function taps(k: Knobs): Knobs[] {
  const out: Knobs[] = [];
  for (const i of [0, 1, 2] as const)
    for (const dir of [-1, 1]) {
      const v = onGrid(k[i] + dir * KNOB_STEP, i);
      if (v !== k[i]) out.push(k.map((x, j) => (j === i ? v : x)) as unknown as Knobs);
    }
  return out;
}

/**
 * The closest fit the sliders can reach: each best knob rounded to its grid. The error is a sum of
 * one bowl per knob (the knobs do not interact), so rounding each knob on its own is the best.
 */
export function bestOnGrid(points: readonly Point[] = TOWER): Knobs {
  const k = bestKnobs(points);
  return [onGrid(k[0], 0), onGrid(k[1], 1), onGrid(k[2], 2)];
}

/** The knobs a player starts with: a flat line at zero, far from the points. */
export const START: Knobs = [0, 0, 0];

/** The player wins when the error is below this (s²): about 0.05 s off per point on average. */
export const TARGET = 0.025;

export function won(k: Knobs, points: readonly Point[] = TOWER): boolean {
  return error(k, points) < TARGET;
}

/** ★ under the target; ★★ under half of it; ★★★ within 10 % of the closest fit the sliders can reach. */
export function stars(k: Knobs, points: readonly Point[] = TOWER): Stars {
  const e = error(k, points);
  if (e >= TARGET) return 0;
  const best = error(bestOnGrid(points), points);
  if (e <= best * 1.1 + 1e-9) return 3;
  return e < TARGET / 2 ? 2 : 1;
}

/** How many steps the computer takes after the player's win. */
export const COMPUTER_STEPS = 600;
/**
 * The computer's step: tiny, 1/40 of the largest that still settles (2/L, from the bowl's own
 * curvature), so the curve glides onto the dots over the whole descent and never overshoots.
 */
export const COMPUTER_RATE = 2 / 40 / steepestCurvature(TOWER);

// ---------------------------------------------------------------------------------------------
// The level as a state machine: intro → fit (the player turns the knobs) → won → computer (gradient
// descent from the flat line, shown a few steps at a time) → done. The stars come from the
// player's closest fit, however the knobs were turned after it.

export type Phase = 'intro' | 'fit' | 'won' | 'computer' | 'done';

export interface KnobsState {
  readonly phase: Phase;
  readonly knobs: Knobs;
  /** The player's closest fit so far. */
  readonly best: Knobs;
  /** The computer's knobs, step by step (empty before it runs). */
  readonly path: readonly Knobs[];
  /** How many of the computer's steps are shown. */
  readonly shown: number;
}

export function startLevel(): KnobsState {
  return { phase: 'intro', knobs: START, best: START, path: [], shown: 0 };
}

export function begin(s: KnobsState): KnobsState {
  return s.phase === 'intro' ? { ...s, phase: 'fit' } : s;
}

/** The player turned a knob: the best fit is kept, and the first fit under the goal wins. */
export function turn(s: KnobsState, knobs: Knobs): KnobsState {
  if (s.phase !== 'fit' && s.phase !== 'won') return s;
  const best = error(knobs, TOWER) < error(s.best, TOWER) ? knobs : s.best;
  return { ...s, knobs, best, phase: s.phase === 'fit' && won(knobs) ? 'won' : s.phase };
}

/** The computer starts from the flat line and turns all three knobs downhill. */
export function runComputer(s: KnobsState): KnobsState {
  if (s.phase !== 'won') return s;
  return { ...s, phase: 'computer', path: descend(START, TOWER, COMPUTER_RATE, COMPUTER_STEPS), shown: 0 };
}

/** Shows `n` more of the computer's steps; the last one ends the level. */
export function showSteps(s: KnobsState, n: number): KnobsState {
  if (s.phase !== 'computer') return s;
  const shown = Math.min(COMPUTER_STEPS, s.shown + n);
  return { ...s, shown, phase: shown >= COMPUTER_STEPS ? 'done' : 'computer' };
}

/** The knobs on screen: the player's, or the computer's while it turns them. */
export function shownKnobs(s: KnobsState): Knobs {
  if (s.phase === 'computer' || s.phase === 'done') return s.path[s.shown] ?? s.knobs;
  return s.knobs;
}

export function levelStars(s: KnobsState): Stars {
  return stars(s.best);
}

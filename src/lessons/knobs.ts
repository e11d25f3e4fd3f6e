/**
 * Level "knobs": a model is a structure plus knobs. The structure is the
 * curve a + b·u + c·u²; the knobs are a, b, c. The data are the book's example: how long a ball
 * takes to fall from each floor of a tower. The error is the sum of squared distances from each
 * point to the curve; "let the computer turn the knobs" is gradient descent on that error.
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

/** The curve's input: the floor in tens, so the three knobs turn on similar scales. */
export function u(floor: number): number {
  return floor / 10;
}

export function predict(k: Knobs, floor: number): number {
  const x = u(floor);
  return k[0] + k[1] * x + k[2] * x * x;
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
    const x = u(p.floor);
    const r = p.seconds - predict(k, p.floor);
    ga -= 2 * r;
    gb -= 2 * r * x;
    gc -= 2 * r * x * x;
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

/** The 3 × 3 matrix 2·XᵀX: the error's curvature, the same everywhere (the error is a bowl). */
export function hessian(points: readonly Point[]): number[][] {
  // Sums of the powers of u: Σ1, Σu, Σu², Σu³, Σu⁴.
  const p = [0, 0, 0, 0, 0];
  for (const q of points) {
    const x = u(q.floor);
    for (let k = 0; k < 5; k++) p[k] = (p[k] as number) + x ** k;
  }
  const [s0, s1, s2, s3, s4] = p as [number, number, number, number, number];
  return [
    [2 * s0, 2 * s1, 2 * s2],
    [2 * s1, 2 * s2, 2 * s3],
    [2 * s2, 2 * s3, 2 * s4],
  ];
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

/** The knobs' sliders: range and step. The best knobs (about 0.53, 2.94, −1.03) lie well inside. */
export const KNOB_RANGE = [
  { min: -1, max: 3 },
  { min: -2, max: 6 },
  { min: -4, max: 2 },
] as const;
export const KNOB_STEP = 0.05;

/** The knobs a player starts with: a flat line at zero, far from the points. */
export const START: Knobs = [0, 0, 0];

/** The player wins when the error is below this (s²): about 0.05 s off per point on average. */
export const TARGET = 0.025;

export function won(k: Knobs, points: readonly Point[] = TOWER): boolean {
  return error(k, points) < TARGET;
}

/** ★ under the target; ★★ under half of it; ★★★ within 10 % of the best the curve can do. */
export function stars(k: Knobs, points: readonly Point[] = TOWER): Stars {
  const e = error(k, points);
  if (e >= TARGET) return 0;
  const best = error(bestKnobs(points), points);
  if (e <= best * 1.1 + 1e-9) return 3;
  return e < TARGET / 2 ? 2 : 1;
}

/** How many steps the computer takes after the player's win. */
export const COMPUTER_STEPS = 600;
/** The computer's step: 90 % of the largest that still settles (2/L, from the bowl's own curvature). */
export const COMPUTER_RATE = (0.9 * 2) / steepestCurvature(TOWER);

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

/**
 * Level "loss-landscape": roll the ball. The landscape is the real loss of the neuron of the
 * neuron level (a sigmoid on ears and tail) over two of its weights, w1 and w2, with its bias
 * held at B; a small pull towards zero (weight decay, as real training uses) keeps the lowest
 * point on the map. The ball moves by real gradient steps. The landscape has two lakes: the deep
 * one where the neuron sorts every animal, and a high, flat one where it calls every animal a cat.
 * Pure maths, no imports but the neuron's.
 */
import type { Stars } from './levels';
import { ANIMALS, loss, lossGradient, type Animal, type Neuron } from './neuron';

export interface Ball {
  readonly w1: number;
  readonly w2: number;
}

/** The neuron's bias, held while the ball moves its two weights. */
export const B = -7;
/** Weight decay: the landscape is the loss plus DECAY/2 · (w1² + w2²). */
export const DECAY = 0.024;
/** The part of the plane the map shows. A ball that leaves it has flown off. */
export const MAP = { w1: [-6, 18], w2: [-12, 12] } as const;

/** Where the map shows a point of the weight plane: its place in the map's square, 0–1 each way. */
export function toMap(w: Ball): { u: number; v: number } {
  return {
    u: (w.w1 - MAP.w1[0]) / (MAP.w1[1] - MAP.w1[0]),
    v: (w.w2 - MAP.w2[0]) / (MAP.w2[1] - MAP.w2[0]),
  };
}

/** The point of the weight plane at a place (0–1 each way) of the map's square. */
export function fromMap(u: number, v: number): Ball {
  return { w1: MAP.w1[0] + u * (MAP.w1[1] - MAP.w1[0]), w2: MAP.w2[0] + v * (MAP.w2[1] - MAP.w2[0]) };
}

export function height(w: Ball, animals: readonly Animal[] = ANIMALS): number {
  return loss({ w1: w.w1, w2: w.w2, b: B }, animals) + (DECAY / 2) * (w.w1 ** 2 + w.w2 ** 2);
}

/** The landscape's exact slope at `w`. */
export function slope(w: Ball, animals: readonly Animal[] = ANIMALS): Ball {
  const g = lossGradient({ w1: w.w1, w2: w.w2, b: B }, animals);
  return { w1: g.w1 + DECAY * w.w1, w2: g.w2 + DECAY * w.w2 };
}

/** One gradient step: downhill by `rate` times the slope. */
export function step(w: Ball, rate: number): Ball {
  const g = slope(w);
  return { w1: w.w1 - rate * g.w1, w2: w.w2 - rate * g.w2 };
}

export function onMap(w: Ball): boolean {
  return w.w1 >= MAP.w1[0] && w.w1 <= MAP.w1[1] && w.w2 >= MAP.w2[0] && w.w2 <= MAP.w2[1];
}

/** Runs tiny steps from `from` until the ball stops: the bottom of the lake it is in. */
export function settle(from: Ball): Ball {
  let w = from;
  for (let i = 0; i < 20_000; i++) {
    const next = step(w, 2);
    if (Math.hypot(next.w1 - w.w1, next.w2 - w.w2) < 1e-10) return next;
    w = next;
  }
  return w;
}

/** The bottoms of the two lakes (found by settling from a point of each). */
export const LOWEST: Ball = settle({ w1: 11, w2: 1 });
export const HIGH_LAKE: Ball = settle({ w1: 0.5, w2: 0.2 });

/** The step sizes the player picks from: tiny crawls, medium rolls, giant overshoots and flies off. */
export const RATES = { tiny: 0.3, medium: 3, big: 8, giant: 15 } as const;
export type RateName = keyof typeof RATES;

/** Where the player can drop the ball: four hilltops, marked A–D on the map. */
export const DROPS: readonly Ball[] = [
  { w1: -2, w2: 8 },
  { w1: 3, w2: 3 },
  { w1: 16, w2: 10 },
  { w1: 0, w2: -8 },
];

/** Steps a roll may take. */
export const BUDGET = 30;
/** The ball is in the lowest lake when it is this close to its bottom. */
export const LAKE_RADIUS = 0.75;
/** Where the slope is gentler than this, the ball has stopped: it lies in a lake. */
const STOPPED = 0.025;

export type Outcome = 'lowest' | 'highLake' | 'flewOff' | 'bouncing' | 'tooSlow';

export interface Roll {
  /**
   * The drop, then the ball after each step (the last may lie off the map). After a roll into the
   * lowest lake, the steps it rolls on until it lies still at the lake's bottom.
   */
  readonly path: Ball[];
  readonly outcome: Outcome;
  /** Steps counted: those taken to reach the lake, fly off or stop (not the rolling on in the lake). */
  readonly steps: number;
}

/** The most steps a ball rolls on inside the lowest lake before it lies still. */
const REST_STEPS = 60;

/**
 * Once in the lowest lake the ball rolls on with the same steps until it lies still at the
 * bottom, where the neuron sorts every animal (at the lake's edge it may still miss one).
 */
function rollOn(from: Ball, rate: number): Ball[] {
  const out: Ball[] = [];
  let w = from;
  for (let i = 0; i < REST_STEPS; i++) {
    const g = slope(w);
    if (Math.hypot(g.w1, g.w2) < STOPPED) break;
    w = { w1: w.w1 - rate * g.w1, w2: w.w2 - rate * g.w2 };
    out.push(w);
  }
  return out;
}

/**
 * Rolls the ball from `drop` by gradient steps of `rate`, at most `budget` of them. It stops when
 * it reaches the lowest lake, flies off the map, or stops moving elsewhere (a high lake); a roll
 * that runs out of steps either bounced back and forth (steps turning round) or crawled.
 */
export function roll(drop: Ball, rate: number, budget = BUDGET): Roll {
  const path: Ball[] = [drop];
  let w = drop;
  // The slope where the ball is: found once a step, for the stop test and the next step.
  let g = slope(w);
  let turns = 0;
  let last: Ball | null = null;
  for (let k = 1; k <= budget; k++) {
    const move = { w1: -rate * g.w1, w2: -rate * g.w2 };
    w = { w1: w.w1 + move.w1, w2: w.w2 + move.w2 };
    path.push(w);
    if (!onMap(w)) return { path, outcome: 'flewOff', steps: k };
    if (inLowestLake(w)) return { path: [...path, ...rollOn(w, rate)], outcome: 'lowest', steps: k };
    g = slope(w);
    if (Math.hypot(g.w1, g.w2) < STOPPED) return { path, outcome: 'highLake', steps: k };
    if (last && last.w1 * move.w1 + last.w2 * move.w2 < 0) turns++;
    last = move;
  }
  return { path, outcome: turns > budget / 4 ? 'bouncing' : 'tooSlow', steps: budget };
}

export function inLowestLake(w: Ball): boolean {
  return Math.hypot(w.w1 - LOWEST.w1, w.w2 - LOWEST.w2) < LAKE_RADIUS;
}

/** Stars after a win: ★ reach the lowest lake; ★★ in at most 12 steps; ★★★ that, on the first roll. */
export function stars(won: Roll | null, rolls: number): Stars {
  if (!won || won.outcome !== 'lowest') return 0;
  if (won.steps > 12) return 1;
  return rolls === 1 ? 3 : 2;
}

/** The landscape's steepest curvature at `w` (largest eigenvalue of the 2 × 2 Hessian, by differences). */
export function curvature(w: Ball): number {
  const h = 1e-4;
  const gx1 = slope({ w1: w.w1 + h, w2: w.w2 });
  const gx0 = slope({ w1: w.w1 - h, w2: w.w2 });
  const gy1 = slope({ w1: w.w1, w2: w.w2 + h });
  const gy0 = slope({ w1: w.w1, w2: w.w2 - h });
  const a = (gx1.w1 - gx0.w1) / (2 * h);
  const c = (gy1.w2 - gy0.w2) / (2 * h);
  const b = ((gx1.w2 - gx0.w2) / (2 * h) + (gy1.w1 - gy0.w1) / (2 * h)) / 2;
  return (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
}

/** The neuron with the ball's weights (the level's linked picture): the bias held, a sigmoid. */
export function ballNeuron(w: Ball): Neuron {
  return { w1: w.w1, w2: w.w2, b: B, activation: 'sigmoid' };
}

// ---------------------------------------------------------------------------------------------
// The level as a state machine: intro → aim (pick a hill and a step size) → rolling (the path
// shown a step at a time) → aim again, or done once a roll reaches the lowest lake. The stars
// come from the first winning roll and how many rolls it took.

export type Phase = 'intro' | 'aim' | 'rolling' | 'done';

export interface LandscapeState {
  readonly phase: Phase;
  /** The hill the ball is dropped on (an index into DROPS). */
  readonly drop: number;
  readonly rate: RateName;
  readonly rolls: number;
  readonly last: Roll | null;
  /** The first roll that reached the lowest lake, and how many rolls it took. */
  readonly win: Roll | null;
  readonly winRolls: number;
  /** How many steps of the last roll are shown. */
  readonly shown: number;
}

export function startLevel(): LandscapeState {
  return { phase: 'intro', drop: 0, rate: 'medium', rolls: 0, last: null, win: null, winRolls: 0, shown: 0 };
}

export function begin(s: LandscapeState): LandscapeState {
  return s.phase === 'intro' ? { ...s, phase: 'aim' } : s;
}

export function aim(s: LandscapeState, choice: { drop?: number; rate?: RateName }): LandscapeState {
  if (s.phase !== 'aim') return s;
  const drop = choice.drop !== undefined && DROPS[choice.drop] ? choice.drop : s.drop;
  return { ...s, drop, rate: choice.rate ?? s.rate, last: choice.drop !== undefined ? null : s.last };
}

/** The ball rolls from its hill with the chosen step size: the whole path is worked out now. */
export function rollBall(s: LandscapeState): LandscapeState {
  if (s.phase !== 'aim') return s;
  const r = roll(DROPS[s.drop] as Ball, RATES[s.rate]);
  return { ...s, phase: 'rolling', rolls: s.rolls + 1, last: r, shown: 0 };
}

/** Shows `n` more steps of the roll; its end is judged: the lowest lake ends the level. */
export function showSteps(s: LandscapeState, n: number): LandscapeState {
  if (s.phase !== 'rolling' || !s.last) return s;
  const end = s.last.path.length - 1;
  const shown = Math.min(end, s.shown + n);
  if (shown < end) return { ...s, shown };
  const won = s.last.outcome === 'lowest';
  return {
    ...s,
    shown,
    phase: won ? 'done' : 'aim',
    win: s.win ?? (won ? s.last : null),
    winRolls: s.win ? s.winRolls : won ? s.rolls : 0,
  };
}

/** The counted steps of the last roll shown so far (rolling on inside the lowest lake is not counted). */
export function stepsShown(s: LandscapeState): number {
  return s.last ? Math.min(s.shown, s.last.steps) : 0;
}

/** Where the ball is now: on its hill before a roll, else on its path (the last step may be off the map). */
export function ballOf(s: LandscapeState): Ball {
  return s.last?.path[s.shown] ?? (DROPS[s.drop] as Ball);
}

export function levelStars(s: LandscapeState): Stars {
  return stars(s.win, s.winRolls);
}

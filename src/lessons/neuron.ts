/**
 * Level "neuron": one neuron, f(w·x + b). Two kinds of animals sit on a
 * plane by two features; the neuron says "rabbit" where w·x + b > 0. Sliders turn w1, w2 and b;
 * the activation (step, ReLU, sigmoid, tanh) changes the picture, not the dividing line. The
 * loss of the sigmoid neuron and its exact gradient are what the loss-landscape level rolls on.
 */
import type { Stars } from './levels';

export type Activation = 'step' | 'relu' | 'sigmoid' | 'tanh';
export const ACTIVATIONS: readonly Activation[] = ['step', 'relu', 'sigmoid', 'tanh'];

export interface Animal {
  /** Ear length, scaled to 0–1. */
  readonly ears: number;
  /** Tail length, scaled to 0–1. */
  readonly tail: number;
  /** 1 for a rabbit (long ears, short tail), 0 for a cat. */
  readonly rabbit: 0 | 1;
}

/** Six rabbits and six cats, as a child would sort them: long ears and short tails are rabbits. */
export const ANIMALS: readonly Animal[] = [
  { ears: 0.8, tail: 0.15, rabbit: 1 },
  { ears: 0.9, tail: 0.25, rabbit: 1 },
  { ears: 0.7, tail: 0.1, rabbit: 1 },
  { ears: 0.65, tail: 0.3, rabbit: 1 },
  { ears: 0.85, tail: 0.4, rabbit: 1 },
  { ears: 0.6, tail: 0.2, rabbit: 1 },
  { ears: 0.2, tail: 0.8, rabbit: 0 },
  { ears: 0.3, tail: 0.7, rabbit: 0 },
  { ears: 0.25, tail: 0.9, rabbit: 0 },
  { ears: 0.4, tail: 0.75, rabbit: 0 },
  { ears: 0.35, tail: 0.55, rabbit: 0 },
  { ears: 0.15, tail: 0.6, rabbit: 0 },
];

export interface Neuron {
  readonly w1: number;
  readonly w2: number;
  readonly b: number;
  readonly activation: Activation;
}

export const START: Neuron = { w1: 0, w2: 0, b: 0, activation: 'step' };

/** The sliders' range for w1, w2 and b, and their step. */
export const SLIDER = { min: -10, max: 10, step: 0.5 } as const;

/** w·x + b, before the activation. */
export function z(n: Neuron, ears: number, tail: number): number {
  return n.w1 * ears + n.w2 * tail + n.b;
}

export function activate(activation: Activation, v: number): number {
  switch (activation) {
    case 'step':
      return v > 0 ? 1 : 0;
    case 'relu':
      return Math.max(0, v);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-v));
    case 'tanh':
      return Math.tanh(v);
  }
}

/** The neuron's output at a spot of the plane: what the level colours. */
export function output(n: Neuron, ears: number, tail: number): number {
  return activate(n.activation, z(n, ears, tail));
}

/** "Rabbit" where w·x + b > 0: the same line for every activation. */
export function saysRabbit(n: Neuron, a: Pick<Animal, 'ears' | 'tail'>): boolean {
  return z(n, a.ears, a.tail) > 0;
}

export function correct(n: Neuron, animals: readonly Animal[] = ANIMALS): boolean[] {
  return animals.map((a) => saysRabbit(n, a) === (a.rabbit === 1));
}

export function won(n: Neuron, animals: readonly Animal[] = ANIMALS): boolean {
  return correct(n, animals).every(Boolean);
}

/**
 * What the level says when every animal lands on the same side of the line (the six of one kind
 * right, the six of the other wrong), once the player has turned a knob:
 * - 'oneKnob': only one of w1, w2, b is turned. Alone, none of them can split the animals: w1 or
 *   w2 alone puts the line on the plane's edge (every animal has ears and a tail), b alone gives
 *   no line at all. A second knob is needed.
 * - 'oneSide': two or more are turned, but the line misses the animals: b slides it, w1 and w2 tilt it.
 * Otherwise nothing: the score tells the rest.
 */
export type SortHint = 'oneKnob' | 'oneSide';

export function sortHint(
  n: Pick<Neuron, 'w1' | 'w2' | 'b'>,
  animals: readonly Animal[] = ANIMALS,
): SortHint | null {
  const turned = [n.w1, n.w2, n.b].filter((v) => v !== 0).length;
  if (turned === 0) return null;
  const sides = new Set(animals.map((a) => z({ ...n, activation: 'step' }, a.ears, a.tail) > 0));
  if (sides.size > 1) return null;
  return turned === 1 ? 'oneKnob' : 'oneSide';
}

/**
 * ★ every animal right; ★★ with room to spare (every animal at least 0.05 from the line, in
 * the plane's units); ★★★ with room to spare and the sigmoid, sure of each (output beyond 0.1/0.9).
 */
export function stars(n: Neuron, animals: readonly Animal[] = ANIMALS): Stars {
  if (!won(n, animals)) return 0;
  const norm = Math.hypot(n.w1, n.w2);
  const margin = Math.min(...animals.map((a) => Math.abs(z(n, a.ears, a.tail)) / norm));
  if (margin < 0.05) return 1;
  const sure = animals.every((a) => {
    const s = activate('sigmoid', z(n, a.ears, a.tail));
    return a.rabbit === 1 ? s > 0.9 : s < 0.1;
  });
  return n.activation === 'sigmoid' && sure ? 3 : 2;
}

/** Squared error of the sigmoid neuron over the animals: the loss the landscape shows. */
export function loss(n: Pick<Neuron, 'w1' | 'w2' | 'b'>, animals: readonly Animal[] = ANIMALS): number {
  return animals.reduce(
    (s, a) => s + (activate('sigmoid', z({ ...n, activation: 'sigmoid' }, a.ears, a.tail)) - a.rabbit) ** 2,
    0,
  );
}

/** The exact gradient of `loss` with respect to w1, w2 and b. */
export function lossGradient(
  n: Pick<Neuron, 'w1' | 'w2' | 'b'>,
  animals: readonly Animal[] = ANIMALS,
): { w1: number; w2: number; b: number } {
  let g1 = 0;
  let g2 = 0;
  let gb = 0;
  for (const a of animals) {
    const s = activate('sigmoid', z({ ...n, activation: 'sigmoid' }, a.ears, a.tail));
    const d = 2 * (s - a.rabbit) * s * (1 - s);
    g1 += d * a.ears;
    g2 += d * a.tail;
    gb += d;
  }
  return { w1: g1, w2: g2, b: gb };
}

/** The book's "nearest point" network, in one function: which of the centres is closest. */
export function nearest(x: number, y: number, centres: readonly (readonly [number, number])[]): number {
  let best = 0;
  let bestD = Infinity;
  centres.forEach(([cx, cy], i) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    if (d < bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}

/**
 * The three points of the book's "nearest point" picture, in the plane's units, set on the
 * animals' own plane: one among the rabbits (long ears, short tail), one among the cats (short
 * ears, long tail) and one in the empty corner, for a third kind of animal with short ears and a
 * short tail (a hamster, say). The rabbits' and the cats' points lie either side of the line
 * ears = tail, the one-neuron answer w1 = 5, w2 = −5, b = 0.
 */
export const CENTRES: readonly (readonly [number, number])[] = [
  [0.75, 0.25],
  [0.25, 0.75],
  [0.15, 0.15],
];

/** What each of the three parts is for: the rabbits, the cats and a third animal. */
export const PART_KINDS = ['rabbit', 'cat', 'third'] as const;

export type Polygon = readonly (readonly [number, number])[];

/**
 * The part of the plane's square (0–1 each way) where centre `i` is the nearest: the square cut
 * by one straight line per other centre (the line halfway between the two, at right angles to
 * them), so its edges are exact straight lines. Sutherland–Hodgman clipping, corners in order.
 */
export function nearestPart(i: number, centres = CENTRES): Polygon {
  const c = centres[i];
  if (!c) return [];
  let poly: [number, number][] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ];
  centres.forEach((o, j) => {
    if (j === i) return;
    // Nearer to c than to o: 2(o − c)·x ≤ |o|² − |c|², i.e. f(x) ≤ 0.
    const f = ([x, y]: readonly [number, number]): number =>
      2 * (o[0] - c[0]) * x + 2 * (o[1] - c[1]) * y - (o[0] ** 2 + o[1] ** 2 - c[0] ** 2 - c[1] ** 2);
    const out: [number, number][] = [];
    poly.forEach((p, k) => {
      const q = poly[(k + 1) % poly.length] as [number, number];
      const fp = f(p);
      const fq = f(q);
      if (fp <= 0) out.push(p);
      if (fp < 0 !== fq < 0 && fp !== 0 && fq !== 0) {
        const t = fp / (fp - fq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    });
    poly = out;
  });
  return poly;
}

/** The area of a polygon (shoelace formula). */
export function area(poly: Polygon): number {
  let s = 0;
  poly.forEach(([x, y], k) => {
    const [u, v] = poly[(k + 1) % poly.length] as readonly [number, number];
    s += x * v - u * y;
  });
  return Math.abs(s) / 2;
}

/**
 * The nearest-point network: one linear neuron per point, c·x − |c|²/2, and the biggest wins. It
 * gives the same answer as measuring distances, because |x − c|² = |x|² − 2(c·x − |c|²/2).
 */
export function nearestByNeurons(x: number, y: number, centres = CENTRES): number {
  let best = 0;
  let bestV = -Infinity;
  centres.forEach(([cx, cy], i) => {
    const v = cx * x + cy * y - (cx * cx + cy * cy) / 2;
    if (v > bestV) {
      best = i;
      bestV = v;
    }
  });
  return best;
}

// ---------------------------------------------------------------------------------------------
// The level as a state machine: intro → sort (the player sets the neuron) ⇄ sorted (every animal
// right) → nearest (the book's nearest-point network) → the end. The stars come from the neuron
// the player leaves when moving on.

export type Phase = 'intro' | 'sort' | 'sorted' | 'nearest';

export interface NeuronLevel {
  readonly phase: Phase;
  readonly neuron: Neuron;
}

export function startLevel(): NeuronLevel {
  return { phase: 'intro', neuron: START };
}

export function begin(s: NeuronLevel): NeuronLevel {
  return s.phase === 'intro' ? { ...s, phase: 'sort' } : s;
}

/** New weights or a new activation: sorting every animal wins, and losing one takes the win back. */
export function change(s: NeuronLevel, patch: Partial<Neuron>): NeuronLevel {
  if (s.phase !== 'sort' && s.phase !== 'sorted') return s;
  const neuron = { ...s.neuron, ...patch };
  return { neuron, phase: won(neuron) ? 'sorted' : 'sort' };
}

export function showNearest(s: NeuronLevel): NeuronLevel {
  return s.phase === 'sorted' ? { ...s, phase: 'nearest' } : s;
}

export function levelStars(s: NeuronLevel): Stars {
  return s.phase === 'nearest' ? stars(s.neuron) : 0;
}

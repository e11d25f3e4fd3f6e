/**
 * Level "draw-digit", teaching the network a new sign (the book's "learning from examples"): the
 * network's 64 features of a drawing (what its last hidden layer says) feed a new last layer,
 * trained here by gradient descent on the player's examples. Its first output is "a digit" (taught
 * with prepared digit drawings), the others are the player's signs; when it says "a digit", the
 * network's own last layer says which.
 *
 * The layer: logits = W · x + b over standardised features x, softmax, cross-entropy averaged over
 * the examples plus L2 on W (λ/2 · Σ W²). Gradients by hand (checked against finite differences in
 * tests/unit/signHead.test.ts), full-batch steps with momentum, seeded start: the same examples and
 * seed always give the same layer.
 */
import { mulberry32 } from './rng';

export interface Example {
  readonly features: Float32Array | readonly number[];
  /** 0: a digit; 1 … k: the player's signs. */
  readonly label: number;
}

export interface Head {
  readonly classes: number;
  readonly dims: number;
  /** classes × dims, row by row. */
  readonly w: Float32Array;
  readonly b: Float32Array;
  /** The standardisation of the features, measured on the examples it was trained on. */
  readonly mean: Float32Array;
  readonly scale: Float32Array;
}

export const LAMBDA = 1e-3;
export const LEARNING_RATE = 0.3;
export const MOMENTUM = 0.9;
/** Steps of one training (the loss curve has this many points). */
export const STEPS = 150;

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
  const e = Array.from({ length: logits.length }, (_, i) => Math.exp((logits[i] as number) - max));
  const sum = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / sum);
}

/** A new layer: small seeded random weights, zero biases, standardisation from the examples. */
export function newHead(classes: number, examples: readonly Example[], seed: number): Head {
  const dims = examples[0]?.features.length ?? 0;
  if (classes < 2 || dims === 0) throw new Error('signHead: needs two classes and some features');
  const mean = new Float32Array(dims);
  const scale = new Float32Array(dims);
  for (const e of examples)
    for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) + (e.features[d] as number);
  for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) / examples.length;
  for (const e of examples)
    for (let d = 0; d < dims; d++)
      scale[d] = (scale[d] as number) + ((e.features[d] as number) - (mean[d] as number)) ** 2;
  // A feature that never changes counts for nothing; the small floor keeps others in proportion.
  for (let d = 0; d < dims; d++) scale[d] = 1 / (Math.sqrt((scale[d] as number) / examples.length) + 0.1);
  const rng = mulberry32(seed);
  const w = Float32Array.from({ length: classes * dims }, () => (rng() - 0.5) * 0.02);
  return { classes, dims, w, b: new Float32Array(classes), mean, scale };
}

function standardise(head: Head, f: ArrayLike<number>): Float32Array {
  const x = new Float32Array(head.dims);
  for (let d = 0; d < head.dims; d++)
    x[d] = ((f[d] as number) - (head.mean[d] as number)) * (head.scale[d] as number);
  return x;
}

export function logits(head: Head, features: ArrayLike<number>): number[] {
  const x = standardise(head, features);
  const out: number[] = [];
  for (let c = 0; c < head.classes; c++) {
    let z = head.b[c] as number;
    const row = c * head.dims;
    for (let d = 0; d < head.dims; d++) z += (head.w[row + d] as number) * (x[d] as number);
    out.push(z);
  }
  return out;
}

export function predict(head: Head, features: ArrayLike<number>): number[] {
  return softmax(logits(head, features));
}

/** The loss on the examples and its gradient with respect to W and b. */
export function lossAndGradient(
  head: Head,
  examples: readonly Example[],
): { loss: number; gw: Float32Array; gb: Float32Array } {
  const { classes, dims } = head;
  const gw = new Float32Array(classes * dims);
  const gb = new Float32Array(classes);
  let loss = 0;
  const n = examples.length;
  for (const e of examples) {
    const x = standardise(head, e.features);
    const p = softmax(logits(head, e.features));
    loss -= Math.log(Math.max(p[e.label] as number, 1e-12)) / n;
    for (let c = 0; c < classes; c++) {
      const g = ((p[c] as number) - (c === e.label ? 1 : 0)) / n;
      gb[c] = (gb[c] as number) + g;
      const row = c * dims;
      for (let d = 0; d < dims; d++) gw[row + d] = (gw[row + d] as number) + g * (x[d] as number);
    }
  }
  for (let i = 0; i < gw.length; i++) {
    const wi = head.w[i] as number;
    loss += (LAMBDA / 2) * wi * wi;
    gw[i] = (gw[i] as number) + LAMBDA * wi;
  }
  return { loss, gw, gb };
}

/**
 * Gradient descent in slices: `step(k)` takes k more steps and gives their losses, so a page can
 * draw the curve as it falls and never hold the main thread long.
 */
export class Trainer {
  readonly head: Head;
  readonly losses: number[] = [];
  private readonly vw: Float32Array;
  private readonly vb: Float32Array;

  constructor(
    classes: number,
    private readonly examples: readonly Example[],
    seed: number,
    readonly steps = STEPS,
  ) {
    this.head = newHead(classes, examples, seed);
    this.vw = new Float32Array(this.head.w.length);
    this.vb = new Float32Array(classes);
  }

  get done(): boolean {
    return this.losses.length >= this.steps;
  }

  step(k = 1): number[] {
    const out: number[] = [];
    for (let i = 0; i < k && !this.done; i++) {
      const { loss, gw, gb } = lossAndGradient(this.head, this.examples);
      for (let j = 0; j < gw.length; j++) {
        this.vw[j] = MOMENTUM * (this.vw[j] as number) - LEARNING_RATE * (gw[j] as number);
        this.head.w[j] = (this.head.w[j] as number) + (this.vw[j] as number);
      }
      for (let j = 0; j < gb.length; j++) {
        this.vb[j] = MOMENTUM * (this.vb[j] as number) - LEARNING_RATE * (gb[j] as number);
        this.head.b[j] = (this.head.b[j] as number) + (this.vb[j] as number);
      }
      this.losses.push(loss);
      out.push(loss);
    }
    return out;
  }

  /** All the steps left at once (for tests and the "fewer examples" comparison). */
  run(): Head {
    while (!this.done) this.step(this.steps);
    return this.head;
  }
}

/**
 * What the network says with the new layer: the chance of each digit (the new layer's "a digit"
 * times the network's own chances) and of each sign.
 */
export function combined(head: Head, features: ArrayLike<number>, digitChances: readonly number[]): number[] {
  const p = predict(head, features);
  const digit = p[0] as number;
  return [...digitChances.map((q) => digit * q), ...p.slice(1)];
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** A head as plain numbers (for IndexedDB), and back; null when what was stored does not fit. */
export function headToJson(head: Head): {
  classes: number;
  dims: number;
  w: number[];
  b: number[];
  mean: number[];
  scale: number[];
} {
  return {
    classes: head.classes,
    dims: head.dims,
    w: Array.from(head.w),
    b: Array.from(head.b),
    mean: Array.from(head.mean),
    scale: Array.from(head.scale),
  };
}

export function headFromJson(x: unknown): Head | null {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as Record<string, unknown>;
  const classes = o.classes;
  const dims = o.dims;
  if (typeof classes !== 'number' || typeof dims !== 'number') return null;
  if (
    !Number.isInteger(classes) ||
    !Number.isInteger(dims) ||
    classes < 2 ||
    classes > 8 ||
    dims < 1 ||
    dims > 1024
  )
    return null;
  const arr = (v: unknown, n: number): Float32Array | null =>
    Array.isArray(v) && v.length === n && v.every((e) => typeof e === 'number' && Number.isFinite(e))
      ? Float32Array.from(v as number[])
      : null;
  const w = arr(o.w, classes * dims);
  const b = arr(o.b, classes);
  const mean = arr(o.mean, dims);
  const scale = arr(o.scale, dims);
  if (!w || !b || !mean || !scale) return null;
  return { classes, dims, w, b, mean, scale };
}

/**
 * Level "teach": a small change on top of the frozen language model, trained by gradient descent.
 *
 * The frozen model gives, at each position, its last numbers before the output layer, x = LN(h)
 * (the final LayerNorm of the last block's output, dModel numbers), and its logits z₀ = W·x + b.
 * The change is a low-rank update of the output layer:
 *
 *     z = z₀ + B·(A·x)        A: [rank, dModel], B: [vocab, rank]
 *
 * Only A and B learn; B starts at zero (so the model starts exactly as it was), A small and seeded.
 * The loss is the cross-entropy of the taught sentences' next tokens, plus a "reminder": λ times
 * the KL divergence from the frozen model's own distribution on a few fixed snippets of its
 * training text, which keeps the rest of what it knew from moving (forgetting less). The gradient
 * is analytic (checked against finite differences in tests/unit/teach.test.ts); Adam takes the steps.
 */
import { mulberry32 } from '../lessons/rng';

export interface LowRank {
  readonly rank: number;
  readonly dModel: number;
  readonly vocab: number;
  /** [rank, dModel], row by row. */
  readonly a: Float64Array;
  /** [vocab, rank], row by row. */
  readonly b: Float64Array;
}

/**
 * Positions the frozen model has read: for each, its features x (dModel), its frozen logits z₀
 * (vocab) and, for taught text, the token that came next (else -1: a reminder position, which is
 * pulled towards the frozen distribution instead).
 */
export interface Positions {
  readonly n: number;
  readonly x: Float32Array;
  readonly base: Float32Array;
  readonly target: Int32Array;
}

export interface Setting {
  readonly steps: number;
  readonly lr: number;
  /** λ: the weight of the reminder term. */
  readonly reminder: number;
  readonly rank: number;
}

export type SettingId = 'gentle' | 'normal' | 'hard';
export const SETTING_IDS: readonly SettingId[] = ['gentle', 'normal', 'hard'];

/** Gentle forgets least, hard learns fastest; normal is the level's default (measured by `npm run teach:eval`). */
export const SETTINGS: Readonly<Record<SettingId, Setting>> = {
  gentle: { steps: 60, lr: 0.005, reminder: 20, rank: 4 },
  normal: { steps: 60, lr: 0.008, reminder: 15, rank: 4 },
  hard: { steps: 100, lr: 0.02, reminder: 0.5, rank: 4 },
};

/** A new update: B = 0, A uniform in ±1/√dModel from the seed. */
export function initLowRank(vocab: number, dModel: number, rank: number, seed: number): LowRank {
  const rng = mulberry32(seed);
  const s = 1 / Math.sqrt(dModel);
  const a = Float64Array.from({ length: rank * dModel }, () => (2 * rng() - 1) * s);
  return { rank, dModel, vocab, a, b: new Float64Array(vocab * rank) };
}

/** u = A·x for position `i` of `x` (dModel numbers a position). */
function project(u: LowRank, x: Float32Array, i: number, out: Float64Array): void {
  const d = u.dModel;
  const off = i * d;
  for (let k = 0; k < u.rank; k++) {
    let s = 0;
    const row = k * d;
    for (let j = 0; j < d; j++) s += (u.a[row + j] as number) * (x[off + j] as number);
    out[k] = s;
  }
}

/** The logits of position `i` with the update: z₀ + B·(A·x), into `out` (vocab numbers). */
export function logitsAt(u: LowRank, p: Positions, i: number, out: Float64Array = new Float64Array(u.vocab)) {
  const ax = new Float64Array(u.rank);
  project(u, p.x, i, ax);
  addUpdate(u, p.base, i, ax, out);
  return out;
}

function addUpdate(u: LowRank, base: Float32Array, i: number, ax: Float64Array, out: Float64Array): void {
  const v = u.vocab;
  const r = u.rank;
  const off = i * v;
  for (let t = 0; t < v; t++) {
    let s = base[off + t] as number;
    const row = t * r;
    for (let k = 0; k < r; k++) s += (u.b[row + k] as number) * (ax[k] as number);
    out[t] = s;
  }
}

/** Softmax of `z` in place; returns log Σ exp(z), so log p = z − that. */
function softmaxInPlace(z: Float64Array): number {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp((z[i] as number) - max);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) z[i] = (z[i] as number) / sum;
  return max + Math.log(sum);
}

/** The frozen distribution p₀ of each reminder position and Σ p₀ log p₀, computed once per set. */
const frozen = new WeakMap<Positions, { p0: Float32Array; plogp: Float64Array }>();

function frozenOf(set: Positions): { p0: Float32Array; plogp: Float64Array } {
  let f = frozen.get(set);
  if (!f) {
    const v = set.base.length / Math.max(1, set.n);
    const p0 = new Float32Array(set.base.length);
    const plogp = new Float64Array(set.n);
    const z = new Float64Array(v);
    for (let i = 0; i < set.n; i++) {
      for (let t = 0; t < v; t++) z[t] = set.base[i * v + t] as number;
      const logZ = softmaxInPlace(z);
      let s = 0;
      for (let t = 0; t < v; t++) {
        const q = z[t] as number;
        if (q > 0) s += q * ((set.base[i * v + t] as number) - logZ);
        p0[i * v + t] = q;
      }
      plogp[i] = s;
    }
    f = { p0, plogp };
    frozen.set(set, f);
  }
  return f;
}

export interface LossGrad {
  /** The whole loss: taught cross-entropy + λ · reminder KL. */
  readonly loss: number;
  /** Mean cross-entropy on the taught positions (nats). */
  readonly taught: number;
  /** Mean KL from the frozen model on the reminder positions (nats). */
  readonly kl: number;
  readonly gA: Float64Array;
  readonly gB: Float64Array;
}

/**
 * The loss and its gradient in A and B. Taught positions (target ≥ 0): mean of −log p(target);
 * reminder positions (target −1): λ · mean KL(p₀ ‖ p), p₀ the frozen model's own distribution.
 * For either, ∂/∂z = (p − q)/n, q the one-hot target or p₀; then ∂B = ∂z ⊗ A·x, ∂A = (Bᵀ∂z) ⊗ x.
 */
export function lossAndGrad(
  u: LowRank,
  taught: Positions,
  remind: Positions | null,
  lambda: number,
): LossGrad {
  const { rank: r, dModel: d, vocab: v } = u;
  const gA = new Float64Array(r * d);
  const gB = new Float64Array(v * r);
  const z = new Float64Array(v);
  const ax = new Float64Array(r);
  const du = new Float64Array(r);
  let ce = 0;
  let kl = 0;
  const run = (set: Positions, weight: number, isTaught: boolean): void => {
    const f = isTaught ? null : frozenOf(set);
    for (let i = 0; i < set.n; i++) {
      const target = set.target[i] as number;
      if (isTaught !== target >= 0) continue;
      project(u, set.x, i, ax);
      addUpdate(u, set.base, i, ax, z);
      if (!f) {
        softmaxInPlace(z);
        ce -= Math.log(Math.max(z[target] as number, 1e-300));
        z[target] = (z[target] as number) - 1;
      } else {
        // KL(p₀ ‖ p) = Σ p₀ log p₀ − Σ p₀ z + log Σ exp(z): no logarithm per word.
        let qz = 0;
        const off = i * v;
        for (let t = 0; t < v; t++) qz += (f.p0[off + t] as number) * (z[t] as number);
        const logZ = softmaxInPlace(z);
        kl += (f.plogp[i] as number) - qz + logZ;
        for (let t = 0; t < v; t++) z[t] = (z[t] as number) - (f.p0[off + t] as number);
      }
      // z is now ∂loss/∂z for this position, before the weight.
      du.fill(0);
      for (let t = 0; t < v; t++) {
        const g = (z[t] as number) * weight;
        if (g === 0) continue;
        const row = t * r;
        for (let k = 0; k < r; k++) {
          gB[row + k] = (gB[row + k] as number) + g * (ax[k] as number);
          du[k] = (du[k] as number) + g * (u.b[row + k] as number);
        }
      }
      const off = i * d;
      for (let k = 0; k < r; k++) {
        const g = du[k] as number;
        if (g === 0) continue;
        const row = k * d;
        for (let j = 0; j < d; j++) gA[row + j] = (gA[row + j] as number) + g * (set.x[off + j] as number);
      }
    }
  };
  const nTaught = countOf(taught, true);
  if (nTaught > 0) run(taught, 1 / nTaught, true);
  const nRemind = remind ? countOf(remind, false) : 0;
  if (remind && nRemind > 0 && lambda > 0) run(remind, lambda / nRemind, false);
  const taughtLoss = nTaught > 0 ? ce / nTaught : 0;
  const klLoss = nRemind > 0 && lambda > 0 ? kl / nRemind : 0;
  return { loss: taughtLoss + lambda * klLoss, taught: taughtLoss, kl: klLoss, gA, gB };
}

function countOf(set: Positions, taught: boolean): number {
  let n = 0;
  for (let i = 0; i < set.n; i++) if ((set.target[i] as number) >= 0 === taught) n++;
  return n;
}

/** Adam's moments for A and B. */
export interface Adam {
  step: number;
  readonly mA: Float64Array;
  readonly vA: Float64Array;
  readonly mB: Float64Array;
  readonly vB: Float64Array;
}

export function newAdam(u: LowRank): Adam {
  return {
    step: 0,
    mA: new Float64Array(u.a.length),
    vA: new Float64Array(u.a.length),
    mB: new Float64Array(u.b.length),
    vB: new Float64Array(u.b.length),
  };
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** One Adam step on A and B (in place). */
export function adamStep(u: LowRank, adam: Adam, g: LossGrad, lr: number): void {
  adam.step++;
  const c1 = 1 - BETA1 ** adam.step;
  const c2 = 1 - BETA2 ** adam.step;
  const move = (w: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void => {
    for (let i = 0; i < w.length; i++) {
      const gi = grad[i] as number;
      const mi = BETA1 * (m[i] as number) + (1 - BETA1) * gi;
      const vi = BETA2 * (v[i] as number) + (1 - BETA2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      w[i] = (w[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + EPS);
    }
  };
  move(u.a, g.gA, adam.mA, adam.vA);
  move(u.b, g.gB, adam.mB, adam.vB);
}

/** A training run, step by step (the caller decides how many steps a slice of time holds). */
export class LowRankTrainer {
  readonly update: LowRank;
  readonly losses: number[] = [];
  private readonly adam: Adam;

  constructor(
    vocab: number,
    dModel: number,
    readonly setting: Setting,
    readonly taught: Positions,
    readonly remind: Positions | null,
    seed: number,
  ) {
    this.update = initLowRank(vocab, dModel, setting.rank, seed);
    this.adam = newAdam(this.update);
  }

  get done(): boolean {
    return this.losses.length >= this.setting.steps;
  }

  /** One step; returns the loss before it. */
  step(): LossGrad {
    const g = lossAndGrad(this.update, this.taught, this.remind, this.setting.reminder);
    adamStep(this.update, this.adam, g, this.setting.lr);
    this.losses.push(g.loss);
    return g;
  }
}

/**
 * Perplexity of positions with a target (each window of the sample read by the frozen model), with
 * the update or, without one, as the frozen model: exp(mean −log p(next)).
 */
export function perplexity(set: Positions, u: LowRank | null): number {
  const v = set.base.length / Math.max(1, set.n);
  const z = new Float64Array(v);
  let nll = 0;
  let n = 0;
  for (let i = 0; i < set.n; i++) {
    const target = set.target[i] as number;
    if (target < 0) continue;
    if (u) logitsAt(u, set, i, z);
    else for (let t = 0; t < v; t++) z[t] = set.base[i * v + t] as number;
    softmaxInPlace(z);
    nll -= Math.log(Math.max(z[target] as number, 1e-300));
    n++;
  }
  return Math.exp(nll / Math.max(1, n));
}

/** The final LayerNorm of one position's numbers h (dModel), into `out` at `at`. */
export function layerNorm(
  h: ArrayLike<number>,
  gamma: Float32Array,
  beta: Float32Array,
  eps: number,
  out: Float32Array,
  at = 0,
): void {
  const d = gamma.length;
  let mean = 0;
  for (let j = 0; j < d; j++) mean += h[j] as number;
  mean /= d;
  let varSum = 0;
  for (let j = 0; j < d; j++) varSum += ((h[j] as number) - mean) ** 2;
  const inv = 1 / Math.sqrt(varSum / d + eps);
  for (let j = 0; j < d; j++)
    out[at + j] = ((h[j] as number) - mean) * inv * (gamma[j] as number) + (beta[j] as number);
}

/** How far the update moves the forgetting meter: (after − before) / before, as a fraction. */
export function forgettingChange(before: number, after: number): number {
  return before > 0 ? (after - before) / before : 0;
}

/** The update as plain numbers (float32) for storage and messages. */
export interface StoredUpdate {
  readonly rank: number;
  readonly dModel: number;
  readonly vocab: number;
  readonly a: Float32Array;
  readonly b: Float32Array;
}

export function toStored(u: LowRank): StoredUpdate {
  return {
    rank: u.rank,
    dModel: u.dModel,
    vocab: u.vocab,
    a: Float32Array.from(u.a),
    b: Float32Array.from(u.b),
  };
}

/** A stored update back, or null when it does not fit a model of `vocab` × `dModel`. */
export function fromStored(s: StoredUpdate, vocab: number, dModel: number): LowRank | null {
  if (s.vocab !== vocab || s.dModel !== dModel || !(s.rank >= 1 && s.rank <= 32)) return null;
  if (s.a.length !== s.rank * dModel || s.b.length !== vocab * s.rank) return null;
  return { rank: s.rank, dModel, vocab, a: Float64Array.from(s.a), b: Float64Array.from(s.b) };
}

/**
 * From logits to words: softmax with a temperature, top-k, and seeded sampling.
 * Temperature T reshapes probabilities as p^(1/T); T → 0 picks the most likely token.
 */
import type { Rng } from '../lessons/rng';

/** Probabilities from logits at temperature `temperature` (> 0), computed stably in float64. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const n = logits.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const t = Math.max(temperature, 1e-6);
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, (logits[i] as number) / t);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((logits[i] as number) / t - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / sum;
  return out;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

export interface Ranked {
  readonly id: number;
  readonly p: number;
}

/** The k most likely ids, most likely first (ties by id). One pass, no full sort: O(n·k). */
export function topK(
  probs: ArrayLike<number>,
  k: number,
  exclude: ReadonlySet<number> = new Set(),
): Ranked[] {
  const best: Ranked[] = [];
  if (k <= 0) return best;
  for (let id = 0; id < probs.length; id++) {
    const p = probs[id] as number;
    if (exclude.has(id) || (best.length === k && p <= (best[k - 1] as Ranked).p)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as Ranked).p < p) at--;
    best.splice(at, 0, { id, p });
    if (best.length > k) best.pop();
  }
  return best;
}

/** Draws an id from probabilities that sum to 1, with the seeded `rng`. */
export function sampleFromProbs(probs: ArrayLike<number>, rng: Rng): number {
  let r = rng();
  for (let i = 0; i < probs.length; i++) {
    r -= probs[i] as number;
    if (r < 0) return i;
  }
  // Rounding left a sliver: the last token that can be drawn.
  for (let i = probs.length - 1; i >= 0; i--) if ((probs[i] as number) > 0) return i;
  return 0;
}

export interface Draw {
  readonly id: number;
  /** Its probability in the distribution it was drawn from (at that temperature). */
  readonly p: number;
  /** Its probability in the model's own distribution (T = 1, special tokens left out). */
  readonly plain: number;
}

/**
 * Draws one id. At temperature 0 (or below 1e-3) it is the argmax; otherwise the seeded
 * `rng` draws from softmax(logits / T). Ids in `exclude` (special tokens) are never drawn.
 */
export function draw(
  logits: ArrayLike<number>,
  temperature: number,
  rng: Rng,
  exclude: ReadonlySet<number> = new Set(),
): Draw {
  const masked = Array.from(logits, (v, i) => (exclude.has(i) ? -Infinity : v));
  const probs = softmax(masked, Math.max(temperature, 1e-6));
  const id = temperature < 1e-3 ? argmax(masked) : sampleFromProbs(probs, rng);
  const plain = Math.abs(temperature - 1) < 1e-9 ? probs : softmax(masked, 1);
  return { id, p: probs[id] as number, plain: plain[id] as number };
}

export function sample(
  logits: ArrayLike<number>,
  temperature: number,
  rng: Rng,
  exclude: ReadonlySet<number> = new Set(),
): number {
  return draw(logits, temperature, rng, exclude).id;
}

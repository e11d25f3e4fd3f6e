/**
 * Level "temperature": how the temperature reshapes the model's chances, and what it does to
 * the text. New chance ∝ old chance^(1/T): at T = 0 only the favourite is left, at T = 1 the
 * model's own chances, above 1 the unlikely words catch up. Pure: probabilities come in as data.
 */
import { shuffled, type Rng } from './rng';
import type { Stars } from './levels';
import { argmax, softmax } from '../lm/sampling';

export const MIN_T = 0;
export const MAX_T = 2;
/** The book's favourite setting, marked on the slider. */
export const BOOK_T = 0.8;

/**
 * Chances at temperature `t` from the model's chances at T = 1: p^(1/t), normalised. That is a
 * softmax of the log chances at temperature t, so the sampler's own softmax does it.
 */
export function reshape(probs: ArrayLike<number>, t: number): Float64Array {
  // At T = 1 the model's own chances, exactly as it returned them.
  if (Math.abs(t - 1) < 1e-9) return Float64Array.from(probs);
  if (t < 1e-3) {
    const out = new Float64Array(probs.length);
    if (probs.length > 0) out[argmax(probs)] = 1;
    return out;
  }
  return softmax(Array.from(probs, Math.log), t);
}

/** Entropy in bits: how spread out the chances are (0 = one sure word). */
export function entropyBits(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as number;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

/** Share of the text's word triples (English) or character triples (Chinese) seen before in it. */
export function repetition(tokens: readonly string[]): number {
  const grams = tokens.slice(2).map((_, i) => tokens.slice(i, i + 3).join('\u0001'));
  if (grams.length === 0) return 0;
  return 1 - new Set(grams).size / grams.length;
}

/** Mean surprise of a text under the model's own chances (T = 1), in bits per token. */
export function surprise(plainProbs: readonly number[]): number {
  if (plainProbs.length === 0) return 0;
  return plainProbs.reduce((s, p) => s - Math.log2(Math.max(p, 1e-12)), 0) / plainProbs.length;
}

export type Verdict = 'repeats' | 'fallsApart' | 'justRight';

export interface Limits {
  /** More repeated triples than this: "it repeats itself". */
  readonly repetition: number;
  /** More bits of surprise per token than this: "it falls apart". */
  readonly surprise: number;
}

/**
 * Per language, measured with `npm run limits` on the shipped models (40 words or 60 字 after each
 * opening, 4 seeds): at T = 0.8 and 1 nearly every text is inside both limits, at T = 0 most
 * repeat themselves, at T = 2 every one falls apart.
 */
export const LIMITS: Record<'en' | 'zh', Limits> = {
  en: { repetition: 0.12, surprise: 5.5 },
  zh: { repetition: 0.12, surprise: 6.5 },
};

export function judge(tokens: readonly string[], plainProbs: readonly number[], limits: Limits): Verdict {
  if (repetition(tokens) > limits.repetition) return 'repeats';
  if (surprise(plainProbs) > limits.surprise) return 'fallsApart';
  return 'justRight';
}

/** The three labels of the matching challenge and the temperature that writes each. */
export const MATCH = [
  { label: 'boring', t: 0 },
  { label: 'justRight', t: BOOK_T },
  { label: 'nonsense', t: MAX_T },
] as const;
export type Label = (typeof MATCH)[number]['label'];

export interface MatchState {
  /** The order the three texts are shown in: indices into MATCH. */
  readonly order: readonly number[];
  /** The label the player gave each shown text (by position), or null. */
  readonly answers: readonly (Label | null)[];
  /** How many times the player checked. */
  readonly checks: number;
  readonly solved: boolean;
}

export function startMatch(rng: Rng): MatchState {
  return { order: shuffled([0, 1, 2], rng), answers: [null, null, null], checks: 0, solved: false };
}

/**
 * Gives the text at `position` a label. Two texts may hold the same label for a while (moving
 * through a radio group with the arrow keys passes over labels); checking marks the wrong ones.
 */
export function label(state: MatchState, position: number, value: Label): MatchState {
  if (state.solved || position < 0 || position > 2) return state;
  return { ...state, answers: state.answers.map((a, i) => (i === position ? value : a)) };
}

/** Which labels are right (by position); the state counts the check and knows when all are. */
export function check(state: MatchState): { state: MatchState; right: boolean[] } {
  const right = state.order.map((m, i) => state.answers[i] === MATCH[m]?.label);
  const solved = right.every(Boolean);
  return { state: { ...state, checks: state.checks + 1, solved }, right };
}

/** ★ both challenges done; ★★ the match right at the first check; ★★★ and a just-right text within 3 writes. */
export function stars(match: MatchState, writesToJustRight: number | null): Stars {
  if (!match.solved || writesToJustRight === null) return 0;
  if (match.checks > 1) return 1;
  return writesToJustRight <= 3 ? 3 : 2;
}

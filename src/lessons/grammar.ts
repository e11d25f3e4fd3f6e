/**
 * Level "grammar": a sentence can have right grammar and still mean nothing. Four steps:
 * 1. sort sentences into four baskets (makes sense; grammar right but nonsense; broken grammar;
 *    makes sense but not true, yet);
 * 2. the model's surprise meter: how surprised our own model is by each word (−log₂ p, in bits),
 *    and by each basket on average, measured live, with where the tiny model gets it wrong;
 * 3. build a sentence from word cards on a small grammar, with a clause inside (the tree grows);
 * 4. close the brackets of ever deeper strings.
 * Pure: the sentences come in as data, the model's chances as numbers, randomness as a seed.
 */
import { roundRng, shuffled } from './rng';
import type { Stars } from './levels';
import {
  addWord,
  bracketed,
  clauseDepth,
  isComplete,
  startParse,
  whyNot,
  type GrammarLang,
  type Parse,
  type Refusal,
} from './sentenceGrammar';
import { bracketRound, openString, putCloser, roundDone, type BracketRound, type Closer } from './brackets';

export const BASKETS = ['sense', 'nonsense', 'broken', 'untrue'] as const;
export type Basket = (typeof BASKETS)[number];
export type Pool = Readonly<Record<Basket, readonly string[]>>;

/** Sentences of each basket in one game. */
export const PER_BASKET = 2;
/** How deep the bracket strings of the three rounds are. */
export const BRACKET_DEPTHS = [2, 4, 7] as const;
/** A built sentence wins with clauses this deep (the cat [that the dog chased] ran). */
export const BUILD_DEPTH = 1;

export type Phase = 'intro' | 'sort' | 'measure' | 'guess' | 'meter' | 'build' | 'brackets' | 'done';

export interface SortItem {
  readonly text: string;
  readonly basket: Basket;
}

/** A sentence as the model read it: each token and the chance it gave it. */
export interface Scored {
  readonly tokens: readonly string[];
  readonly p: readonly number[];
}

export interface GrammarState {
  readonly lang: GrammarLang;
  readonly seed: number;
  readonly phase: Phase;
  readonly items: readonly SortItem[];
  /** The sentence being sorted. */
  readonly at: number;
  /** Wrong baskets tried for it. */
  readonly tries: readonly Basket[];
  readonly sortMistakes: number;
  /** What the model made of each sentence, by item (null until measured). */
  readonly scores: readonly (Scored | null)[];
  /** The player's guess of the basket that surprises the model most. */
  readonly guess: Basket | null;
  /** The sentence whose words the meter shows (items.length: the player's own). */
  readonly viewing: number;
  /** The player's own sentence, as the model read it. */
  readonly own: Own | null;
  readonly parse: Parse;
  readonly refused: Refusal | null;
  readonly round: number;
  readonly brackets: BracketRound;
  readonly bracketMistakes: number;
}

export function start(lang: GrammarLang, seed: number): GrammarState {
  return {
    lang,
    seed,
    phase: 'intro',
    items: [],
    at: 0,
    tries: [],
    sortMistakes: 0,
    scores: [],
    guess: null,
    viewing: 0,
    own: null,
    parse: startParse(lang),
    refused: null,
    round: 0,
    brackets: bracketRound(''),
    bracketMistakes: 0,
  };
}

/** The game's sentences: PER_BASKET of each basket, chosen and ordered by the seed. */
export function chooseItems(pool: Pool, seed: number): SortItem[] {
  const rng = roundRng(seed, 0);
  const chosen = BASKETS.flatMap((basket) =>
    shuffled(pool[basket], rng)
      .slice(0, PER_BASKET)
      .map((text) => ({ text, basket })),
  );
  return shuffled(chosen, rng);
}

export function begin(s: GrammarState, pool: Pool): GrammarState {
  if (s.phase !== 'intro') return s;
  const items = chooseItems(pool, s.seed);
  return { ...s, phase: 'sort', items, at: 0, tries: [], scores: items.map(() => null) };
}

export function current(s: GrammarState): SortItem | undefined {
  return s.phase === 'sort' ? s.items[s.at] : undefined;
}

/** Where the sorted sentences are: the ones sorted so far, by basket. */
export function sorted(s: GrammarState): SortItem[] {
  return s.items.slice(0, s.phase === 'sort' ? s.at : s.items.length);
}

/** The player puts the sentence in a basket: right moves on, wrong is a mistake (and stays to try again). */
export function sortInto(s: GrammarState, basket: Basket): GrammarState {
  const item = current(s);
  if (!item || s.tries.includes(basket)) return s;
  if (basket !== item.basket) return { ...s, tries: [...s.tries, basket], sortMistakes: s.sortMistakes + 1 };
  const at = s.at + 1;
  return { ...s, at, tries: [], phase: at >= s.items.length ? 'measure' : 'sort' };
}

/** The last sentence the player sorted right (shown with its basket), if any. */
export function lastSorted(s: GrammarState): SortItem | undefined {
  return s.phase === 'sort' && s.tries.length === 0 ? s.items[s.at - 1] : undefined;
}

// ── the surprise meter ────────────────────────────────────────────────────────

/** Surprise of one token in bits: −log₂ p (a sure token 0, a one-in-a-thousand token about 10). */
export function bits(p: number): number {
  return Math.log2(1 / Math.min(1, Math.max(p, 1e-12)));
}

/** A sentence's surprise: its tokens' bits, on average. */
export function meanBits(ps: readonly number[]): number {
  return ps.length === 0 ? 0 : ps.reduce((sum, p) => sum + bits(p), 0) / ps.length;
}

/** The model read item `i`. When every item is read, the player guesses. */
export function scored(s: GrammarState, i: number, score: Scored): GrammarState {
  if (s.phase !== 'measure' || i < 0 || i >= s.items.length || score.tokens.length !== score.p.length)
    return s;
  const scores = s.scores.map((old, j) => (j === i ? score : old));
  return { ...s, scores, phase: scores.every((x) => x !== null) ? 'guess' : 'measure' };
}

/** The items still to be read by the model. */
export function unmeasured(s: GrammarState): number[] {
  return s.phase === 'measure' ? s.scores.flatMap((x, i) => (x === null ? [i] : [])) : [];
}

/** Mean surprise of each basket over its sentences (each sentence's mean, averaged). */
export function basketMeans(
  items: readonly SortItem[],
  scores: readonly (Scored | null)[],
): Record<Basket, number> {
  const out = {} as Record<Basket, number>;
  for (const b of BASKETS) {
    const means = items.flatMap((it, i) => {
      const sc = scores[i];
      return it.basket === b && sc ? [meanBits(sc.p)] : [];
    });
    out[b] = means.length ? means.reduce((a, x) => a + x, 0) / means.length : 0;
  }
  return out;
}

export function mostSurprising(means: Record<Basket, number>): Basket {
  return BASKETS.reduce((best, b) => (means[b] > means[best] ? b : best), BASKETS[0] as Basket);
}

/** What a grammar-wise model should find: nonsense more surprising than sense, broken grammar most. */
export const EXPECTED: readonly (readonly [Basket, Basket])[] = [
  ['sense', 'nonsense'],
  ['nonsense', 'broken'],
  ['sense', 'broken'],
];

/**
 * A place where the model got it wrong: sentence `low` surprised it less than sentence `high`,
 * though `low`'s basket should surprise it more (broken grammar less than sense, say).
 */
export interface Miss {
  readonly low: number;
  readonly high: number;
  /** How many bits apart they are, the wrong way. */
  readonly gap: number;
}

/**
 * Where the tiny model gets it wrong on these sentences: the pair of sentences furthest out of
 * the expected order, or null when every pair is in order.
 */
export function worstMiss(items: readonly SortItem[], scores: readonly (Scored | null)[]): Miss | null {
  let worst: Miss | null = null;
  items.forEach((a, i) => {
    items.forEach((b, j) => {
      const sa = scores[i];
      const sb = scores[j];
      // a's basket should surprise the model less than b's.
      if (!sa || !sb || !EXPECTED.some(([lo, hi]) => lo === a.basket && hi === b.basket)) return;
      const gap = meanBits(sa.p) - meanBits(sb.p);
      if (gap > 0 && (!worst || gap > worst.gap)) worst = { low: j, high: i, gap };
    });
  });
  return worst;
}

/** Whether the basket means are in the expected order (sense < nonsense < broken). */
export function basketsInOrder(means: Record<Basket, number>): boolean {
  return EXPECTED.every(([lo, hi]) => means[lo] < means[hi]);
}

/** Whether "not true" surprised the model about as little as sense (nearer sense than nonsense): it cannot tell true from false. */
export function untrueLikeSense(means: Record<Basket, number>): boolean {
  return Math.abs(means.untrue - means.sense) < Math.abs(means.untrue - means.nonsense);
}

/** The token of a sentence that surprised the model most. */
export function peak(score: Scored): number {
  let best = 0;
  score.p.forEach((p, i) => {
    if (p < (score.p[best] as number)) best = i;
  });
  return best;
}

export function makeGuess(s: GrammarState, basket: Basket): GrammarState {
  if (s.phase !== 'guess') return s;
  return { ...s, guess: basket, phase: 'meter' };
}

export function view(s: GrammarState, i: number): GrammarState {
  const last = s.items.length - (s.own ? 0 : 1);
  if (s.phase !== 'meter' || i < 0 || i > last || !Number.isInteger(i)) return s;
  return { ...s, viewing: i };
}

/** The longest sentence of the player's own the meter reads (characters). */
export const MAX_OWN = 120;
/** The most characters the box takes (a pasted page is cut there; the meter then says it is too long). */
export const OWN_BOX = 400;

export interface Own extends Scored {
  readonly text: string;
  /** Words the model does not know (it reads each as one "unknown" token). */
  readonly unknown: readonly string[];
}

export type OwnProblem = 'empty' | 'noWords' | 'tooLong';

/** Whether the player's own sentence can go to the meter: some letters, not too long. */
export function checkOwn(text: string): { ok: true; text: string } | { ok: false; problem: OwnProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if ([...trimmed].length > MAX_OWN) return { ok: false, problem: 'tooLong' };
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return { ok: false, problem: 'noWords' };
  return { ok: true, text: trimmed };
}

/** The model read the player's own sentence: the meter shows it. */
export function ownScored(s: GrammarState, own: Own): GrammarState {
  if (s.phase !== 'meter' || own.tokens.length !== own.p.length) return s;
  return { ...s, own, viewing: s.items.length };
}

/** What the meter's words show: a sentence of the game or the player's own. */
export function viewed(s: GrammarState): Scored | null {
  return s.viewing === s.items.length ? s.own : (s.scores[s.viewing] ?? null);
}

export function toBuild(s: GrammarState): GrammarState {
  return s.phase === 'meter' ? { ...s, phase: 'build', parse: startParse(s.lang), refused: null } : s;
}

// ── building a sentence ───────────────────────────────────────────────────────

export function addCard(s: GrammarState, word: string): GrammarState {
  if (s.phase !== 'build' || buildWon(s)) return s;
  const next = addWord(s.parse, word);
  if (!next) return { ...s, refused: whyNot(s.parse, word) };
  return { ...s, parse: next, refused: null };
}

/** Takes the last card back. */
export function undoCard(s: GrammarState): GrammarState {
  if (s.phase !== 'build' || s.parse.words.length === 0) return s;
  let p = startParse(s.lang);
  for (const w of s.parse.words.slice(0, -1)) p = addWord(p, w) ?? p;
  return { ...s, parse: p, refused: null };
}

export function clearCards(s: GrammarState): GrammarState {
  return s.phase === 'build' ? { ...s, parse: startParse(s.lang), refused: null } : s;
}

/** The sentence is whole and holds a clause: the step is won. */
export function buildWon(s: GrammarState): boolean {
  return isComplete(s.parse) && clauseDepth(bracketed(s.parse)) >= BUILD_DEPTH;
}

/** A whole sentence without a clause yet (the player is told to put one in). */
export function buildNeedsClause(s: GrammarState): boolean {
  return isComplete(s.parse) && !buildWon(s);
}

export function toBrackets(s: GrammarState): GrammarState {
  if (s.phase !== 'build' || !buildWon(s)) return s;
  return { ...s, phase: 'brackets', round: 0, brackets: roundFor(s.seed, 0) };
}

// ── brackets ──────────────────────────────────────────────────────────────────

function roundFor(seed: number, round: number): BracketRound {
  return bracketRound(openString(roundRng(seed, round + 1), BRACKET_DEPTHS[round] as number));
}

export function close(s: GrammarState, ch: Closer): GrammarState {
  if (s.phase !== 'brackets' || roundDone(s.brackets)) return s;
  const r = putCloser(s.brackets, ch);
  return { ...s, brackets: r, bracketMistakes: s.bracketMistakes + (r.mistakes - s.brackets.mistakes) };
}

export function nextRound(s: GrammarState): GrammarState {
  if (s.phase !== 'brackets' || !roundDone(s.brackets)) return s;
  const round = s.round + 1;
  if (round >= BRACKET_DEPTHS.length) return { ...s, phase: 'done' };
  return { ...s, round, brackets: roundFor(s.seed, round) };
}

// ── stars ─────────────────────────────────────────────────────────────────────

export function mistakes(s: GrammarState): number {
  return s.sortMistakes + s.bracketMistakes;
}

/** Three stars with at most one mistake in sorting and brackets together, two with at most four, else one. */
export function stars(s: GrammarState): Stars {
  if (s.phase !== 'done') return 0;
  const m = mistakes(s);
  return m <= 1 ? 3 : m <= 4 ? 2 : 1;
}

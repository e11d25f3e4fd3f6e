/**
 * Level "letter-dice": where the chances come from. The book counts letters, then pairs of
 * letters, and rolls random text from those counts: with one letter of context it is noise, with
 * four it is nearly words. Here the counts come from the training text the models learn from
 * (scripts/letter-dice-data.ts writes them); the rolling statistics are computed from them here.
 *
 * Steps: (1) which letter (字) is most common, from the bars; (2) the pair map: what follows
 * "q" (蝴); (3) roll 8 words (sentences) from n-gram statistics and pick the smallest n at which
 * most of what is rolled is real words; then (4) the player's own text, counted in slices.
 */
import { question, tryOption, type Question as TileQuestion } from './question';
import { mulberry32, roundRng, shuffled, type Rng } from './rng';
import type { Stars } from './levels';
import { isHan } from '../lm/tokenizer';

export type DiceLang = 'en' | 'zh';

/** What the data files hold (public/data/letter-dice/<lang>.json). */
export interface LetterDiceData {
  readonly lang: DiceLang;
  /** The symbols the bars show (en: a–z then space; zh: the most common 字), with their counts. */
  readonly symbols: readonly string[];
  readonly counts: readonly number[];
  /** Every symbol counted (en: letters and spaces; zh: 字). */
  readonly total: number;
  /** The pair map's rows (and columns), and how often column follows row. */
  readonly rows: readonly string[];
  readonly pairs: readonly (readonly number[])[];
  /** For each row: what follows it most in the whole text, with the real counts. */
  readonly follows: readonly (readonly (readonly [string, number])[])[];
  /** en: the words rolled from, with their counts; zh: none. */
  readonly words?: readonly (readonly [string, number])[];
  /** zh: the sentences rolled from; en: none. */
  readonly sentences?: readonly string[];
  /** zh: the words a rolled sentence's runs of 字 are checked against. */
  readonly dictionary?: readonly string[];
}

/** The edge of a word (en) or a sentence (zh) in the n-gram tables: a space, as the book pads words. */
export const EDGE = ' ';
export const ROLLS = 8;
/** The context sizes the slider offers: n letters (n − 1 before the rolled one). */
export const MAX_N: Record<DiceLang, number> = { en: 5, zh: 4 };
/** The longest roll: a word of 12 letters, a sentence of 14 字. */
export const MAX_LENGTH: Record<DiceLang, number> = { en: 12, zh: 14 };
/** The row the pair question asks about. */
export const PAIR_QUESTION: Record<DiceLang, string> = { en: 'q', zh: '蝴' };

// ---------------------------------------------------------------------------------------------
// Counting.

/** The index of the largest count among `symbols` that are not the edge (first on ties). */
export function mostCommon(data: Pick<LetterDiceData, 'symbols' | 'counts'>): number {
  let best = -1;
  data.symbols.forEach((s, i) => {
    if (s === EDGE) return;
    if (best < 0 || (data.counts[i] ?? 0) > (data.counts[best] ?? 0)) best = i;
  });
  return best;
}

/** What follows `row` in the pair map's data, most often first, with the real counts. */
export function followersOf(data: LetterDiceData, row: string): readonly (readonly [string, number])[] {
  const i = data.rows.indexOf(row);
  return i < 0 ? [] : (data.follows[i] ?? []);
}

// ---------------------------------------------------------------------------------------------
// N-gram rolling.

interface Dist {
  readonly next: string[];
  /** Running totals of the counts, for a draw by binary search. */
  readonly cum: number[];
}

export interface NgramModel {
  readonly n: number;
  readonly table: ReadonlyMap<string, Dist>;
}

/**
 * The n-gram table of weighted sequences (words or sentences): for every context of n − 1 symbols,
 * how often each symbol follows it. Each sequence is padded with n − 1 edges before and one after,
 * so the first symbol is drawn from "what starts a word" and the edge drawn means "the word ends".
 */
export function buildModel(seqs: Iterable<readonly [string, number]>, n: number): NgramModel {
  if (!Number.isInteger(n) || n < 1) throw new Error(`letter-dice: n must be 1 or more, not ${n}`);
  const counts = new Map<string, Map<string, number>>();
  for (const [seq, weight] of seqs) {
    const sym = [...Array.from(seq), EDGE];
    let ctx = EDGE.repeat(n - 1);
    for (const s of sym) {
      let row = counts.get(ctx);
      if (!row) counts.set(ctx, (row = new Map()));
      row.set(s, (row.get(s) ?? 0) + weight);
      if (n > 1) ctx = dropFirst(ctx) + s;
    }
  }
  const table = new Map<string, Dist>();
  for (const [ctx, row] of counts) {
    // Sorted, so the table (and every roll) is the same whatever order the sequences came in.
    const entries = [...row.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let run = 0;
    table.set(ctx, { next: entries.map((e) => e[0]), cum: entries.map((e) => (run += e[1])) });
  }
  return { n, table };
}

/** A context without its first symbol (a symbol may be two UTF-16 units). */
function dropFirst(ctx: string): string {
  const code = ctx.charCodeAt(0);
  return ctx.slice(code >= 0xd800 && code <= 0xdbff ? 2 : 1);
}

function draw(d: Dist, rng: Rng): string {
  const total = d.cum[d.cum.length - 1] ?? 0;
  const x = rng() * total;
  let lo = 0;
  let hi = d.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((d.cum[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return d.next[lo] as string;
}

/** One roll: symbols drawn one at a time, each from what followed the last n − 1, until an edge. Never empty. */
export function rollOne(model: NgramModel, rng: Rng, maxLength: number): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    let out = '';
    let len = 0;
    let ctx = EDGE.repeat(model.n - 1);
    while (len < maxLength) {
      const d = model.table.get(ctx);
      if (!d) break;
      const s = draw(d, rng);
      if (s === EDGE) break;
      out += s;
      len++;
      if (model.n > 1) ctx = dropFirst(ctx) + s;
    }
    if (out.length > 0) return out;
  }
  return '';
}

export function rollMany(model: NgramModel, rng: Rng, count: number, maxLength: number): string[] {
  return Array.from({ length: count }, () => rollOne(model, rng, maxLength));
}

/** The sequences a language rolls from: words with their counts (en), or sentences once each (zh). */
export function sequencesOf(data: LetterDiceData): readonly (readonly [string, number])[] {
  return data.lang === 'en' ? (data.words ?? []) : (data.sentences ?? []).map((s) => [s, 1] as const);
}

// ---------------------------------------------------------------------------------------------
// Real words.

/** A rolled piece, for drawing: a real word is marked (by a shape on screen, not colour alone). */
export interface Piece {
  readonly text: string;
  readonly real: boolean;
}

export interface Checker {
  /** The pieces of one roll: en the word, real or not; zh the sentence cut into real words and single 字. */
  pieces(roll: string): Piece[];
  /** How much of the rolls is real words: en the share of rolls that are words; zh the share of 字 inside a word. */
  share(rolls: readonly string[]): number;
}

export function checker(data: LetterDiceData): Checker {
  if (data.lang === 'en') {
    const words = new Set((data.words ?? []).map((w) => w[0]));
    return {
      pieces: (roll) => [{ text: roll, real: words.has(roll) }],
      share: (rolls) => (rolls.length === 0 ? 0 : rolls.filter((r) => words.has(r)).length / rolls.length),
    };
  }
  const dict = new Set(data.dictionary ?? []);
  const longest = Math.max(1, ...[...dict].map((w) => Array.from(w).length));
  const pieces = (roll: string): Piece[] => segment(roll, dict, longest);
  return {
    pieces,
    share: (rolls) => {
      let inWords = 0;
      let all = 0;
      for (const r of rolls)
        for (const p of pieces(r)) {
          const len = Array.from(p.text).length;
          all += len;
          if (p.real) inWords += len;
        }
      return all === 0 ? 0 : inWords / all;
    },
  };
}

/** Cuts a run of 字 into words of the dictionary, longest first from the left; what is left stays single 字. */
export function segment(text: string, dict: ReadonlySet<string>, longest: number): Piece[] {
  const chars = Array.from(text);
  const out: Piece[] = [];
  let single = '';
  for (let i = 0; i < chars.length;) {
    let found = 0;
    for (let len = Math.min(longest, chars.length - i); len >= 2; len--) {
      if (dict.has(chars.slice(i, i + len).join(''))) {
        found = len;
        break;
      }
    }
    if (found === 0) {
      single += chars[i];
      i++;
      continue;
    }
    if (single) out.push({ text: single, real: false });
    single = '';
    out.push({ text: chars.slice(i, i + found).join(''), real: true });
    i += found;
  }
  if (single) out.push({ text: single, real: false });
  return out;
}

/** "Most" of the rolls: more than half. */
export const MOST = 0.5;

/** The smallest n whose share of real words is more than half (else the n with the largest share). */
export function smallestGoodN(shares: readonly number[]): number {
  const i = shares.findIndex((s) => s > MOST);
  if (i >= 0) return i + 1;
  let best = 0;
  shares.forEach((s, k) => {
    if (s > (shares[best] ?? 0)) best = k;
  });
  return best + 1;
}

// ---------------------------------------------------------------------------------------------
// The level as a state machine.

export type Phase = 'intro' | 'letters' | 'pairs' | 'roll' | 'own';

/** A question answered with a letter (or 字) tile. */
export type Question = TileQuestion<string>;

export interface LetterDiceState {
  readonly lang: DiceLang;
  readonly seed: number;
  readonly phase: Phase;
  readonly letters: Question;
  /** The pair map's selected row. */
  readonly row: number;
  readonly pairs: Question;
  /** The roll step: the slider's n, how often each n was rolled again, and the n picked so far. */
  readonly n: number;
  readonly rerolls: readonly number[];
  readonly picks: readonly number[];
  readonly rollSolved: boolean;
}

/** The letters' question: the most common one and the next three, in a seeded order. */
function lettersQuestion(data: LetterDiceData, rng: Rng): Question {
  const order = data.symbols
    .map((s, i) => ({ s, c: data.counts[i] ?? 0 }))
    .filter((x) => x.s !== EDGE)
    .sort((a, b) => b.c - a.c);
  const top = order.slice(0, 4).map((x) => x.s);
  return question(shuffled(top, rng), top[0] ?? '');
}

/** The pairs' question: what follows the asked row most, and three common symbols that follow it less. */
function pairsQuestion(data: LetterDiceData, rng: Rng): Question {
  const row = PAIR_QUESTION[data.lang];
  const follows = followersOf(data, row);
  const answer = follows[0]?.[0] ?? '';
  const byCount = data.symbols
    .map((s, i) => ({ s, c: data.counts[i] ?? 0 }))
    .filter((x) => x.s !== EDGE && x.s !== answer)
    .sort((a, b) => b.c - a.c)
    .slice(0, 3)
    .map((x) => x.s);
  return question(shuffled([answer, ...byCount], rng), answer);
}

export function start(data: LetterDiceData, seed: number): LetterDiceState {
  const maxN = MAX_N[data.lang];
  return {
    lang: data.lang,
    seed,
    phase: 'intro',
    letters: lettersQuestion(data, roundRng(seed, 0)),
    row: Math.max(0, data.rows.indexOf(data.lang === 'en' ? 'a' : (data.rows[0] ?? ''))),
    pairs: pairsQuestion(data, roundRng(seed, 1)),
    n: 1,
    rerolls: Array.from({ length: maxN }, () => 0),
    picks: [],
    rollSolved: false,
  };
}

export function begin(s: LetterDiceState): LetterDiceState {
  return s.phase === 'intro' ? { ...s, phase: 'letters' } : s;
}

/** The player picks a tile of the step's question. */
export function pickOption(s: LetterDiceState, option: string): LetterDiceState {
  if (s.phase === 'letters') {
    const letters = tryOption(s.letters, option);
    return letters === s.letters ? s : { ...s, letters };
  }
  if (s.phase === 'pairs') {
    const pairs = tryOption(s.pairs, option);
    return pairs === s.pairs ? s : { ...s, pairs };
  }
  return s;
}

/** On to the next step once this one is solved. */
export function advance(s: LetterDiceState): LetterDiceState {
  if (s.phase === 'letters' && s.letters.solved) return { ...s, phase: 'pairs' };
  if (s.phase === 'pairs' && s.pairs.solved) return { ...s, phase: 'roll' };
  return s;
}

/** The pair map's selected row (wraps around). */
export function selectRow(s: LetterDiceState, data: LetterDiceData, row: number): LetterDiceState {
  const count = data.rows.length;
  if (!Number.isInteger(row) || count === 0) return s;
  return { ...s, row: ((row % count) + count) % count };
}

export function setN(s: LetterDiceState, n: number): LetterDiceState {
  const maxN = MAX_N[s.lang];
  if (!Number.isInteger(n) || n < 1 || n > maxN || n === s.n) return s;
  return { ...s, n };
}

/** Rolls again at the current n. */
export function reroll(s: LetterDiceState): LetterDiceState {
  if (s.phase !== 'roll' && s.phase !== 'own') return s;
  return { ...s, rerolls: s.rerolls.map((r, i) => (i === s.n - 1 ? r + 1 : r)) };
}

/** The seed of the rolls shown at `n`: the game's seed, n and how often that n was rolled again. */
export function rollSeed(s: LetterDiceState, n: number): number {
  return (
    (Math.imul(s.seed, 31) + Math.imul(n, 0x9e3779b1) + Math.imul(s.rerolls[n - 1] ?? 0, 0x85ebca6b)) >>> 0
  );
}

/** Rolls and checks: computed from the data, kept by the scene (building a table takes a few ms). */
export class Roller {
  private readonly models = new Map<number, NgramModel>();
  readonly check: Checker;

  constructor(readonly data: LetterDiceData) {
    this.check = checker(data);
  }

  model(n: number): NgramModel {
    let m = this.models.get(n);
    if (!m) this.models.set(n, (m = buildModel(sequencesOf(this.data), n)));
    return m;
  }

  /** The 8 rolls shown at `n` in this state. */
  rolls(s: LetterDiceState, n: number = s.n): string[] {
    return rollMany(this.model(n), mulberry32(rollSeed(s, n)), ROLLS, MAX_LENGTH[this.data.lang]);
  }

  /** The share of real words in the rolls shown at each n (1 … MAX_N). */
  shares(s: LetterDiceState): number[] {
    return Array.from({ length: MAX_N[s.lang] }, (_, i) => this.check.share(this.rolls(s, i + 1)));
  }

  /** The answer of the roll step for the rolls shown now. */
  answer(s: LetterDiceState): number {
    return smallestGoodN(this.shares(s));
  }
}

export type PickResult = 'right' | 'tooSmall' | 'tooBig';

/** The player says: "this n" (the slider's). Right when it is the smallest n where most rolls are real words. */
export function pickN(s: LetterDiceState, roller: Roller): { state: LetterDiceState; result: PickResult } {
  const want = roller.answer(s);
  const result: PickResult = s.n === want ? 'right' : s.n < want ? 'tooSmall' : 'tooBig';
  if (s.phase !== 'roll') return { state: s, result };
  const picks = [...s.picks, s.n];
  return {
    state: { ...s, picks, rollSolved: result === 'right', phase: result === 'right' ? 'own' : 'roll' },
    result,
  };
}

/** Which steps were right at the first try. */
export function firstTries(s: LetterDiceState): { letters: boolean; pairs: boolean; roll: boolean } {
  return {
    letters: s.letters.solved && s.letters.tries.length === 1,
    pairs: s.pairs.solved && s.pairs.tries.length === 1,
    roll: s.rollSolved && s.picks.length === 1,
  };
}

/** One star for each step right at the first try; finishing earns at least one. None before the end. */
export function stars(s: LetterDiceState): Stars {
  if (s.phase !== 'own') return 0;
  const right = Object.values(firstTries(s)).filter(Boolean).length;
  return Math.max(1, right) as Stars;
}

// ---------------------------------------------------------------------------------------------
// The player's own text, counted in slices (the scene yields to the browser between them).

const LETTER_RE = /\p{L}/u;

/** Counts of a text so far: symbols (a–z, space, 字), pairs of neighbours, and what was dropped. */
export interface TextCounter {
  readonly symbols: Map<string, number>;
  readonly pairs: Map<string, number>;
  letters: number;
  han: number;
  /** Characters that are neither (emoji, digits, marks, other scripts' letters). */
  other: number;
  /** The last symbol counted (for the pair across a slice's edge), or null at the start. */
  last: string | null;
}

export function newCounter(): TextCounter {
  return { symbols: new Map(), pairs: new Map(), letters: 0, han: 0, other: 0, last: null };
}

function add(c: TextCounter, sym: string): void {
  c.symbols.set(sym, (c.symbols.get(sym) ?? 0) + 1);
  if (c.last !== null) {
    const key = c.last + sym;
    c.pairs.set(key, (c.pairs.get(key) ?? 0) + 1);
  }
  c.last = sym;
}

/**
 * Counts one slice into `c`: letters a–z lowercased (accents taken off), 字 as they are, any
 * whitespace or punctuation between words as one space; emoji, digits and other letters are dropped
 * (counted as `other`). Slices counted one after the other give the same counts as the whole text.
 */
export function countSlice(c: TextCounter, slice: string): void {
  for (const ch of slice) {
    const plain = ch.normalize('NFD').charAt(0).toLowerCase();
    if (plain >= 'a' && plain <= 'z') {
      c.letters++;
      add(c, plain);
    } else if (isHan(ch)) {
      c.han++;
      add(c, ch);
    } else if (/\s/.test(ch) || (/[\p{P}]/u.test(ch) && !LETTER_RE.test(ch))) {
      // A break between words: one space after a letter (never two in a row, none before the
      // first symbol); after a 字 no space (Chinese has none), only no pair across the break.
      if (c.last !== null && isHan(c.last)) c.last = null;
      else if (c.last !== null && c.last !== EDGE) add(c, EDGE);
    } else c.other++;
  }
}

/** The text cut into slices of about `size` characters, never inside a surrogate pair. */
export function slices(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + size);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end++;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/**
 * Counts a text slice by slice, awaiting `pause` between slices (the scene passes a timeout, so
 * no task of the main thread runs long); `onProgress` hears the share done. `cancelled` stops it.
 */
export async function countInSlices(
  text: string,
  o: {
    size?: number;
    pause: () => Promise<void>;
    onProgress?: (done: number) => void;
    cancelled?: () => boolean;
  },
): Promise<TextCounter | null> {
  const c = newCounter();
  const parts = slices(text, o.size ?? 5000);
  for (let i = 0; i < parts.length; i++) {
    countSlice(c, parts[i] as string);
    o.onProgress?.((i + 1) / parts.length);
    if (i + 1 < parts.length) {
      await o.pause();
      if (o.cancelled?.()) return null;
    }
  }
  return c;
}

export type OwnKind = 'empty' | 'nothing' | 'letters' | 'han' | 'mixed';

export interface OwnSummary {
  readonly kind: OwnKind;
  /** The most common symbols (space included), most first. */
  readonly top: readonly (readonly [string, number])[];
  /** The pair map of the text: its rows (the most common symbols) and how often column follows row. */
  readonly rows: readonly string[];
  readonly pairs: readonly (readonly number[])[];
  /** The most common pairs. */
  readonly topPairs: readonly (readonly [string, number])[];
  readonly counted: number;
  readonly dropped: number;
}

const byCountThenText = (a: readonly [string, number], b: readonly [string, number]): number =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** What the level shows of the player's text: whether there was anything to count, its bars and its map. */
export function summarize(c: TextCounter, text: string, o: { top?: number; rows?: number } = {}): OwnSummary {
  const counted = [...c.symbols.values()].reduce((a, b) => a + b, 0);
  const kind: OwnKind =
    text.trim() === ''
      ? 'empty'
      : c.letters + c.han === 0
        ? 'nothing'
        : c.letters > 0 && c.han > 0
          ? 'mixed'
          : c.han > 0
            ? 'han'
            : 'letters';
  const top = [...c.symbols.entries()].sort(byCountThenText).slice(0, o.top ?? 12);
  const rows =
    kind === 'letters'
      ? [...'abcdefghijklmnopqrstuvwxyz', EDGE]
      : top.slice(0, o.rows ?? 12).map((t) => t[0]);
  const pairs = rows.map((a) => rows.map((b) => c.pairs.get(a + b) ?? 0));
  const topPairs = [...c.pairs.entries()].sort(byCountThenText).slice(0, 6);
  return { kind, top, rows, pairs, topPairs, counted, dropped: c.other };
}

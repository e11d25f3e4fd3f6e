/**
 * Level "word-chains": counting words is not enough. The book starts from "cat" and adds words
 * drawn from 1-, 2-, 3- and 4-gram counts of text: with more words of context the chains read
 * better, but they copy longer and longer runs of the text they were counted in. And there are
 * far too many word sequences to count them all: with 40,000 common words, 1.6 billion pairs and
 * 64 trillion triples (the book rounds to 60 trillion), most of which no text ever has.
 *
 * The counts: a stream of word ids (scripts/word-chains-data.ts ships a subset of the training
 * stories so), in which counting a context's followers, drawing the next word and finding the
 * longest copied run are all lookups of where a word stands. The explosion's figures are counted
 * at build time over the whole training text (src/lessons/wordChainsData.ts).
 *
 * Steps: (1) pick a start word (the bars show what follows it); (2) chains at n = 1 … 4, the
 * longest copied run of each marked; pick the biggest n whose chains are not mostly copied;
 * (3) guess the pairs of 40,000 words; (4) guess how many different pairs our stories really have.
 */
import { question, tryOption, type Question as TileQuestion } from './question';
import { mulberry32, roundRng, shuffled, type Rng } from './rng';
import { tokenizeEn } from '../lm/tokenizer';
import { shownToken } from './nextWord';
import type { Stars } from './levels';

export type ChainLang = 'en' | 'zh';

/** What the data files hold (public/data/word-chains/<lang>.json). */
export interface WordChainsData {
  readonly lang: ChainLang;
  /** The shipped stories' words, most common first: word id k is words[k − 1] (0 is a story's edge). */
  readonly words: readonly string[];
  /** The shipped stories as word ids (encodeStream), each story followed by a 0. */
  readonly stream: string;
  /** The start words offered on tiles. */
  readonly starts: readonly string[];
  /** Counted over the whole training text at build time: stories, running words, different words, pairs, triples. */
  readonly corpus: {
    readonly stories: number;
    readonly tokens: number;
    readonly words: number;
    readonly pairs: number;
    readonly triples: number;
  };
  /** The shipped subset: stories, running words, different words. */
  readonly shipped: { readonly stories: number; readonly tokens: number; readonly words: number };
}

/** The edge between two stories in the stream. */
export const EDGE = 0;
/** The context sizes the slider offers (n words: n − 1 before the drawn one). */
export const MAX_N = 4;
/** Words (and marks) in a chain, the start word included. */
export const CHAIN_LENGTH = 12;
/** Chains shown at each n. */
export const CHAINS = 3;
/** The book's figure: about 40,000 reasonably common English words. */
export const BOOK_WORDS = 40_000;

// ---------------------------------------------------------------------------------------------
// Counting (also used at build time over the whole training text).

/** How many different runs of `n` words the documents have (never across a document's edge). */
export function distinctNgrams(docs: Iterable<readonly string[]>, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`word-chains: n must be 1 or more, not ${n}`);
  const seen = new Set<string>();
  for (const d of docs) for (let i = 0; i + n <= d.length; i++) seen.add(d.slice(i, i + n).join('\u0001'));
  return seen.size;
}

/** Every run of `n` words of the documents with how often it comes (never across a document's edge). */
export function ngramCounts(docs: Iterable<readonly string[]>, n: number): Map<string, number> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`word-chains: n must be 1 or more, not ${n}`);
  const counts = new Map<string, number>();
  for (const d of docs)
    for (let i = 0; i + n <= d.length; i++) {
      const key = d.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The stream: decoding, where each word stands, counting, drawing, copies.

/** The data's stream back to word ids (see encodeStream). */
export function decodeStream(s: string, alphabet = STREAM_ALPHABET): number[] {
  const base = alphabet.cont.length;
  // Digit by character code: 0 … base − 1 continues an id, base … 2·base − 1 ends one.
  const digit = new Int16Array(128).fill(-1);
  for (let i = 0; i < base; i++) {
    digit[alphabet.cont.charCodeAt(i)] = i;
    digit[alphabet.last.charCodeAt(i)] = base + i;
  }
  const out: number[] = [];
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const d = code < 128 ? (digit[code] as number) : -1;
    if (d < 0) throw new Error(`word-chains: "${s.charAt(i)}" is not a character of the stream`);
    if (d >= base) {
      out.push(v * base + d - base);
      v = 0;
    } else v = v * base + d;
  }
  if (v !== 0) throw new Error('word-chains: the stream ends inside a word id');
  return out;
}

/**
 * Each id as a run of characters: base-45 digits, most significant first, every digit but the last
 * from the first half of the alphabet and the last from the second (so no separator is needed).
 * Ids by count, so the 45 most common words take one character and the next 2,000 two.
 */
export function encodeStream(ids: readonly number[], alphabet = STREAM_ALPHABET): string {
  const base = alphabet.cont.length;
  let out = '';
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0) throw new Error(`word-chains: bad word id ${id}`);
    let v = id;
    const digits: number[] = [];
    do {
      digits.push(v % base);
      v = Math.floor(v / base);
    } while (v > 0);
    for (let i = digits.length - 1; i > 0; i--) out += alphabet.cont[digits[i] as number];
    out += alphabet.last[digits[0] as number];
  }
  return out;
}

// 90 printable ASCII characters that JSON writes as themselves (no quote, backslash, space).
const ALPHABET = [...Array(94)]
  .map((_, i) => String.fromCharCode(33 + i))
  .filter((c) => c !== '"' && c !== '\\' && c !== '`' && c !== "'")
  .join('');
export const STREAM_ALPHABET = { cont: ALPHABET.slice(0, 45), last: ALPHABET.slice(45, 90) } as const;

/** A run of a chain copied word for word from the stories: where it starts in the chain, its length, where it stands in the stream. */
export interface Copy {
  readonly start: number;
  readonly length: number;
  readonly at: number;
}

/** The stories as a stream of ids, with where each word stands: counting, drawing and finding copies. */
export class Stream {
  readonly ids: Int32Array;
  /** Word by id (id 0, the edge, is ''). */
  readonly words: readonly string[];
  private readonly idOf: Map<string, number>;
  /** Positions of every word, grouped by id (offsets[k] … offsets[k + 1]), in stream order. */
  private readonly offsets: Int32Array;
  private readonly positions: Int32Array;

  constructor(ids: readonly number[] | Int32Array, words: readonly string[]) {
    this.ids = Int32Array.from(ids);
    this.words = ['', ...words];
    this.idOf = new Map(words.map((w, i) => [w, i + 1]));
    const size = this.words.length;
    const offsets = new Int32Array(size + 1);
    for (const id of this.ids) {
      if (id < 0 || id >= size) throw new Error(`word-chains: word id ${id} has no word`);
      if (id !== EDGE) offsets[id + 1] = (offsets[id + 1] as number) + 1;
    }
    for (let k = 1; k <= size; k++) offsets[k] = (offsets[k] as number) + (offsets[k - 1] as number);
    const fill = offsets.slice(0, size);
    const positions = new Int32Array(offsets[size] as number);
    this.ids.forEach((id, p) => {
      if (id === EDGE) return;
      positions[fill[id] as number] = p;
      fill[id] = (fill[id] as number) + 1;
    });
    this.offsets = offsets;
    this.positions = positions;
  }

  static of(data: Pick<WordChainsData, 'stream' | 'words'>): Stream {
    return new Stream(decodeStream(data.stream), data.words);
  }

  /** Running words (edges not counted). */
  get tokens(): number {
    return this.positions.length;
  }

  id(word: string): number | undefined {
    return this.idOf.get(word);
  }

  word(id: number): string {
    return this.words[id] ?? '';
  }

  /** How often a word comes. */
  count(id: number): number {
    return id <= EDGE || id >= this.words.length
      ? 0
      : (this.offsets[id + 1] as number) - (this.offsets[id] as number);
  }

  private where(id: number): Int32Array {
    return this.positions.subarray(this.offsets[id] ?? 0, this.offsets[id + 1] ?? 0);
  }

  /** Where the word after each place the context stands is, in stream order (never after a story's end). */
  nextPositions(context: readonly number[]): number[] {
    const m = context.length;
    if (m === 0) return Array.from(this.positions).sort((a, b) => a - b);
    // Look up the rarest word of the context, and check the others around it.
    let k = 0;
    for (let j = 1; j < m; j++)
      if (this.count(context[j] as number) < this.count(context[k] as number)) k = j;
    const out: number[] = [];
    for (const q of this.where(context[k] as number)) {
      const p = q - k;
      if (p < 0 || p + m >= this.ids.length) continue;
      let same = true;
      for (let j = 0; j < m && same; j++) same = this.ids[p + j] === context[j];
      if (same && this.ids[p + m] !== EDGE) out.push(p + m);
    }
    return out;
  }

  /** What follows the context, with how often: the n-gram counts of the stories. */
  followers(context: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (context.length === 0) {
      for (let id = 1; id < this.words.length; id++) out.set(id, this.count(id));
      return out;
    }
    for (const p of this.nextPositions(context)) {
      const id = this.ids[p] as number;
      out.set(id, (out.get(id) ?? 0) + 1);
    }
    return out;
  }

  /**
   * The next word after `chain` from n-gram counts: the n − 1 words before it (fewer at the start
   * of a chain) are looked up in the stories and one of the places is drawn, so each follower
   * comes as often as it follows them. A context that only ends stories is shortened.
   * `used` is how many words of context were used.
   */
  next(chain: readonly number[], n: number, rng: Rng): { id: number; used: number } {
    for (let m = Math.min(n - 1, chain.length); m >= 0; m--) {
      if (m === 0) {
        const q = this.positions[Math.floor(rng() * this.positions.length)] as number;
        return { id: this.ids[q] as number, used: 0 };
      }
      const at = this.nextPositions(chain.slice(chain.length - m));
      if (at.length > 0)
        return { id: this.ids[at[Math.floor(rng() * at.length)] as number] as number, used: m };
    }
    return { id: EDGE, used: 0 };
  }

  /** A chain of `length` words from the start words, each drawn from n-gram counts. */
  chain(start: readonly number[], n: number, rng: Rng, length = CHAIN_LENGTH): number[] {
    if (!Number.isInteger(n) || n < 1) throw new Error(`word-chains: n must be 1 or more, not ${n}`);
    const out = [...start];
    while (out.length < length) {
      const { id } = this.next(out, n, rng);
      if (id === EDGE) break;
      out.push(id);
    }
    return out;
  }

  /**
   * The longest run of the chain that stands word for word in the stories (the first such run,
   * and its first place, on ties). Every word of the stories is a run of one.
   */
  longestCopy(chain: readonly number[]): Copy {
    let best: Copy = { start: 0, length: 0, at: -1 };
    for (let i = 0; i < chain.length && chain.length - i > best.length; i++) {
      for (const q of this.where(chain[i] as number)) {
        let len = 1;
        while (i + len < chain.length && this.ids[q + len] === chain[i + len]) len++;
        if (len > best.length) best = { start: i, length: len, at: q };
      }
    }
    return best;
  }
}

// ---------------------------------------------------------------------------------------------
// Words as the screen writes them.

/** An English token written without a space before it: a mark, or the 's of "cat's". */
function glued(w: string): boolean {
  return /^[.,!?]$/.test(w) || w.startsWith("'");
}

/**
 * The words as the screen writes them: English names and "I" with their capital (as the model's
 * levels write them), and a capital at the start and after . ! ?; Chinese as it is.
 */
export function shownWords(lang: ChainLang, words: readonly string[], capitalFirst = true): string[] {
  if (lang === 'zh') return [...words];
  let capital = capitalFirst;
  return words.map((w) => {
    const shown = shownToken('en', w);
    let text = shown.kind === 'word' ? shown.text : w;
    if (capital && /^[a-z]/.test(text)) text = text.charAt(0).toUpperCase() + text.slice(1);
    if (/^[.!?]$/.test(w)) capital = true;
    else if (/^\p{L}/u.test(w)) capital = false;
    return text;
  });
}

/** Words joined as text: English with spaces (none before a mark or 's), Chinese without. */
export function joinWords(lang: ChainLang, words: readonly string[]): string {
  if (lang === 'zh') return words.join('');
  return words.reduce((out, w, i) => (i > 0 && !glued(w) ? `${out} ${w}` : out + w), '');
}

/** Whether a space goes before this word (English, not a mark or 's). */
export function spaceBefore(lang: ChainLang, word: string | undefined): boolean {
  return lang === 'en' && word !== undefined && !glued(word);
}

/** A chain as the screen writes it: the words before its copied run, the run, and after. */
export function chainText(
  lang: ChainLang,
  words: readonly string[],
  copy: Copy,
): { before: string; run: string; after: string } {
  const shown = shownWords(lang, words);
  const end = copy.start + copy.length;
  const gapBefore = copy.start > 0 && spaceBefore(lang, words[copy.start]) ? ' ' : '';
  const gapAfter = end < words.length && spaceBefore(lang, words[end]) ? ' ' : '';
  const before = joinWords(lang, shown.slice(0, copy.start));
  const after = joinWords(lang, shown.slice(end));
  return {
    before: before ? before + gapBefore : '',
    run: joinWords(lang, shown.slice(copy.start, end)),
    after: after ? gapAfter + after : '',
  };
}

// ---------------------------------------------------------------------------------------------
// The start word the player types.

export type StartResult =
  | { readonly kind: 'ok'; readonly ids: readonly number[] }
  | { readonly kind: 'empty' | 'nothing' | 'tooLong' | 'tooMany' }
  | { readonly kind: 'unknown'; readonly word: string };

/** The longest start the player may type (characters), and the most words it may have. */
export const MAX_TYPED = 40;
export const MAX_START_WORDS = 3;

/**
 * What the player typed, as start words: English words as the level counts them (lowercased; the
 * marks dropped), Chinese runs of 字 cut into the stories' words, longest first from the left
 * (as letter dice marks real words). Kind answers for an empty box, no letters or 字 (emoji),
 * too long a text, too many words, or a word the stories do not have.
 */
export function parseStart(text: string, lang: ChainLang, stream: Stream): StartResult {
  const typed = text.normalize('NFKC').trim();
  if (typed === '') return { kind: 'empty' };
  if ([...typed].length > MAX_TYPED) return { kind: 'tooLong' };
  const words: string[] = [];
  if (lang === 'en') {
    for (const w of tokenizeEn(typed)) if (/^[a-z]+$|^'[a-z]+$/.test(w)) words.push(w);
  } else {
    let longest = 1;
    for (const w of stream.words) longest = Math.max(longest, w.length);
    for (const run of typed.match(/\p{Script=Han}+/gu) ?? []) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length;) {
        let len = Math.min(longest, chars.length - i);
        while (len > 1 && stream.id(chars.slice(i, i + len).join('')) === undefined) len--;
        words.push(chars.slice(i, i + len).join(''));
        i += len;
      }
    }
    // Letters in a Chinese start: the stories have none of them.
    const latin = typed.match(/\p{L}+/gu)?.find((w) => !/\p{Script=Han}/u.test(w));
    if (latin) return { kind: 'unknown', word: latin };
  }
  if (words.length === 0) return { kind: 'nothing' };
  const unknown = words.find((w) => stream.id(w) === undefined);
  if (unknown !== undefined) return { kind: 'unknown', word: unknown };
  if (words.length > MAX_START_WORDS) return { kind: 'tooMany' };
  return { kind: 'ok', ids: words.map((w) => stream.id(w) as number) };
}

// ---------------------------------------------------------------------------------------------
// The explosion's maths.

/** How many runs of `n` words `words` different words can make: words^n, exactly. */
export function possible(words: number, n: number): bigint {
  if (!Number.isInteger(words) || words < 0 || !Number.isInteger(n) || n < 0)
    throw new Error('word-chains: whole numbers only');
  return BigInt(words) ** BigInt(n);
}

/** The share of a table of words × words that stays empty when only `pairs` of its cells are ever seen. */
export function emptyShare(words: number, pairs: number): number {
  const cells = Number(possible(words, 2));
  return cells === 0 ? 0 : 1 - pairs / cells;
}

/** A share as a percentage, rounded down (so 99.996 % is never shown as 100 %), with `digits` decimals. */
export function percentDown(share: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.floor(share * 100 * f + 1e-9) / f;
}

/** `n` rounded to two significant digits (134,466 → 130,000). */
export function rough(n: number): number {
  if (n <= 0) return 0;
  const f = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / f) * f;
}

/**
 * A big number as a child reads it: its size (0: the digits; 1, 2, 3: English millions, billions,
 * trillions; Chinese 万, 亿, 万亿) and the value in that size, with at most two decimals.
 */
export function inWords(n: number, lang: ChainLang): { value: number; level: 0 | 1 | 2 | 3 } {
  const sizes = lang === 'en' ? [1e6, 1e9, 1e12] : [1e4, 1e8, 1e12];
  for (let level = 3; level >= 1; level--) {
    const size = sizes[level - 1] as number;
    if (n >= size) return { value: Math.round((n / size) * 100) / 100, level: level as 1 | 2 | 3 };
  }
  return { value: n, level: 0 };
}

// ---------------------------------------------------------------------------------------------
// The level as a state machine.

export type Phase = 'intro' | 'start' | 'chain' | 'pairs' | 'real' | 'done';

/** A question answered with a number tile. */
export type Question = TileQuestion<number>;

export interface WordChainsState {
  readonly lang: ChainLang;
  readonly seed: number;
  readonly phase: Phase;
  /** The start word(s), as ids of the stream; empty until one is picked. */
  readonly start: readonly number[];
  /** The slider's n, how often each n was made again, the n picked so far. */
  readonly n: number;
  readonly rerolls: readonly number[];
  readonly picks: readonly number[];
  readonly chainSolved: boolean;
  readonly pairs: Question;
  readonly real: Question;
}

/** The pairs of 40,000 words (1.6 billion) among the sums and products a child might guess. */
function pairsQuestion(rng: Rng): Question {
  const w = BOOK_WORDS;
  const answer = Number(possible(w, 2));
  return question(shuffled([w + w, w * 40, answer, Number(possible(w, 3))], rng), answer);
}

/** How many different pairs our stories have (two significant digits), a hundredth of it, a hundred times it, all of them. */
function realQuestion(data: WordChainsData, rng: Rng): Question {
  const answer = rough(data.corpus.pairs);
  const options = [rough(answer / 100), answer, rough(answer * 100), Number(possible(BOOK_WORDS, 2))];
  return question(shuffled(options, rng), answer);
}

export function start(data: WordChainsData, seed: number): WordChainsState {
  return {
    lang: data.lang,
    seed,
    phase: 'intro',
    start: [],
    n: 1,
    rerolls: Array.from({ length: MAX_N }, () => 0),
    picks: [],
    chainSolved: false,
    pairs: pairsQuestion(roundRng(seed, 0)),
    real: realQuestion(data, roundRng(seed, 1)),
  };
}

export function begin(s: WordChainsState): WordChainsState {
  return s.phase === 'intro' ? { ...s, phase: 'start' } : s;
}

/** The player picks the start word(s), on the start step. */
export function pickStart(s: WordChainsState, ids: readonly number[]): WordChainsState {
  if ((s.phase !== 'start' && s.phase !== 'chain') || ids.length === 0) return s;
  return { ...s, start: [...ids] };
}

/** On to the chains once a start is picked. */
export function makeChains(s: WordChainsState): WordChainsState {
  return s.phase === 'start' && s.start.length > 0 ? { ...s, phase: 'chain' } : s;
}

/** Back from the chains to pick another start word. */
export function changeStart(s: WordChainsState): WordChainsState {
  return s.phase === 'chain' ? { ...s, phase: 'start' } : s;
}

export function setN(s: WordChainsState, n: number): WordChainsState {
  if (!Number.isInteger(n) || n < 1 || n > MAX_N || n === s.n) return s;
  return { ...s, n };
}

/** New chains at the current n. */
export function reroll(s: WordChainsState): WordChainsState {
  if (s.phase !== 'chain') return s;
  return { ...s, rerolls: s.rerolls.map((r, i) => (i === s.n - 1 ? r + 1 : r)) };
}

/** The seed of chain `k` at `n`: the game's seed, the start word, n, the rerolls at n, and k. */
export function chainSeed(s: WordChainsState, n: number, k: number): number {
  let h = Math.imul(s.seed, 31) >>> 0;
  for (const id of s.start) h = (Math.imul(h ^ id, 0x01000193) + 0x9e3779b1) >>> 0;
  return (
    (h +
      Math.imul(n, 0x9e3779b1) +
      Math.imul(s.rerolls[n - 1] ?? 0, 0x85ebca6b) +
      Math.imul(k + 1, 0xc2b2ae35)) >>>
    0
  );
}

/** A chain and its longest copied run; `copied` when the run is more than half of the chain. */
export interface Chain {
  readonly ids: readonly number[];
  readonly copy: Copy;
  readonly copied: boolean;
}

export function isCopied(length: number, copy: Copy): boolean {
  return copy.length * 2 > length;
}

/** An n copies when most of its chains are mostly copied. */
export function copies(chains: readonly Chain[]): boolean {
  return chains.filter((c) => c.copied).length * 2 > chains.length;
}

/** The answer of the chains: the biggest n that does not copy (1 if every n does). */
export function bestN(copying: readonly boolean[]): number {
  for (let n = copying.length; n >= 1; n--) if (!copying[n - 1]) return n;
  return 1;
}

/** Chains and copies, computed from the stream and kept (the scene keeps one). */
export class Chainer {
  private readonly memo = new Map<string, Chain[]>();

  constructor(readonly stream: Stream) {}

  /** The chains shown at `n` in this state. */
  chains(s: WordChainsState, n: number = s.n): Chain[] {
    if (s.start.length === 0) return [];
    const key = `${s.seed}|${s.start.join(',')}|${n}|${s.rerolls[n - 1] ?? 0}`;
    let out = this.memo.get(key);
    if (!out) {
      out = Array.from({ length: CHAINS }, (_, k) => {
        const ids = this.stream.chain(s.start, n, mulberry32(chainSeed(s, n, k)));
        const copy = this.stream.longestCopy(ids);
        return { ids, copy, copied: isCopied(ids.length, copy) };
      });
      if (this.memo.size > 200) this.memo.clear();
      this.memo.set(key, out);
    }
    return out;
  }

  /** Whether each n (1 … MAX_N) copies, for the chains shown now. */
  copying(s: WordChainsState): boolean[] {
    return Array.from({ length: MAX_N }, (_, i) => copies(this.chains(s, i + 1)));
  }

  answer(s: WordChainsState): number {
    return bestN(this.copying(s));
  }
}

export type PickResult = 'right' | 'copies' | 'tooSmall';

/** The player says "this n": right when it is the biggest n whose chains are not mostly copied. */
export function pickN(s: WordChainsState, chainer: Chainer): { state: WordChainsState; result: PickResult } {
  const want = chainer.answer(s);
  const result: PickResult = s.n === want ? 'right' : s.n > want ? 'copies' : 'tooSmall';
  if (s.phase !== 'chain') return { state: s, result };
  const right = result === 'right';
  return {
    state: { ...s, picks: [...s.picks, s.n], chainSolved: right, phase: right ? 'pairs' : 'chain' },
    result,
  };
}

/** The player picks a number tile of the step's question; a right one moves on. */
export function pickOption(s: WordChainsState, option: number): WordChainsState {
  if (s.phase !== 'pairs' && s.phase !== 'real') return s;
  const q = s.phase === 'pairs' ? s.pairs : s.real;
  const next = tryOption(q, option);
  if (next === q) return s;
  return s.phase === 'pairs' ? { ...s, pairs: next } : { ...s, real: next };
}

/** On to the next question (or the end) once this one is solved. */
export function advance(s: WordChainsState): WordChainsState {
  if (s.phase === 'pairs' && s.pairs.solved) return { ...s, phase: 'real' };
  if (s.phase === 'real' && s.real.solved) return { ...s, phase: 'done' };
  return s;
}

/** Which steps were right at the first try. */
export function firstTries(s: WordChainsState): { chain: boolean; pairs: boolean; real: boolean } {
  return {
    chain: s.chainSolved && s.picks.length === 1,
    pairs: s.pairs.solved && s.pairs.tries.length === 1,
    real: s.real.solved && s.real.tries.length === 1,
  };
}

/** One star for each step right at the first try; finishing earns at least one. None before the end. */
export function stars(s: WordChainsState): Stars {
  if (s.phase !== 'done') return 0;
  const right = Object.values(firstTries(s)).filter(Boolean).length;
  return Math.max(1, right) as Stars;
}

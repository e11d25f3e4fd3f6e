/**
 * Level "semantic-map": walk the semantic map. The book: an embedding puts words used alike near
 * each other (alligator near crocodile, turnip far from eagle), and a piece of text is a path
 * through that space, one word at a time. Here about 460 words a child knows stand on a flat map
 * of their GloVe 50-D vectors (scripts/semantic-map-data.ts chose the layout by measurement); the
 * player walks a character among them. Every check uses cosine similarity in the real 50-D space,
 * never distances on the map, which can only roughly show it.
 *
 * Steps: (1) find the word closest to X; (2) which is closer to X, A or B (then the card
 * "opposites are neighbours too"); (3) the book's test with our words: which pair is closer;
 * (4) collect every fruit (two hide far from the others); (5) a sentence's path, and our own
 * tiny model's map beside the big one. Stars: three with at most one miss, two with at most four.
 */
import { question, tryOption, type Question } from './question';
import { bySeed, roundRng, shuffled } from './rng';
import { cosine, nearest, type Neighbour } from './semanticMapMaths';
import type { Group } from './semanticMapWords';
import type { Stars } from './levels';

export type MapLang = 'en' | 'zh';

/** public/data/semantic-map/glove.json */
export interface GloveMapData {
  readonly k: number;
  readonly method: string;
  /** The neighbour figure of the shipped layout (src/lessons/semanticMapMaths.ts, neighbourKept). */
  readonly kept: number;
  readonly tried: readonly { readonly method: string; readonly kept: number }[];
  readonly en: readonly string[];
  readonly zh: readonly string[];
  readonly group: readonly Group[];
  /** x0, y0, x1, y1 … in [0, 1]. */
  readonly xy: readonly number[];
  /** The 50-D vectors in int8 steps. */
  readonly v: readonly (readonly number[])[];
}

/** public/data/semantic-map/model-<lang>.json: our tiny model's map of the same words. */
export interface ModelMapData {
  readonly k: number;
  readonly method: string;
  readonly kept: number;
  readonly agreeWithGlove: number;
  /** The tokens, as the model has them. */
  readonly tokens: readonly string[];
  /** Each token's word on the GloVe map (an index of GloveMapData's words). */
  readonly word: readonly number[];
  readonly xy: readonly number[];
  /** Each token's five nearest tokens in the model: index, similarity, index, similarity … */
  readonly near: readonly (readonly number[])[];
}

export interface MapWord {
  readonly en: string;
  readonly zh: string;
  readonly group: Group;
  readonly x: number;
  readonly y: number;
}

/** The map: its words, their places, and cosine similarity in the real space. */
export class SemanticMap {
  readonly words: readonly MapWord[];
  private readonly vectors: readonly (readonly number[])[];
  private readonly byName = new Map<string, number>();

  constructor(readonly data: GloveMapData) {
    const n = data.en.length;
    if (data.zh.length !== n || data.group.length !== n || data.xy.length !== 2 * n || data.v.length !== n)
      throw new Error('semantic map: the data file is not whole');
    this.words = data.en.map((en, i) => ({
      en,
      zh: data.zh[i] as string,
      group: data.group[i] as Group,
      x: data.xy[2 * i] as number,
      y: data.xy[2 * i + 1] as number,
    }));
    this.vectors = data.v;
    this.words.forEach((w, i) => {
      this.byName.set(w.en, i);
      this.byName.set(w.zh, i);
    });
  }

  /** The word's index, by its English word (any case) or its Chinese label; undefined when it is not on the map. */
  find(name: string): number | undefined {
    const s = name.trim();
    return this.byName.get(s) ?? this.byName.get(s.toLowerCase());
  }

  index(en: string): number {
    const i = this.byName.get(en);
    if (i === undefined) throw new Error(`semantic map: no word "${en}"`);
    return i;
  }

  label(i: number, lang: MapLang): string {
    const w = this.words[i];
    return w ? (lang === 'zh' ? w.zh : w.en) : '';
  }

  sim(i: number, j: number): number {
    return cosine(this.vectors[i] as number[], this.vectors[j] as number[]);
  }

  /** The `k` words most alike to word `i` in the real space. */
  nearest(i: number, k: number): Neighbour[] {
    return nearest(this.vectors, i, k);
  }

  /** The word standing nearest to a place on the map, and how far. */
  closestTo(x: number, y: number): { index: number; d: number } {
    let best = 0;
    let bd = Infinity;
    this.words.forEach((w, i) => {
      const d = Math.hypot(w.x - x, w.y - y);
      if (d < bd) {
        bd = d;
        best = i;
      }
    });
    return { index: best, d: bd };
  }

  /** The words on the map within `r` of a place, nearest first. */
  around(x: number, y: number, r: number): number[] {
    return this.words
      .map((w, i) => ({ i, d: Math.hypot(w.x - x, w.y - y) }))
      .filter((e) => e.d <= r)
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .map((e) => e.i);
  }

  inGroup(g: Group): number[] {
    return this.words.flatMap((w, i) => (w.group === g ? [i] : []));
  }
}

// ---------------------------------------------------------------------------------------------
// The challenges.

/** "Find the word closest to X": targets whose nearest word also stands near them on the map. */
export const CLOSEST_TARGETS = [
  'violin',
  'tea',
  'doctor',
  'castle',
  'gold',
  'thunder',
  'ship',
  'teacher',
  'movie',
] as const;
/** "Which is closer to X: A or B?" The first two have an opposite as the answer. */
export const WHICH = [
  ['hot', 'cold', 'fire'],
  ['summer', 'winter', 'sun'],
  ['cat', 'dog', 'lion'],
  ['piano', 'violin', 'song'],
  ['car', 'truck', 'road'],
  ['rain', 'snow', 'cloud'],
  ['king', 'queen', 'castle'],
] as const;
/** The card "opposites are neighbours too". */
export const OPPOSITES = [
  ['hot', 'cold'],
  ['summer', 'winter'],
  ['black', 'white'],
  ['happy', 'sad'],
] as const;
/**
 * The book's test: alligator is near crocodile, turnip is far from eagle. Our 1,851-word GloVe
 * subset has no alligator, crocodile or turnip, so two sea animals stand for the first pair and a
 * potato for the turnip.
 */
export const BOOK_PAIRS = [
  ['whale', 'dolphin'],
  ['potato', 'eagle'],
] as const;
/** Sentences offered for the path, the same in both languages (keys of the level's strings). */
export const SENTENCES = ['park', 'school', 'breakfast'] as const;
export type SentenceId = (typeof SENTENCES)[number];

export type Phase = 'intro' | 'closest' | 'which' | 'book' | 'fruit' | 'path' | 'done';
export const PHASES: readonly Phase[] = ['intro', 'closest', 'which', 'book', 'fruit', 'path', 'done'];

export interface PathState {
  /** The sentence's words on the map, in order. */
  readonly words: readonly number[];
  /** The pieces not on the map (skipped), in order. */
  readonly skipped: readonly string[];
  readonly text: string;
}

export interface SemanticState {
  readonly phase: Phase;
  readonly seed: number;
  readonly closest: Question<number> & { readonly target: number };
  readonly which: Question<number> & { readonly target: number };
  /** The two pairs (0 and 1); the answer is the closer pair. */
  readonly book: Question<0 | 1> & { readonly pairs: readonly (readonly [number, number])[] };
  readonly fruit: {
    readonly fruits: readonly number[];
    readonly found: readonly number[];
    readonly misses: readonly number[];
  };
  readonly path: PathState | null;
  /** Whether the opposites card has been seen (it shows once the "which" question is solved). */
  readonly oppositesSeen: boolean;
}

/** The index of the most alike of some words to `target` (ties: the first). */
export function closerOf(map: SemanticMap, target: number, options: readonly number[]): number {
  let best = options[0] as number;
  for (const o of options) if (map.sim(target, o) > map.sim(target, best)) best = o;
  return best;
}

export function start(map: SemanticMap, seed: number): SemanticState {
  const target = map.index(bySeed(CLOSEST_TARGETS, seed) as string);
  const all = map.words.map((_, i) => i).filter((i) => i !== target);
  const answer = (map.nearest(target, 1)[0] as Neighbour).index;
  const w = bySeed(WHICH, seed) as (typeof WHICH)[number];
  const wt = map.index(w[0]);
  const wOptions = shuffled([map.index(w[1]), map.index(w[2])], roundRng(seed, 2));
  const pairs = BOOK_PAIRS.map(([a, b]) => [map.index(a), map.index(b)] as const);
  const pairSim = pairs.map(([a, b]) => map.sim(a, b));
  return {
    phase: 'intro',
    seed,
    closest: { ...question(all, answer), target },
    which: { ...question(wOptions, closerOf(map, wt, wOptions)), target: wt },
    book: { ...question<0 | 1>([0, 1], (pairSim[0] as number) >= (pairSim[1] as number) ? 0 : 1), pairs },
    fruit: { fruits: map.inGroup('fruit'), found: [], misses: [] },
    path: null,
    oppositesSeen: false,
  };
}

export function begin(s: SemanticState): SemanticState {
  return s.phase === 'intro' ? { ...s, phase: 'closest' } : s;
}

export type PickResult =
  | { readonly kind: 'right' }
  | { readonly kind: 'wrong' }
  | { readonly kind: 'found'; readonly left: number }
  | { readonly kind: 'notFruit' }
  | { readonly kind: 'again' }
  | { readonly kind: 'none' };

/** The player picks a word on the map (tap, Enter, or the pick button): what it does in this step. */
export function pickWord(s: SemanticState, word: number): { state: SemanticState; result: PickResult } {
  if (s.phase === 'closest') {
    if (s.closest.solved || word === s.closest.target) return { state: s, result: { kind: 'none' } };
    const q = tryOption(s.closest, word);
    return {
      state: { ...s, closest: { ...q, target: s.closest.target } },
      result: { kind: q.solved ? 'right' : 'wrong' },
    };
  }
  if (s.phase === 'which') return pickWhich(s, word);
  if (s.phase === 'fruit') {
    const f = s.fruit;
    if (f.found.includes(word)) return { state: s, result: { kind: 'again' } };
    if (f.fruits.includes(word)) {
      const found = [...f.found, word];
      return {
        state: { ...s, fruit: { ...f, found } },
        result: { kind: 'found', left: f.fruits.length - found.length },
      };
    }
    if (f.misses.includes(word)) return { state: s, result: { kind: 'notFruit' } };
    return { state: { ...s, fruit: { ...f, misses: [...f.misses, word] } }, result: { kind: 'notFruit' } };
  }
  return { state: s, result: { kind: 'none' } };
}

/** "Which is closer": the player picks A or B. */
export function pickWhich(s: SemanticState, word: number): { state: SemanticState; result: PickResult } {
  if (
    s.phase !== 'which' ||
    s.which.solved ||
    !s.which.options.includes(word) ||
    s.which.tries.includes(word)
  )
    return { state: s, result: { kind: 'none' } };
  const q = tryOption(s.which, word);
  return {
    state: { ...s, which: { ...q, target: s.which.target } },
    result: { kind: q.solved ? 'right' : 'wrong' },
  };
}

/** The book's test: the player picks the closer pair. */
export function pickPair(s: SemanticState, pair: 0 | 1): { state: SemanticState; result: PickResult } {
  if (s.phase !== 'book' || s.book.solved || s.book.tries.includes(pair))
    return { state: s, result: { kind: 'none' } };
  const q = tryOption(s.book, pair);
  return {
    state: { ...s, book: { ...q, pairs: s.book.pairs } },
    result: { kind: q.solved ? 'right' : 'wrong' },
  };
}

export function seeOpposites(s: SemanticState): SemanticState {
  return s.phase === 'which' && s.which.solved ? { ...s, oppositesSeen: true } : s;
}

/** Whether the step is won and the player may go on. */
export function stepDone(s: SemanticState): boolean {
  switch (s.phase) {
    case 'closest':
      return s.closest.solved;
    case 'which':
      return s.which.solved && s.oppositesSeen;
    case 'book':
      return s.book.solved;
    case 'fruit':
      return s.fruit.found.length === s.fruit.fruits.length;
    case 'path':
      return s.path !== null && s.path.words.length > 0;
    default:
      return false;
  }
}

/** On to the next step, once this one is won. */
export function advance(s: SemanticState): SemanticState {
  if (!stepDone(s)) return s;
  const i = PHASES.indexOf(s.phase);
  return { ...s, phase: PHASES[i + 1] as Phase };
}

/** Picks that were not the answer, over the whole level. */
export function misses(s: SemanticState): number {
  const wrong = <T>(q: Question<T>) => q.tries.filter((t) => t !== q.answer).length;
  return wrong(s.closest) + wrong(s.which) + wrong(s.book) + s.fruit.misses.length;
}

export function stars(s: SemanticState): Stars {
  const m = misses(s);
  return m <= 1 ? 3 : m <= 4 ? 2 : 1;
}

/** After two wrong tries the answer of "closest" lights up. */
export function closestHint(s: SemanticState): boolean {
  return s.closest.tries.length >= 2 && !s.closest.solved;
}

// ---------------------------------------------------------------------------------------------
// The fruit: how alike the fruits are to each other, and to the words they stand beside.

export interface FruitReport {
  readonly fruit: number;
  /** The most alike other fruit. */
  readonly nearestFruit: Neighbour;
  /** The most alike word of all. */
  readonly nearestWord: Neighbour;
}

export function fruitReport(map: SemanticMap, fruits: readonly number[]): FruitReport[] {
  return fruits.map((f) => {
    const others = fruits.filter((o) => o !== f);
    const nf = closerOf(map, f, others);
    return {
      fruit: f,
      nearestFruit: { index: nf, sim: map.sim(f, nf) },
      nearestWord: map.nearest(f, 1)[0] as Neighbour,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// A sentence's path.

export const MAX_SENTENCE = 200;

export type PathResult =
  | { readonly kind: 'ok'; readonly path: PathState }
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooLong' }
  | { readonly kind: 'nothing'; readonly skipped: readonly string[] };

/**
 * A sentence as a path on the map. English: its words (letters and '), each looked up; Chinese:
 * the longest label that starts at each place (a label is a few 字), anything else skipped as
 * one piece per run. Words off the map are skipped and listed.
 */
export function sentencePath(map: SemanticMap, text: string, lang: MapLang): PathResult {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  // A code point is one or two UTF-16 units: a long text is refused without taking it apart.
  if (t.length > 2 * MAX_SENTENCE || [...t].length > MAX_SENTENCE) return { kind: 'tooLong' };
  const words: number[] = [];
  const skipped: string[] = [];
  if (lang === 'en' || !/\p{Script=Han}/u.test(t)) {
    for (const w of t.toLowerCase().match(/[\p{L}']+/gu) ?? []) {
      const i = map.find(w);
      if (i === undefined) skipped.push(w);
      else words.push(i);
    }
  } else {
    const chars = [...t];
    const longest = Math.max(...map.words.map((w) => [...w.zh].length));
    let piece = '';
    const flush = () => {
      if (piece && /[\p{L}\p{N}]/u.test(piece)) skipped.push(piece);
      piece = '';
    };
    for (let at = 0; at < chars.length;) {
      let hit: number | undefined;
      let len = 0;
      for (let n = Math.min(longest, chars.length - at); n >= 1 && hit === undefined; n--) {
        hit = map.find(chars.slice(at, at + n).join(''));
        if (hit !== undefined && map.words[hit]?.zh !== chars.slice(at, at + n).join('')) hit = undefined;
        len = n;
      }
      if (hit === undefined) {
        const c = chars[at] as string;
        if (/[\s\p{P}\p{S}]/u.test(c)) flush();
        else piece += c;
        at++;
      } else {
        flush();
        words.push(hit);
        at += len;
      }
    }
    flush();
  }
  if (words.length === 0) return { kind: 'nothing', skipped };
  return { kind: 'ok', path: { words, skipped, text: t } };
}

export function setPath(s: SemanticState, path: PathState): SemanticState {
  return s.phase === 'path' ? { ...s, path } : s;
}

/** How long the path is on the map, and the similarity of each step (word to next word) in the real space. */
export function pathSteps(map: SemanticMap, words: readonly number[]): { sim: number; length: number }[] {
  return words.slice(1).map((w, i) => {
    const a = map.words[words[i] as number] as MapWord;
    const b = map.words[w] as MapWord;
    return { sim: map.sim(words[i] as number, w), length: Math.hypot(a.x - b.x, a.y - b.y) };
  });
}

// ---------------------------------------------------------------------------------------------
// Walking: the character's place on the map, moved by keys, drag or tap.

/** How far one arrow-key press walks (the map is 1 × 1). */
export const STEP = 0.02;
/** Words this near the character light up; the nearest of them is "reached". */
export const REACH = 0.035;

export function walk(
  p: { x: number; y: number },
  dir: 'left' | 'right' | 'up' | 'down',
  step = STEP,
): { x: number; y: number } {
  const dx = dir === 'left' ? -step : dir === 'right' ? step : 0;
  const dy = dir === 'up' ? -step : dir === 'down' ? step : 0;
  return { x: clamp01(p.x + dx), y: clamp01(p.y + dy) };
}

export function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** The word the character has reached (the nearest within REACH), or null. */
export function reached(map: SemanticMap, p: { x: number; y: number }): number | null {
  const c = map.closestTo(p.x, p.y);
  return c.d <= REACH ? c.index : null;
}

export type GoResult =
  | { readonly kind: 'ok'; readonly word: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'unknown'; readonly text: string };

/** "Go to a word": typed in either language. */
export function goTo(map: SemanticMap, text: string): GoResult {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  const i = map.find(t);
  return i === undefined ? { kind: 'unknown', text: [...t].slice(0, 30).join('') } : { kind: 'ok', word: i };
}

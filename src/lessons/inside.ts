/**
 * Level "inside": what the model does inside, after the book's account. The words become numbers
 * (each token's embedding plus one for its place), the numbers pass through the attention blocks,
 * and the last position's numbers are decoded into the chances of every next word. In each block
 * a few "heads" look back at earlier words; what each head of our model looks at is measured on
 * validation text (scripts/inside-data.ts, with the tallies below) and only what is measured is
 * shown. A head can be switched off (the model's head mask): the challenge is to find a head
 * whose loss changes the favourite next word.
 *
 * Steps: (1) pick or type a beginning and watch the three steps; (2) look at where each head of
 * the last word looks (the beams); (3) switch heads off until the favourite word changes;
 * (4) how big: our model beside GPT-2 and GPT-3.
 */
import type { Stars } from './levels';

/** What a head may be found to look at, from the word being read. */
export const PATTERNS = ['prev', 'self', 'start', 'marks', 'near', 'spread'] as const;
export type Pattern = (typeof PATTERNS)[number];
/** The places a weight can fall on, each weight counted for the first that it is (see rowShares). */
export const PLACES = ['start', 'self', 'prev', 'twoBack', 'marks', 'other'] as const;
export type Place = (typeof PLACES)[number];

/** A head "looks at" a place when its strongest weight falls there for at least this share of the words read. */
export const TOP_SHARE = 0.5;
/** A head "looks at the last few words" when this much of its attention falls on the word itself and the two before. */
export const NEAR_SHARE = 0.5;
/** Query positions counted from this one on, so "the start", "the word before" and "two back" are three different places. */
export const FIRST_QUERY = 3;

/** What the data files hold (public/data/inside/<lang>.json). */
export interface InsideData {
  readonly lang: 'en' | 'zh';
  /** The sha256 of the model.onnx the heads were measured on (card.json's). */
  readonly modelSha256: string;
  readonly layers: number;
  readonly heads: number;
  /** The model's weights (card.json's parameters). */
  readonly parameters: number;
  /** How much validation text was read: documents and query positions. */
  readonly measured: { readonly documents: number; readonly positions: number; readonly source: string };
  /** Per head, layer by layer: its pattern, its mean shares of attention on each place and how often its strongest weight falls there. */
  readonly table: readonly HeadRecord[];
  /** The beginnings offered on tiles. */
  readonly beginnings: readonly string[];
  /** Beginnings where switching off one head changes the favourite word, with those heads. */
  readonly challenges: readonly { readonly text: string; readonly heads: readonly number[] }[];
}

export interface HeadRecord {
  readonly layer: number;
  readonly head: number;
  readonly pattern: Pattern;
  readonly shares: Readonly<Record<Place, number>>;
  readonly tops: Readonly<Record<Place, number>>;
}

/** Which tokens are marks (full stop, comma …), for the "marks" place. */
export type IsMark = (id: number) => boolean;

/** Where position `j` is, seen from the word at `t` (j ≤ t; ids[0] is the `<bos>`): the first place that fits. */
export function placeOf(j: number, t: number, ids: readonly number[], isMark: IsMark): Place {
  if (j === 0) return 'start';
  if (j === t) return 'self';
  if (j === t - 1) return 'prev';
  if (j === t - 2) return 'twoBack';
  if (isMark(ids[j] as number)) return 'marks';
  return 'other';
}

/** A query's attention row split by place (the shares add up to the row's sum, 1) and the place of its strongest weight. */
export function rowShares(
  row: ArrayLike<number>,
  t: number,
  ids: readonly number[],
  isMark: IsMark,
): { shares: Record<Place, number>; top: Place } {
  const shares: Record<Place, number> = { start: 0, self: 0, prev: 0, twoBack: 0, marks: 0, other: 0 };
  let best = 0;
  let tie = false;
  for (let j = 0; j <= t; j++) {
    const w = row[j] as number;
    shares[placeOf(j, t, ids, isMark)] += w;
    if (j > 0 && w === (row[best] as number)) tie = true;
    else if (w > (row[best] as number)) {
      best = j;
      tie = false;
    }
  }
  // A tie for the strongest weight is no one place: "other".
  return { shares, top: tie ? 'other' : placeOf(best, t, ids, isMark) };
}

/** Adds up the places of many texts' attention, head by head. */
export class HeadTally {
  private readonly sums: Float64Array;
  private readonly tops: Float64Array;
  positions = 0;
  documents = 0;

  constructor(
    readonly layers: number,
    readonly heads: number,
  ) {
    this.sums = new Float64Array(layers * heads * PLACES.length);
    this.tops = new Float64Array(layers * heads * PLACES.length);
  }

  /** `attention`: [layers, heads, T, T] for the ids (a full run, ids[0] the `<bos>`). */
  add(attention: ArrayLike<number>, ids: readonly number[], isMark: IsMark): void {
    const t = ids.length;
    if (attention.length !== this.layers * this.heads * t * t)
      throw new Error(`inside: ${attention.length} attention weights for ${t} tokens`);
    this.documents++;
    for (let q = FIRST_QUERY; q < t; q++) {
      this.positions++;
      for (let lh = 0; lh < this.layers * this.heads; lh++) {
        const at = lh * t * t + q * t;
        const row = Array.from({ length: q + 1 }, (_, j) => attention[at + j] as number);
        const { shares, top } = rowShares(row, q, ids, isMark);
        PLACES.forEach((p, k) => {
          const i = lh * PLACES.length + k;
          this.sums[i] = (this.sums[i] as number) + shares[p];
          if (p === top) this.tops[i] = (this.tops[i] as number) + 1;
        });
      }
    }
  }

  /** The mean shares, how often the strongest weight falls on each place, and the pattern of every head. */
  table(): HeadRecord[] {
    const n = Math.max(1, this.positions);
    const round = (v: number) => Math.round((v / n) * 1000) / 1000;
    const out: HeadRecord[] = [];
    for (let layer = 0; layer < this.layers; layer++)
      for (let head = 0; head < this.heads; head++) {
        const lh = layer * this.heads + head;
        const pick = (a: Float64Array) =>
          Object.fromEntries(PLACES.map((p, k) => [p, round(a[lh * PLACES.length + k] as number)])) as Record<
            Place,
            number
          >;
        const shares = pick(this.sums);
        const tops = pick(this.tops);
        out.push({ layer, head, pattern: patternOf(shares, tops), shares, tops });
      }
    return out;
  }
}

/**
 * A head's pattern: the place its strongest weight falls on for at least TOP_SHARE of the words
 * (the word before, the word itself, the start, a mark); else "the last few words" when the word
 * and the two before it get NEAR_SHARE of its attention; else "all over".
 */
export function patternOf(
  shares: Readonly<Record<Place, number>>,
  tops: Readonly<Record<Place, number>>,
): Pattern {
  for (const p of ['prev', 'self', 'start', 'marks'] as const) if (tops[p] >= TOP_SHARE) return p;
  if (shares.self + shares.prev + shares.twoBack >= NEAR_SHARE) return 'near';
  return 'spread';
}

/** The patterns the model really has, each once, in PATTERNS' order. */
export function patternsFound(table: readonly HeadRecord[]): Pattern[] {
  const found = new Set(table.map((h) => h.pattern));
  return PATTERNS.filter((p) => found.has(p));
}

// ---------------------------------------------------------------------------------------------
// Head masks.

/** All heads on: layers × heads ones, row by row. */
export function allOn(layers: number, heads: number): number[] {
  return Array.from({ length: layers * heads }, () => 1);
}

/** The mask with head `index` (layer · heads + head) switched the other way. */
export function toggled(mask: readonly number[], index: number): number[] {
  if (!Number.isInteger(index) || index < 0 || index >= mask.length)
    throw new Error(`inside: no head ${index}`);
  return mask.map((v, i) => (i === index ? 1 - v : v));
}

/** The heads switched off, by index. */
export function offHeads(mask: readonly number[]): number[] {
  return mask.flatMap((v, i) => (v === 0 ? [i] : []));
}

// ---------------------------------------------------------------------------------------------
// The level.

export interface InsideProgress {
  /** Heads looked at (their beams shown), by index. */
  readonly looked: ReadonlySet<number>;
  /** The challenge won: the head whose loss changed the favourite word. */
  readonly found: number | null;
  /** The size comparison seen. */
  readonly sized: boolean;
}

export const START: InsideProgress = { looked: new Set(), found: null, sized: false };

/** How many heads a player looks at for a star. */
export const LOOK_AT = 3;

/** Whether switching off `off` (one head) changes the favourite: `before` with every head on, `after` with the mask. */
export function changesFavourite(before: number, after: number, off: readonly number[]): boolean {
  return off.length === 1 && before !== after;
}

/** The level is won once the challenge is: a head found whose loss changes the favourite word. */
export function won(p: InsideProgress): boolean {
  return p.found !== null;
}

/** Stars: 1 for the challenge, one more for looking at LOOK_AT heads' beams, one more for the size comparison. */
export function starsFor(p: InsideProgress): Stars {
  if (!won(p)) return 0;
  return (1 + (p.looked.size >= LOOK_AT ? 1 : 0) + (p.sized ? 1 : 0)) as Stars;
}

// ---------------------------------------------------------------------------------------------
// How big.

export interface ModelSize {
  readonly key: 'ours' | 'gpt2' | 'gpt3';
  readonly blocks: number;
  readonly heads: number;
  readonly weights: number;
  /** Where the figures come from (the locale gives the words). */
  readonly source: string;
}

/**
 * The book's GPT-2 is the smallest one: 12 attention blocks of 12 heads (the book, "Inside
 * ChatGPT"), 117 million weights (Radford et al. 2019, "Language Models are Unsupervised Multitask
 * Learners", table 2: 12 layers, 117M parameters). GPT-3: 96 blocks of 96 heads, 175 billion
 * weights (the book; Brown et al. 2020, "Language Models are Few-Shot Learners", table 2.1:
 * n_layers 96, n_heads 96, 175.0B parameters). Nothing here about ChatGPT's own size: no source.
 */
export function sizes(ours: { layers: number; heads: number; parameters: number }): ModelSize[] {
  return [
    { key: 'ours', blocks: ours.layers, heads: ours.heads, weights: ours.parameters, source: 'card.json' },
    { key: 'gpt2', blocks: 12, heads: 12, weights: 117_000_000, source: 'radford2019' },
    { key: 'gpt3', blocks: 96, heads: 96, weights: 175_000_000_000, source: 'brown2020' },
  ];
}

/** How many times `a`'s weights fit in `b`'s, to two significant digits ("about 96,000 times"). */
export function timesBigger(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return 0;
  const x = b / a;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.round(x / unit) * unit;
}

// ---------------------------------------------------------------------------------------------
// The challenge.

export interface Challenge {
  readonly text: string;
  /** The favourite next word (token id) with every head on. */
  readonly favourite: number;
  /** The heads (by index) whose loss alone changes the favourite, as the model computed it. */
  readonly changing: readonly number[];
}

/** The challenge for `text` from the favourite with all heads on and each head's effect. */
export function challengeFrom(
  text: string,
  favourite: number,
  effects: readonly { layer: number; head: number; top: { id: number } }[],
  heads: number,
): Challenge {
  return {
    text,
    favourite,
    changing: effects.flatMap((e) => (e.top.id !== favourite ? [e.layer * heads + e.head] : [])),
  };
}

/** The data's challenge beginning with the fewest heads that change its favourite (the hardest to stumble on), else null. */
export function hardestChallenge(data: Pick<InsideData, 'challenges'>): string | null {
  let best: { text: string; heads: readonly number[] } | null = null;
  for (const c of data.challenges)
    if (c.heads.length > 0 && (!best || c.heads.length < best.heads.length)) best = c;
  return best?.text ?? null;
}

/**
 * Switches head `index` the other way, keeping at most one head off: switching one off switches
 * any other back on, so the head that changes the favourite is the one switched off.
 */
export function switchOne(mask: readonly number[], index: number): number[] {
  if (!Number.isInteger(index) || index < 0 || index >= mask.length)
    throw new Error(`inside: no head ${index}`);
  return mask.map((v, i) => (i === index ? 1 - v : 1));
}

export type Verdict = 'allOn' | 'notYet' | 'found';

/** What the challenge says with `mask` and the favourite it gives. */
export function judge(ch: Challenge, mask: readonly number[], favouriteNow: number): Verdict {
  const off = offHeads(mask);
  if (off.length === 0) return 'allOn';
  return changesFavourite(ch.favourite, favouriteNow, off) ? 'found' : 'notYet';
}

/** A number of the strips as the screen writes it: two decimals, a real minus sign. */
export function shownValue(v: number): string {
  return (v < 0 ? '−' : '') + Math.abs(v).toFixed(2);
}

/** The rows the beams are drawn to: the last `max` tokens, and what comes before them added up as one row. */
export function beamRows(
  tokens: readonly string[],
  weights: ArrayLike<number>,
  max: number,
): { rows: { token: string; w: number; index: number }[]; earlier: { n: number; w: number } | null } {
  const t = tokens.length;
  const from = Math.max(0, t - max);
  const rows = [];
  for (let i = from; i < t; i++) rows.push({ token: tokens[i] as string, w: weights[i] as number, index: i });
  let w = 0;
  for (let i = 0; i < from; i++) w += weights[i] as number;
  return { rows, earlier: from > 0 ? { n: from, w } : null };
}

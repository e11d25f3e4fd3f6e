/**
 * Level "next-word": guess the next word, against the project's own model.
 *
 * A story sentence stops; the player picks the next word from tiles (the model's likely words
 * mixed with unlikely ones) or types one. Then the model's real probabilities appear, and the
 * sentence grows by the player's word: one word at a time. A round scores how likely the model
 * found the player's word compared with its favourite. Pure: the model's answers come in as data.
 */
import { shuffled, type Rng } from './rng';
import type { Stars } from './levels';
import { tokenize, type Lang } from '../lm/tokenizer';

export interface Candidate {
  readonly id: number;
  readonly token: string;
  readonly p: number;
}

export type Rating = 'favourite' | 'likely' | 'possible' | 'surprising';

export const ROUNDS = 5;
export const TILES = 5;
/** How many of the model's top words the bars show. */
export const TOP = 10;

/** Points of each rating; a round's rating compares p(pick) with p(favourite). */
const POINTS: Record<Rating, number> = { favourite: 3, likely: 2, possible: 1, surprising: 0 };

export function rate(pick: number, favourite: number): Rating {
  if (!(favourite > 0)) return 'surprising';
  const r = pick / favourite;
  if (r >= 0.999) return 'favourite';
  if (r >= 0.25) return 'likely';
  if (r >= 0.02) return 'possible';
  return 'surprising';
}

export function points(rating: Rating): number {
  return POINTS[rating];
}

/** ★ for finishing the rounds, ★★ from 8 points, ★★★ from 12 (of 15). */
export function stars(ratings: readonly Rating[], rounds = ROUNDS): Stars {
  if (ratings.length < rounds) return 0;
  const total = ratings.reduce((s, r) => s + POINTS[r], 0);
  return total >= 12 ? 3 : total >= 8 ? 2 : 1;
}

/** Whether a token can stand as a tile: a word of letters (English) or one Han character. */
export function isWordToken(lang: Lang, token: string): boolean {
  return lang === 'en' ? /^[a-z]+$/.test(token) : /^\p{Script=Han}$/u.test(token);
}

/** Whether a token can be a tile: a word, or a full stop, comma, ! or ? (the model often wants one). */
export function isTileToken(lang: Lang, token: string): boolean {
  return isWordToken(lang, token) || (lang === 'en' ? /^[.,!?]$/.test(token) : /^[，。！？]$/.test(token));
}

/**
 * Tiles for a round: the model's favourite, two more of its top five, and two words it finds
 * unlikely (ranked 150th–800th), shuffled. `ranked` is the whole vocabulary, most likely first.
 */
export function makeTiles(lang: Lang, ranked: readonly Candidate[], rng: Rng, n = TILES): Candidate[] {
  const words = ranked.filter((c) => isWordToken(lang, c.token));
  const [favourite, ...rest] = ranked.filter((c) => isTileToken(lang, c.token));
  if (!favourite) return [];
  const likely = shuffled(rest.slice(0, 4), rng).slice(0, 2);
  const unlikely = shuffled(words.slice(150, 800), rng).slice(0, Math.max(0, n - 1 - likely.length));
  return shuffled([favourite, ...likely, ...unlikely], rng);
}

export type TypedCheck =
  | { readonly ok: true; readonly token: string }
  | {
      readonly ok: false;
      readonly problem: 'empty' | 'tooLong' | 'notAWord' | 'oneCharacter' | 'contraction' | 'unknown';
    };

/** The most characters a typed word may have before it is refused as too long. */
export const MAX_TYPED = 24;

/**
 * What the player typed as the next word: one word the model knows (English), or one character
 * it knows (Chinese). Emoji, spaces between words and unknown words get a reason, never a throw.
 */
export function checkTyped(lang: Lang, typed: string, known: (token: string) => boolean): TypedCheck {
  const text = typed.normalize('NFKC').trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if ([...text].length > MAX_TYPED) return { ok: false, problem: 'tooLong' };
  const tokens = tokenize(lang, text);
  if (lang === 'zh') {
    if (tokens.length !== 1) return { ok: false, problem: tokens.length > 1 ? 'oneCharacter' : 'notAWord' };
  } else if (tokens.length === 2 && /^'[a-z]+$/.test(tokens[1] as string)) {
    // The model reads "don't" as "don" + "'t": two pieces, so not one next word.
    return { ok: false, problem: 'contraction' };
  } else if (tokens.length !== 1) {
    return {
      ok: false,
      problem: tokens.length > 1 && tokens.every((t) => /^[a-z]/.test(t)) ? 'tooLong' : 'notAWord',
    };
  }
  const token = tokens[0] as string;
  if (!isWordToken(lang, token)) return { ok: false, problem: 'notAWord' };
  if (!known(token)) return { ok: false, problem: 'unknown' };
  return { ok: true, token };
}

export interface RoundResult {
  readonly prompt: string;
  readonly pick: Candidate;
  readonly favourite: Candidate;
  /** The pick's place among all words (1 = favourite). */
  readonly rank: number;
  readonly rating: Rating;
}

/**
 * Scores the player's pick against the model's full ranking. The favourite is the likeliest
 * token a player can pick (a word or a full stop, not "the end of the story").
 */
export function score(lang: Lang, prompt: string, ranked: readonly Candidate[], pickId: number): RoundResult {
  const favourite = ranked.find((c) => isTileToken(lang, c.token));
  const at = ranked.findIndex((c) => c.id === pickId);
  if (!favourite || at < 0) throw new Error(`next-word: ${pickId} is not in the ranking`);
  const pick = ranked[at] as Candidate;
  return { prompt, pick, favourite, rank: at + 1, rating: rate(pick.p, favourite.p) };
}

/** Adds a token to the sentence: a space before English words, nothing before punctuation or 字. */
export function extend(lang: Lang, text: string, token: string): string {
  if (lang === 'zh') return text + token;
  if (/^[.,!?;:')]/.test(token) || text === '' || /[\s(]$/.test(text)) return text + token;
  return `${text} ${token}`;
}

export interface Bar {
  readonly id: number;
  readonly token: string;
  readonly p: number;
  readonly picked: boolean;
  readonly favourite: boolean;
}

/**
 * The bars after a pick: the model's top words, the pick marked; when the pick is not among
 * them it is added as an eleventh bar, so its probability is always shown.
 */
export function bars(
  ranked: readonly Candidate[],
  pickId: number | null,
  favouriteId: number | null = ranked[0]?.id ?? null,
  top = TOP,
): Bar[] {
  const shown = ranked.slice(0, top);
  const extra =
    pickId !== null && !shown.some((c) => c.id === pickId) ? ranked.find((c) => c.id === pickId) : undefined;
  return [...shown, ...(extra ? [extra] : [])].map((c) => ({
    id: c.id,
    token: c.token,
    p: c.p,
    picked: c.id === pickId,
    favourite: c.id === favouriteId,
  }));
}

/** A probability as the bars print it: one decimal under 10 %, whole percents above. */
export function percent(p: number): string {
  const v = p * 100;
  if (v >= 9.95) return `${Math.round(v)}%`;
  if (v >= 0.1) return `${v.toFixed(1)}%`;
  return v > 0 ? '<0.1%' : '0%';
}

/**
 * The model's text as a child reads it. The English model writes lower case; the screen starts
 * each sentence (and "I") with a capital. Chinese is shown as it is.
 */
export function readable(lang: Lang, text: string): string {
  if (lang !== 'en') return text;
  return text
    .replace(
      /(^|[.!?]["”]?\s+|^["“]|[.!?]\s+["“])([a-z])/g,
      (_, before: string, c: string) => before + c.toUpperCase(),
    )
    .replace(/\bi\b(?!')/g, 'I')
    .replace(/\bi'(m|ll|ve|d)\b/g, "I'$1");
}

/**
 * Level "next-word": guess the next word, against the project's own model.
 *
 * A story sentence stops; the player picks the next word from tiles (the model's likely words
 * mixed with unlikely ones) or types one. Then the model's real probabilities appear, and the
 * sentence grows by the player's word: one word at a time. A round scores how likely the model
 * found the player's word compared with its favourite. Pure: the model's answers come in as data.
 */
import { bySeed, roundRng, shuffled, type Rng } from './rng';
import type { Stars } from './levels';
import { EOS, SPECIALS, isHan, tokenize, typedText, type Lang } from '../lm/tokenizer';
import { nameMap } from '../lm/names';
import names from '../lm/names-en.json' with { type: 'json' };

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
/** The most points a level can give: a favourite every round. */
export const MAX_POINTS = POINTS.favourite * ROUNDS;

/** Whether a rating is a good guess (the cheerful sound, the green message). */
export function isGood(rating: Rating): boolean {
  return rating === 'favourite' || rating === 'likely';
}

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
export function starsFor(ratings: readonly Rating[], rounds = ROUNDS): Stars {
  if (ratings.length < rounds) return 0;
  const total = ratings.reduce((s, r) => s + POINTS[r], 0);
  return total >= 12 ? 3 : total >= 8 ? 2 : 1;
}

/** Whether a token can stand as a tile: a word of letters (English) or of Chinese characters. */
export function isWordToken(lang: Lang, token: string): boolean {
  return lang === 'en' ? /^[a-z]+$/.test(token) : isHan(token);
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
      readonly problem: 'empty' | 'tooLong' | 'notAWord' | 'severalWords' | 'contraction' | 'unknown';
    };

/** The most characters a typed word may have before it is refused as too long. */
export const MAX_TYPED = 24;

/**
 * What the player typed as the next word: one word the model knows (in Chinese: one of its words,
 * such as 妈妈, or one character). Emoji, spaces between words, several words and unknown words
 * get a reason, never a throw.
 */
export function checkTyped(lang: Lang, typed: string, known: (token: string) => boolean): TypedCheck {
  const text = typedText(lang, typed).trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if ([...text].length > MAX_TYPED) return { ok: false, problem: 'tooLong' };
  const tokens = tokenize(lang, text);
  if (lang === 'zh') {
    // Chinese is written without spaces: what was typed is one word when the model has it as one.
    const han = tokens.join('');
    if (!isHan(han)) return { ok: false, problem: 'notAWord' };
    if (known(han)) return { ok: true, token: han };
    return { ok: false, problem: tokens.some((c) => !known(c)) ? 'unknown' : 'severalWords' };
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

/** Adds a token to the sentence: a space before English words, nothing before punctuation or Chinese. */
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

/** English words written with a capital (names like Lily, Mr, Monday), by their lower-case form. */
const NAMES = nameMap(names.words);

/**
 * The model's text as a child reads it. The English model writes lower case; the screen starts
 * each sentence and each quote with a capital, and writes "I" and names (src/lm/names.ts) with
 * one. Chinese is shown as it is. The length never changes.
 */
export function readable(lang: Lang, text: string): string {
  if (lang !== 'en') return text;
  return text
    .replace(/(?<![A-Za-z'])[a-z]+(?![a-z]|'t)/g, (w) => NAMES.get(w) ?? w)
    .replace(
      /(^|[.!?]["”]?\s+|(?:^|\s)["“])([a-z])/g,
      (_, before: string, c: string) => before + c.toUpperCase(),
    )
    .replace(/\bi\b(?!')/g, 'I')
    .replace(/\bi'(m|ll|ve|d)\b/g, "I'$1");
}

/** The marks a child may be offered as a next word, by what each does. */
export type MarkName =
  | 'fullStop'
  | 'comma'
  | 'exclamation'
  | 'question'
  | 'quote'
  | 'openQuote'
  | 'closeQuote'
  | 'colon'
  | 'semicolon'
  | 'dash'
  | 'ellipsis'
  | 'listComma'
  | 'middleDot'
  | 'openTitle'
  | 'closeTitle';

const MARKS: Record<Lang, Readonly<Record<string, MarkName>>> = {
  en: {
    '.': 'fullStop',
    ',': 'comma',
    '!': 'exclamation',
    '?': 'question',
    '"': 'quote',
    "'": 'quote',
    ':': 'colon',
    ';': 'semicolon',
    '-': 'dash',
  },
  zh: {
    '。': 'fullStop',
    '，': 'comma',
    '！': 'exclamation',
    '？': 'question',
    '“': 'openQuote',
    '”': 'closeQuote',
    '‘': 'openQuote',
    '’': 'closeQuote',
    '：': 'colon',
    '；': 'semicolon',
    '、': 'listComma',
    '…': 'ellipsis',
    '—': 'dash',
    '·': 'middleDot',
    '《': 'openTitle',
    '》': 'closeTitle',
  },
};

/** What a tile or a bar shows for a token: a word, a mark said in words, or the end of the story. */
export type TokenShown =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'mark'; readonly name: MarkName; readonly mark: string }
  | { readonly kind: 'end' };

/**
 * How a token is shown to a child: a mark by what it does ("end of the sentence ." — the words
 * come from the locale, by `name`), a word as the screen writes it (Lily, I), the end of the
 * story in words. Only the label changes: the token and its chance stay the model's.
 */
export function shownToken(lang: Lang, token: string): TokenShown {
  if (isEndOfStory(token)) return { kind: 'end' };
  const name = MARKS[lang][token];
  if (name) return { kind: 'mark', name, mark: token };
  return { kind: 'word', text: lang === 'en' ? (NAMES.get(token) ?? (token === 'i' ? 'I' : token)) : token };
}

/**
 * The whole vocabulary ranked by the model's chances, most likely first (ties by id). Padding,
 * unknown and begin are never a next word; the end of the story is (shown as a bar, never a tile).
 */
export function rankVocabulary(probs: ArrayLike<number>, tokens: readonly string[]): Candidate[] {
  const out: Candidate[] = [];
  for (let id = EOS; id < probs.length; id++)
    out.push({ id, token: tokens[id] ?? '', p: probs[id] as number });
  return out.sort((a, b) => b.p - a.p || a.id - b.id);
}

/** Whether a token is the end of the story (shown as words, never as its token). */
export function isEndOfStory(token: string): boolean {
  return token === SPECIALS[EOS];
}

/** The first id of a real word (after the special tokens): only those can be typed. */
export const FIRST_WORD_ID = SPECIALS.length;

// ---------------------------------------------------------------------------------------------
// The level as a state machine: intro → thinking (the model reads the text) → choose → reveal →
// thinking … → done after ROUNDS rounds. The scene asks the model when the phase is "thinking"
// and hands its chances to `offer`.

export type Phase = 'intro' | 'thinking' | 'choose' | 'reveal' | 'done';

export interface NextWordState {
  readonly lang: Lang;
  readonly seed: number;
  readonly phase: Phase;
  /** The text so far: the opening and every word added. */
  readonly text: string;
  /** Whether the opening is the player's own. */
  readonly own: boolean;
  /** The vocabulary ranked for the current round (empty while thinking). */
  readonly ranked: readonly Candidate[];
  readonly tiles: readonly Candidate[];
  readonly results: readonly RoundResult[];
}

export function start(lang: Lang, seed: number): NextWordState {
  return { lang, seed, phase: 'intro', text: '', own: false, ranked: [], tiles: [], results: [] };
}

/** The level's own opening for a seed: seeds 1, 2, 3 … go through them in turn. */
export function openingFor(openings: readonly string[], seed: number): string {
  return bySeed(openings, seed) ?? '';
}

export type BeginResult =
  { readonly ok: true; readonly state: NextWordState } | { readonly ok: false; readonly problem: 'empty' };

/** Starts from one of the level's openings (own = null) or the player's own beginning. */
export function begin(state: NextWordState, openings: readonly string[], own: string | null): BeginResult {
  if (state.phase !== 'intro') return { ok: true, state };
  if (own === null)
    return { ok: true, state: { ...state, phase: 'thinking', text: openingFor(openings, state.seed) } };
  const text = typedText(state.lang, own).trim();
  if (text === '') return { ok: false, problem: 'empty' };
  return { ok: true, state: { ...state, phase: 'thinking', text, own: true } };
}

/** The model has read the text: its chances for every id become this round's ranking and tiles. */
export function offer(
  state: NextWordState,
  probs: ArrayLike<number>,
  tokens: readonly string[],
): NextWordState {
  if (state.phase !== 'thinking') return state;
  const ranked = rankVocabulary(probs, tokens);
  const tiles = makeTiles(state.lang, ranked, roundRng(state.seed, state.results.length));
  return { ...state, phase: 'choose', ranked, tiles };
}

/** The player picks a token (a tile or a typed word): it is scored and joins the text. */
export function pick(state: NextWordState, id: number): NextWordState {
  if (state.phase !== 'choose' || !state.ranked.some((c) => c.id === id)) return state;
  const result = score(state.lang, state.text, state.ranked, id);
  return {
    ...state,
    phase: 'reveal',
    results: [...state.results, result],
    text: extend(state.lang, state.text, result.pick.token),
  };
}

export type TypedPick =
  | { readonly ok: true; readonly state: NextWordState }
  | { readonly ok: false; readonly problem: Exclude<TypedCheck, { ok: true }>['problem'] };

/** A typed word: checked (one word the model knows), then picked like a tile. */
export function pickTyped(
  state: NextWordState,
  typed: string,
  vocab: ReadonlyMap<string, number>,
): TypedPick {
  const check = checkTyped(state.lang, typed, (token) => vocab.has(token));
  if (!check.ok) return check;
  const id = vocab.get(check.token) ?? -1;
  if (id < FIRST_WORD_ID) return { ok: false, problem: 'notAWord' };
  return { ok: true, state: pick(state, id) };
}

/** After the reveal: the next round (the model reads again), or the end of the level. */
export function advance(state: NextWordState): NextWordState {
  if (state.phase !== 'reveal') return state;
  if (state.results.length >= ROUNDS) return { ...state, phase: 'done' };
  return { ...state, phase: 'thinking', ranked: [], tiles: [] };
}

export function lastResult(state: NextWordState): RoundResult | null {
  return state.results[state.results.length - 1] ?? null;
}

export function ratings(state: NextWordState): Rating[] {
  return state.results.map((r) => r.rating);
}

export function totalPoints(state: NextWordState): number {
  return state.results.reduce((s, r) => s + POINTS[r.rating], 0);
}

/** The round shown in the top bar: the one being played, or the last one finished. */
export function roundShown(state: NextWordState): number {
  const n = state.results.length + (state.phase === 'choose' || state.phase === 'thinking' ? 1 : 0);
  return Math.max(1, Math.min(n, ROUNDS));
}

export function isLastRound(state: NextWordState): boolean {
  return state.results.length >= ROUNDS;
}

export function stars(state: NextWordState): Stars {
  return state.phase === 'done' ? starsFor(ratings(state)) : 0;
}

/** The bars after a pick (none before it): the model's top words with the pick marked. */
export function revealedBars(state: NextWordState): Bar[] {
  const last = lastResult(state);
  if ((state.phase !== 'reveal' && state.phase !== 'done') || !last) return [];
  return bars(state.ranked, last.pick.id, last.favourite.id);
}

/**
 * The sentence as the player reads it: the text before the last pick, the pick itself (after a
 * reveal) with what joins it, or a blank to fill. English is shown with capitals where sentences
 * start; `readable` keeps the length, so the parts split the shown text where the model's do.
 */
export function sentenceParts(state: NextWordState): {
  before: string;
  joiner: string;
  added: string | null;
} {
  const last = lastResult(state);
  const revealed = (state.phase === 'reveal' || state.phase === 'done') && last !== null;
  if (!revealed)
    return { before: readable(state.lang, state.text), joiner: state.lang === 'en' ? ' ' : '', added: null };
  const shown = readable(state.lang, state.text);
  const at = shown.length - last.pick.token.length;
  return {
    before: shown.slice(0, last.prompt.length),
    joiner: shown.slice(last.prompt.length, at),
    added: shown.slice(at),
  };
}

/** What the level tells about the player's own opening: words the model does not know, or a cut to its window. */
export function openingNote(unknown: readonly string[], cut: number): 'unknown' | 'cut' | null {
  return unknown.length > 0 ? 'unknown' : cut > 0 ? 'cut' : null;
}

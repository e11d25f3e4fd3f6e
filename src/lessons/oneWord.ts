/**
 * Level "one-word": it just adds one word at a time.
 *
 * The player stands in for the model: a sentence stops, five possible next words are shown,
 * the player guesses the one the model likes best, the probabilities are revealed as bars,
 * and the chosen word joins the sentence. The tables are small and fixed (no model yet); the
 * first one is the book's own example. The state keeps option indices, not words, so the
 * same game goes on when the language changes.
 */
import { shuffled, roundRng, type Rng } from './rng';
import type { Stars } from './levels';

export interface WordOption {
  readonly word: string;
  /** Probability in percent, as the book prints it. */
  readonly p: number;
  /** Index of the table that follows this word, or null when the sentence is finished. */
  readonly next: number | null;
}

export interface WordTable {
  readonly options: readonly WordOption[];
}

export interface OneWordContent {
  /** The sentence so far, before the first pick. */
  readonly prompt: string;
  /** What goes between words: a space in English, nothing in Chinese. */
  readonly joiner: string;
  readonly tables: readonly WordTable[];
}

export type Phase = 'choose' | 'reveal' | 'done';

export interface OneWordState {
  readonly rounds: number;
  /** Tables visited, one per round so far (the current one last). */
  readonly tables: readonly number[];
  /** The option index picked in each finished or revealed round. */
  readonly picks: readonly number[];
  /** The order the current table's options are shown in (a seeded shuffle). */
  readonly order: readonly number[];
  readonly phase: Phase;
  readonly seed: number;
}

export interface Bar {
  readonly index: number;
  readonly word: string;
  readonly p: number;
  readonly picked: boolean;
  readonly favourite: boolean;
}

/** The index of the option the model likes best (highest probability, first on ties). */
export function favouriteOf(table: WordTable): number {
  let best = 0;
  table.options.forEach((o, i) => {
    if (o.p > (table.options[best] as WordOption).p) best = i;
  });
  return best;
}

function table(content: OneWordContent, index: number): WordTable {
  const t = content.tables[index];
  if (!t) throw new Error(`one-word: no table ${index}`);
  return t;
}

/**
 * Checks that every path through the tables ends after the same number of picks and that
 * probabilities are sensible. Returns that number of rounds, or throws with what is wrong.
 */
export function validateContent(content: OneWordContent): number {
  const depth = (index: number, seen: readonly number[]): number => {
    if (seen.includes(index)) throw new Error(`one-word: tables loop at ${index}`);
    const t = table(content, index);
    if (t.options.length < 2) throw new Error(`one-word: table ${index} has fewer than 2 options`);
    const total = t.options.reduce((s, o) => s + o.p, 0);
    if (t.options.some((o) => !(o.p > 0) || o.word.trim() === '') || total > 100) {
      throw new Error(`one-word: table ${index} has a bad word or probability`);
    }
    const depths = new Set(t.options.map((o) => (o.next === null ? 1 : 1 + depth(o.next, [...seen, index]))));
    if (depths.size !== 1) throw new Error(`one-word: paths from table ${index} have different lengths`);
    return [...depths][0] as number;
  };
  return depth(0, []);
}

function orderFor(content: OneWordContent, tableIndex: number, rng: Rng): number[] {
  return shuffled(
    table(content, tableIndex).options.map((_, i) => i),
    rng,
  );
}

export function start(content: OneWordContent, seed: number): OneWordState {
  const rounds = validateContent(content);
  return {
    rounds,
    tables: [0],
    picks: [],
    order: orderFor(content, 0, roundRng(seed, 0)),
    phase: 'choose',
    seed,
  };
}

export function currentTable(state: OneWordState, content: OneWordContent): WordTable {
  return table(content, state.tables[state.tables.length - 1] as number);
}

/** The player picks option `index` of the current table; the bars are revealed. */
export function pick(state: OneWordState, content: OneWordContent, index: number): OneWordState {
  if (state.phase !== 'choose') return state;
  const t = currentTable(state, content);
  if (!Number.isInteger(index) || index < 0 || index >= t.options.length) return state;
  return { ...state, picks: [...state.picks, index], phase: 'reveal' };
}

/** After the reveal: the next round, or the end of the level. */
export function advance(state: OneWordState, content: OneWordContent): OneWordState {
  if (state.phase !== 'reveal') return state;
  const chosen = currentTable(state, content).options[state.picks[state.picks.length - 1] as number];
  if (!chosen || chosen.next === null) return { ...state, phase: 'done' };
  const round = state.tables.length;
  return {
    ...state,
    tables: [...state.tables, chosen.next],
    order: orderFor(content, chosen.next, roundRng(state.seed, round)),
    phase: 'choose',
  };
}

/** The words the player has added so far. */
export function addedWords(state: OneWordState, content: OneWordContent): string[] {
  return state.picks.map((p, r) => (table(content, state.tables[r] as number).options[p] as WordOption).word);
}

export function sentence(state: OneWordState, content: OneWordContent): string {
  return [content.prompt, ...addedWords(state, content)].join(content.joiner);
}

/** How many rounds the player guessed the model's favourite. */
export function favouritesGuessed(state: OneWordState, content: OneWordContent): number {
  return state.picks.filter((p, r) => p === favouriteOf(table(content, state.tables[r] as number))).length;
}

/** Finishing earns one star; guessing the favourite at least once two; in every round but one, three. */
export function starsFor(guessed: number, rounds: number): Stars {
  if (guessed >= Math.max(1, rounds - 1)) return 3;
  if (guessed >= 1) return 2;
  return 1;
}

export function stars(state: OneWordState, content: OneWordContent): Stars {
  return state.phase === 'done' ? starsFor(favouritesGuessed(state, content), state.rounds) : 0;
}

/** The bars to draw for the current table, most likely first. */
export function bars(state: OneWordState, content: OneWordContent): Bar[] {
  const t = currentTable(state, content);
  const fav = favouriteOf(t);
  const picked = state.phase === 'choose' ? -1 : (state.picks[state.picks.length - 1] as number);
  return t.options
    .map((o, index) => ({ index, word: o.word, p: o.p, picked: index === picked, favourite: index === fav }))
    .sort((a, b) => b.p - a.p || a.index - b.index);
}

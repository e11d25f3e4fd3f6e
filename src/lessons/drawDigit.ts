/**
 * Level "draw-digit": an image is just numbers (a 28 × 28 digit is 784 grey values), a small
 * network turns them into ten chances, and it learns from examples, not rules (the book's digit
 * network; MNIST). Two parts:
 *
 * 1. Digits: the level asks for a digit, the player draws it, the network reads it (the steps of
 *    the preparation on screen, then the 784 numbers, then the ten chances as bars). Five read
 *    right win the first star; a wrong read costs nothing, the next digit comes.
 * 2. A new sign: the player picks up to three signs (★, ♥, 一, 二, 三), draws five examples of
 *    each (up to ten), a new last layer is trained on the network's features (signHead.ts) with
 *    its loss curve drawn as it falls, then five tests: a sign recognised four times in five wins
 *    the second star, and with two or more signs taught, the third. The player can teach more
 *    examples and test again; the same tests with one example of each sign show that more help.
 */
import { shuffled, mulberry32 } from './rng';
import { SIGNS, type SignId } from './signs';
import { Trainer, argmax, combined, type Example, type Head } from './signHead';
import type { Stars } from './levels';

export type Phase = 'digits' | 'digitsWon' | 'signs' | 'train' | 'test' | 'result';

/** Digits read right for the first star. */
export const DIGITS_TO_WIN = 5;
export const MAX_SIGNS = 3;
/** Examples of each sign before training, and the most kept. */
export const EXAMPLES = 5;
export const MAX_EXAMPLES = 10;
export const TESTS = 5;
export const TESTS_TO_WIN = 4;
/** The book's numbers: its digit network and its cats-and-dogs network ("What Is ChatGPT Doing…"). */
export const BOOK_DIGIT_NEURONS = 2190;
export const BOOK_CATS_NEURONS = 60_650;

export interface DigitTry {
  readonly asked: number;
  readonly read: number;
}

export interface TaughtSign {
  readonly id: SignId;
  readonly examples: number;
}

export interface DrawDigitState {
  readonly phase: Phase;
  readonly seed: number;
  /** The digits asked for, in a seeded order (then again). */
  readonly order: readonly number[];
  readonly tries: readonly DigitTry[];
  readonly signs: readonly TaughtSign[];
  /** Which chosen sign the next example is for. */
  readonly current: number;
  /** The current round of tests: which sign was asked (its index in `signs`) and what was read. */
  readonly tests: readonly { readonly asked: number; readonly read: number }[];
  /** The best round of tests so far: how many right, and with how many signs taught. */
  readonly best: { readonly right: number; readonly signs: number } | null;
  /** How many trainings have run. */
  readonly trainings: number;
}

export function newGame(seed: number): DrawDigitState {
  return {
    phase: 'digits',
    seed,
    order: shuffled([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], mulberry32(seed)),
    tries: [],
    signs: [],
    current: 0,
    tests: [],
    best: null,
    trainings: 0,
  };
}

export function digitsRight(s: DrawDigitState): number {
  return s.tries.filter((t) => t.asked === t.read).length;
}

/** The digit asked for now. */
export function askedDigit(s: DrawDigitState): number {
  return s.order[s.tries.length % s.order.length] as number;
}

/** The network read the drawing as `read`: counted, and the next digit is asked. */
export function readDigit(s: DrawDigitState, read: number): DrawDigitState {
  if (s.phase !== 'digits' || !Number.isInteger(read) || read < 0 || read > 9) return s;
  const tries = [...s.tries, { asked: askedDigit(s), read }];
  const next = { ...s, tries };
  return digitsRight(next) >= DIGITS_TO_WIN ? { ...next, phase: 'digitsWon' } : next;
}

/** On to teaching a sign (after the first star). */
export function startSigns(s: DrawDigitState): DrawDigitState {
  return s.phase === 'digitsWon' || s.phase === 'result' ? { ...s, phase: 'signs', tests: [] } : s;
}

/** Picks a sign to teach (at most three), or makes a chosen one the current one. */
export function chooseSign(s: DrawDigitState, id: SignId): DrawDigitState {
  if (s.phase !== 'signs' || !SIGNS.includes(id)) return s;
  const at = s.signs.findIndex((t) => t.id === id);
  if (at >= 0) return { ...s, current: at };
  if (s.signs.length >= MAX_SIGNS) return s;
  return { ...s, signs: [...s.signs, { id, examples: 0 }], current: s.signs.length };
}

/** Whether another sign may be picked. */
export function canAddSign(s: DrawDigitState): boolean {
  return s.signs.length < MAX_SIGNS;
}

/** One more example of the current sign (up to ten). */
export function addExample(s: DrawDigitState): DrawDigitState {
  const sign = s.signs[s.current];
  if (s.phase !== 'signs' || !sign || sign.examples >= MAX_EXAMPLES) return s;
  const signs = s.signs.map((t, i) => (i === s.current ? { ...t, examples: t.examples + 1 } : t));
  // When this sign has just got its five, the next sign still short of five comes up.
  let current = s.current;
  if ((signs[current] as TaughtSign).examples === EXAMPLES) {
    const short = signs.findIndex((t) => t.examples < EXAMPLES);
    if (short >= 0) current = short;
  }
  return { ...s, signs, current };
}

/** Whether the new layer can be trained: a sign at least, five examples of each. */
export function canTrain(s: DrawDigitState): boolean {
  return s.phase === 'signs' && s.signs.length > 0 && s.signs.every((t) => t.examples >= EXAMPLES);
}

export function startTraining(s: DrawDigitState): DrawDigitState {
  return canTrain(s) ? { ...s, phase: 'train' } : s;
}

export function trained(s: DrawDigitState): DrawDigitState {
  return s.phase === 'train' ? { ...s, phase: 'test', tests: [], trainings: s.trainings + 1 } : s;
}

/** The sign asked for in the next test (its index in `signs`): each in turn. */
export function askedSign(s: DrawDigitState): number {
  return s.tests.length % Math.max(1, s.signs.length);
}

/** The class the network answers: 0 … 9 a digit, 10 + j the j-th sign taught. */
export function recordTest(s: DrawDigitState, read: number): DrawDigitState {
  if (s.phase !== 'test') return s;
  const tests = [...s.tests, { asked: askedSign(s), read }];
  if (tests.length < TESTS) return { ...s, tests };
  const right = testsRight(tests);
  const best =
    !s.best || right > s.best.right || (right === s.best.right && s.signs.length > s.best.signs)
      ? { right, signs: s.signs.length }
      : s.best;
  return { ...s, tests, best, phase: 'result' };
}

export function testsRight(tests: DrawDigitState['tests']): number {
  return tests.filter((t) => t.read === 10 + t.asked).length;
}

/**
 * Stars: one for five digits read right; two when a sign was recognised four times in five; three
 * when that was so with two or more signs taught.
 */
export function starsFor(s: DrawDigitState): Stars {
  if (digitsRight(s) < DIGITS_TO_WIN) return 0;
  if (!s.best || s.best.right < TESTS_TO_WIN) return 1;
  return s.best.signs >= 2 ? 3 : 2;
}

/** The examples the new layer learns from: the prepared digits as "a digit" (0), the signs as 1 … k. */
export function teachingSet(
  digitFeatures: readonly (Float32Array | readonly number[])[],
  signFeatures: readonly (readonly (Float32Array | readonly number[])[])[],
  perSign = Infinity,
): Example[] {
  return [
    ...digitFeatures.map((features) => ({ features, label: 0 })),
    ...signFeatures.flatMap((list, j) =>
      list.slice(0, perSign).map((features) => ({ features, label: j + 1 })),
    ),
  ];
}

/** What the network with a new layer answers (0 … 9 a digit, 10 + j a sign) and all its chances. */
export function readWithSigns(
  head: Head,
  features: ArrayLike<number>,
  digitChances: readonly number[],
): { read: number; chances: number[] } {
  const chances = combined(head, features, digitChances);
  return { read: argmax(chances), chances };
}

/**
 * More examples help: the same tests read by a layer trained on one example of each sign and by one
 * trained on them all (same seed): how many of the tests each gets right.
 */
export function fewerExamples(
  digitFeatures: readonly (Float32Array | readonly number[])[],
  signFeatures: readonly (readonly (Float32Array | readonly number[])[])[],
  tests: readonly {
    readonly asked: number;
    readonly features: ArrayLike<number>;
    readonly chances: readonly number[];
  }[],
  seed: number,
): { one: number; all: number } {
  const count = (perSign: number): number => {
    const head = new Trainer(
      signFeatures.length + 1,
      teachingSet(digitFeatures, signFeatures, perSign),
      seed,
    ).run();
    return tests.filter((t) => readWithSigns(head, t.features, t.chances).read === 10 + t.asked).length;
  };
  return { one: count(1), all: count(Infinity) };
}

/** What is kept in IndexedDB: each taught sign's examples (28 × 28 grids, bytes 0 … 255). */
export interface SavedSigns {
  readonly version: 1;
  readonly signs: readonly { readonly id: SignId; readonly grids: readonly (readonly number[])[] }[];
}

/** A stored record, checked: null when it is missing, corrupt or foreign (it is then ignored). */
export function parseSavedSigns(x: unknown): SavedSigns | null {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as { version?: unknown; signs?: unknown };
  if (o.version !== 1 || !Array.isArray(o.signs) || o.signs.length > MAX_SIGNS) return null;
  const seen = new Set<string>();
  const signs: { id: SignId; grids: number[][] }[] = [];
  for (const raw of o.signs as unknown[]) {
    if (typeof raw !== 'object' || raw === null) return null;
    const { id, grids } = raw as { id?: unknown; grids?: unknown };
    if (typeof id !== 'string' || !(SIGNS as readonly string[]).includes(id) || seen.has(id)) return null;
    if (!Array.isArray(grids) || grids.length > MAX_EXAMPLES) return null;
    const ok = grids.every(
      (g: unknown) =>
        Array.isArray(g) &&
        g.length === 784 &&
        g.every((v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255),
    );
    if (!ok) return null;
    seen.add(id);
    signs.push({ id: id as SignId, grids: grids as number[][] });
  }
  return { version: 1, signs };
}

/** The game with saved signs put back: chosen, with their examples counted. */
export function withSavedSigns(s: DrawDigitState, saved: SavedSigns): DrawDigitState {
  const signs = saved.signs.map((t) => ({ id: t.id, examples: t.grids.length }));
  const short = signs.findIndex((t) => t.examples < EXAMPLES);
  return { ...s, signs, current: short >= 0 ? short : 0 };
}

/** Forgets the taught signs (the player cleared them). */
export function clearSigns(s: DrawDigitState): DrawDigitState {
  return s.phase === 'signs' ? { ...s, signs: [], current: 0, tests: [] } : s;
}

/**
 * Level "calculator": a language model plus a tool beats either alone. The book: a network that
 * answers in one pass cannot do long sums, but a language model can write a call to a tool (as
 * ChatGPT does with Wolfram|Alpha) and read its answer.
 *
 * Two tiny character models, trained by the project on lines of arithmetic (training/arith.py):
 *   the guesser writes "23+58=81", guessing every digit itself;
 *   the tool user writes "23+58=[calc 23+58]" and, when the calculator is plugged in, the game
 *   runs the calculator and writes its answer after the "]"; unplugged, nothing answers, and the
 *   model goes on after the "]" by itself.
 * Both write greedily (the likeliest character each time). Tested on held-out problems (never in
 * training), counted by the number of digits of the numbers.
 *
 * Steps: for each team (the model alone, with the calculator, with the plug pulled) the player
 * first guesses whether it will get the 4-digit sums mostly right, then runs the test and sees the
 * bars; last, which team is best at big sums. One star for each guess that came true, at least one.
 */
import type { Stars } from './levels';

export type Op = '+' | '×';

export interface Problem {
  readonly a: number;
  readonly op: Op;
  readonly b: number;
  /** The number of digits of the longer number. */
  readonly digits: number;
}

/** The three teams: the model alone, the tool user with the calculator, and with the plug pulled. */
export const MODES = ['guess', 'plugged', 'unplugged'] as const;
export type Mode = (typeof MODES)[number];

/** The model each team uses (files under public/models/<name>/). */
export const MODEL_OF: Readonly<Record<Mode, 'arith/guess' | 'arith/tool'>> = {
  guess: 'arith/guess',
  plugged: 'arith/tool',
  unplugged: 'arith/tool',
};

export const DIGITS = [1, 2, 3, 4] as const;
/** The most characters a model writes for one problem (the calculator's answer not counted). */
export const BUDGET = 24;
/** The biggest number the player may type: the models learned numbers of up to four digits. */
export const MAX_DIGITS = 4;

export function solve(p: Pick<Problem, 'a' | 'op' | 'b'>): number {
  return p.op === '+' ? p.a + p.b : p.a * p.b;
}

export function problemText(p: Pick<Problem, 'a' | 'op' | 'b'>): string {
  return `${p.a}${p.op}${p.b}`;
}

/** What the model reads: a new line, the problem and "=" (as in training). */
export function prompt(p: Pick<Problem, 'a' | 'op' | 'b'>): string {
  return `\n${problemText(p)}=`;
}

const CALL = /\[calc (\d{1,6})([+×])(\d{1,6})\]$/u;

/**
 * The calculator: when `written` ends with a call "[calc a+b]" or "[calc a×b]", its answer;
 * otherwise (no call, or one it cannot read) null.
 */
export function calculator(written: string): string | null {
  const m = CALL.exec(written);
  if (!m) return null;
  return String(solve({ a: Number(m[1]), op: m[2] as Op, b: Number(m[3]) }));
}

/** The call a line holds, as the model wrote it ("37×48"), or null. */
export function callIn(written: string): string | null {
  const m = /\[calc ([^\]]*)\]/u.exec(written);
  return m ? (m[1] as string) : null;
}

/** The answer a line ends with: the digits after "=" (after the call's "]" when there is one). */
export function answerOf(written: string): string | null {
  const close = written.lastIndexOf(']');
  const tail = close >= 0 ? written.slice(close + 1) : written;
  return /^\d+$/u.test(tail) ? tail : null;
}

/** The model: writes after each text, greedily, up to `max` characters, stopping after one of `stops`. */
export type Complete = (texts: string[], stops: string[], max: number) => Promise<string[]>;

export interface Answer {
  readonly problem: Problem;
  /** What came after "=", the calculator's part too (no end of line). */
  readonly written: string;
  /** How many characters of it the calculator wrote. */
  readonly fromTool: number;
  readonly answer: string | null;
  readonly right: boolean;
}

/**
 * One team answers the problems. The model writes until the end of the line or a "]"; with the
 * calculator plugged in, a call it can read is answered and the line ends there; otherwise the model
 * goes on. At most BUDGET characters from the model for each problem.
 */
export async function answer(
  problems: readonly Problem[],
  mode: Mode,
  complete: Complete,
  budget = BUDGET,
): Promise<Answer[]> {
  const rows = problems.map((p) => ({ p, written: '', used: 0, fromTool: 0, done: false }));
  while (rows.some((r) => !r.done)) {
    // Rows with the same characters left go to the model together.
    const groups = new Map<number, typeof rows>();
    for (const r of rows) {
      if (r.done) continue;
      const left = budget - r.used;
      if (left <= 0) {
        r.done = true;
        continue;
      }
      groups.set(left, [...(groups.get(left) ?? []), r]);
    }
    for (const [left, group] of groups) {
      const outs = await complete(
        group.map((r) => prompt(r.p) + r.written),
        ['\n', ']'],
        left,
      );
      group.forEach((r, i) => {
        const out = outs[i] ?? '';
        r.used += out.length;
        if (out.endsWith('\n')) {
          r.written += out.slice(0, -1);
          r.done = true;
          return;
        }
        r.written += out;
        if (out.length === 0) r.done = true;
        else if (out.endsWith(']') && mode === 'plugged') {
          const result = calculator(r.written);
          if (result !== null) {
            r.written += result;
            r.fromTool = result.length;
            r.done = true;
          }
        }
      });
    }
  }
  return rows.map((r) => {
    const a = answerOf(r.written);
    return {
      problem: r.p,
      written: r.written,
      fromTool: r.fromTool,
      answer: a,
      right: a === String(solve(r.p)),
    };
  });
}

export interface DigitScore {
  readonly digits: number;
  readonly right: number;
  readonly total: number;
  /** Percent right, to one decimal. */
  readonly percent: number;
}

/** Right answers by the number of digits, in order of digits; a count with no problems is left out. */
export function byDigits(answers: readonly Answer[]): DigitScore[] {
  const out: DigitScore[] = [];
  const counts = [...new Set(answers.map((a) => a.problem.digits))].sort((x, y) => x - y);
  for (const digits of counts) {
    const these = answers.filter((a) => a.problem.digits === digits);
    const right = these.filter((a) => a.right).length;
    out.push({ digits, right, total: these.length, percent: Math.round((1000 * right) / these.length) / 10 });
  }
  return out;
}

/** The percent right at `digits` (0 when there was none). */
export function percentAt(scores: readonly DigitScore[], digits: number): number {
  return scores.find((s) => s.digits === digits)?.percent ?? 0;
}

// ---------------------------------------------------------------------------------------------
// A sum the player types.

export type ParseResult =
  | { readonly kind: 'ok'; readonly problem: Problem }
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooBig' }
  | { readonly kind: 'notSum' };

/**
 * A sum as a child might type it: "12+7", "12 x 7", "12*7=", full-width "１２＋７" (NFKC), Chinese
 * "乘". Numbers of at most MAX_DIGITS digits (leading zeros dropped).
 */
export function parseProblem(input: string): ParseResult {
  const text = input
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[xX*✕✖·乘]/gu, '×')
    .replace(/加/gu, '+')
    .replace(/=$/u, '');
  if (text === '') return { kind: 'empty' };
  const m = /^(\d+)([+×])(\d+)$/u.exec(text);
  if (!m) return { kind: 'notSum' };
  const [sa, sb] = [m[1] as string, m[3] as string].map((s) => s.replace(/^0+(?=\d)/u, '')) as [
    string,
    string,
  ];
  if (sa.length > MAX_DIGITS || sb.length > MAX_DIGITS) return { kind: 'tooBig' };
  return {
    kind: 'ok',
    problem: { a: Number(sa), op: m[2] as Op, b: Number(sb), digits: Math.max(sa.length, sb.length) },
  };
}

// ---------------------------------------------------------------------------------------------
// The level's steps.

/** The player's guess about a team on 4-digit sums. */
export type Guess = 'mostRight' | 'mostWrong';
export const GUESSES: readonly Guess[] = ['mostRight', 'mostWrong'];

export type Phase = 'intro' | Mode | 'best' | 'done';

export interface CalculatorState {
  readonly phase: Phase;
  /** The player's guess for each team, made before its test. */
  readonly guesses: Readonly<Partial<Record<Mode, Guess>>>;
  /** Each team's scores, once tested. */
  readonly scores: Readonly<Partial<Record<Mode, readonly DigitScore[]>>>;
  /** The teams tried as the answer of the last question, in order. */
  readonly bestTries: readonly Mode[];
}

/** The numbers the guesses are about. */
export const BIG = 4;

export function start(): CalculatorState {
  return { phase: 'intro', guesses: {}, scores: {}, bestTries: [] };
}

export function begin(s: CalculatorState): CalculatorState {
  return s.phase === 'intro' ? { ...s, phase: 'guess' } : s;
}

/** The player guesses how the team of this step will do (before its test; changeable until then). */
export function makeGuess(s: CalculatorState, guess: Guess): CalculatorState {
  if (!isMode(s.phase) || s.scores[s.phase]) return s;
  return { ...s, guesses: { ...s.guesses, [s.phase]: guess } };
}

function isMode(p: Phase): p is Mode {
  return (MODES as readonly string[]).includes(p);
}

/** Whether the step's test may run: the player has guessed. */
export function canTest(s: CalculatorState): boolean {
  return isMode(s.phase) && s.guesses[s.phase] !== undefined && !s.scores[s.phase];
}

/** The step's test came back. */
export function tested(s: CalculatorState, mode: Mode, scores: readonly DigitScore[]): CalculatorState {
  if (s.phase !== mode || !canTest(s)) return s;
  return { ...s, scores: { ...s.scores, [mode]: scores } };
}

/** What really happened to a team on big sums. */
export function outcome(scores: readonly DigitScore[]): Guess {
  return percentAt(scores, BIG) >= 50 ? 'mostRight' : 'mostWrong';
}

/** Whether the player's guess for a team came true (null before its test). */
export function guessCameTrue(s: CalculatorState, mode: Mode): boolean | null {
  const scores = s.scores[mode];
  const guess = s.guesses[mode];
  if (!scores || !guess) return null;
  return outcome(scores) === guess;
}

/** On from a tested step: guess → plugged → unplugged → best. */
export function advance(s: CalculatorState): CalculatorState {
  if (!isMode(s.phase) || !s.scores[s.phase]) return s;
  const next: Phase = s.phase === 'guess' ? 'plugged' : s.phase === 'plugged' ? 'unplugged' : 'best';
  return { ...s, phase: next };
}

/** The best team at big sums, by the tests (a tie goes to the one with the calculator). */
export function bestTeam(s: CalculatorState): Mode | null {
  let best: Mode | null = null;
  for (const m of ['plugged', 'guess', 'unplugged'] as const) {
    const scores = s.scores[m];
    if (!scores) return null;
    if (best === null || percentAt(scores, BIG) > percentAt(s.scores[best] ?? [], BIG)) best = m;
  }
  return best;
}

/** The player names the best team; the right one ends the level. */
export function pickBest(s: CalculatorState, mode: Mode): CalculatorState {
  if (s.phase !== 'best' || !(MODES as readonly string[]).includes(mode)) return s;
  const right = bestTeam(s) === mode;
  return { ...s, bestTries: [...s.bestTries, mode], phase: right ? 'done' : 'best' };
}

/** One star for each guess that came true, at least one once the level is done; none before. */
export function stars(s: CalculatorState): Stars {
  if (s.phase !== 'done') return 0;
  const right = MODES.filter((m) => guessCameTrue(s, m) === true).length;
  return Math.max(1, right) as Stars;
}

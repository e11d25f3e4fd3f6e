/**
 * Level "rule-30": some questions have no shortcut. The book (after "A New Kind of Science"):
 * an elementary cellular automaton is a row of black and white cells, and each step makes a new
 * row under it; a cell of the new row looks at the three cells above it (left, middle, right) and
 * the rule says what colour it gets for each of the 8 patterns. The 8 answers, read as a binary
 * number with 111 first, are the rule's number (0–255): rule 30 is 00011110. Started from one
 * black cell, rule 90 draws Pascal's triangle mod 2 (a pattern with shortcuts: its middle cell is
 * white at every step after the first), while rule 30 looks random: to know its middle cell at
 * step 100, as far as anyone knows you have to run all 100 steps. The book calls this
 * computational irreducibility, and it is why a network that answers in one go cannot do
 * everything.
 *
 * The row is endless: every cell beyond the picture starts white and follows the rule too, so
 * the picture is exactly what an endless row shows (for every rule, also those that turn white
 * ground black), never an artefact of its edges.
 *
 * The level: (1) explore: tap the 8 rule icons or a preset (30, 90, 110); (2) predict the middle
 * cell at steps 20 and 100, first for rule 90, then for rule 30, each run and compared; (3) say how
 * to know rule 30's middle cell far down. Pure maths; no randomness but the seed of the tiles.
 */
import { question, tryOption, type Question } from './question';
import { mulberry32, shuffled } from './rng';
import type { Stars } from './levels';

export type Cell = 0 | 1;

/** The 8 patterns of three cells, as the book draws the icons: 111 first, 000 last. */
export const PATTERNS = [7, 6, 5, 4, 3, 2, 1, 0] as const;
export type Pattern = (typeof PATTERNS)[number];

/** The presets the level offers. */
export const PRESETS = [30, 90, 110] as const;

export function isRule(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 255;
}

/** The three cells of a pattern: left, middle, right. */
export function cellsOf(pattern: Pattern): [Cell, Cell, Cell] {
  return [((pattern >> 2) & 1) as Cell, ((pattern >> 1) & 1) as Cell, (pattern & 1) as Cell];
}

/** What the rule makes of a pattern of three cells. */
export function ruleBit(rule: number, pattern: Pattern): Cell {
  return ((rule >> pattern) & 1) as Cell;
}

/** The rule with the answer to one pattern flipped (a tap on its icon). */
export function flip(rule: number, pattern: Pattern): number {
  if (!isRule(rule)) throw new Error(`rule-30: no rule ${rule}`);
  return rule ^ (1 << pattern);
}

/** The rule's 8 answers in the icons' order, as the binary number the book writes (30 → 00011110). */
export function binary(rule: number): string {
  return PATTERNS.map((p) => ruleBit(rule, p)).join('');
}

/** Cells left and right of the widest possible pattern, so it never touches the picture's frame. */
export function margin(steps: number): number {
  return Math.ceil(steps / 20) + 1;
}

/** The picture's width in cells: wider than the 2·steps + 1 the pattern can reach (always odd). */
export function widthFor(steps: number): number {
  return 2 * steps + 1 + 2 * margin(steps);
}

/**
 * An automaton run from one black cell in the middle of an endless white row, computed row by
 * row (so a picture can be drawn as it grows). `cells` holds the rows 0 … steps of the picture,
 * `width` cells each, the black start cell in the middle. To be exact at the picture's edges it
 * also works out the cells beyond them that can still reach it: at step t, `steps − t` more on
 * each side (the rest of the endless row cannot matter in time).
 */
export class Automaton {
  readonly rule: number;
  readonly steps: number;
  readonly width: number;
  /** Rows 0 … steps, row-major: cell (t, i) is cells[t · width + i]; 1 is black. */
  readonly cells: Uint8Array;
  /** The last row worked out so far. */
  private at = 0;
  private prev: Uint8Array;
  private next: Uint8Array;
  private readonly table: Uint8Array;

  constructor(rule: number, steps: number, width = widthFor(steps)) {
    if (!isRule(rule)) throw new Error(`rule-30: no rule ${rule}`);
    if (!Number.isInteger(steps) || steps < 0) throw new Error(`rule-30: bad number of steps ${steps}`);
    if (!Number.isInteger(width) || width < 1 || width % 2 === 0)
      throw new Error(`rule-30: the width must be odd, not ${width}`);
    this.rule = rule;
    this.steps = steps;
    this.width = width;
    this.cells = new Uint8Array((steps + 1) * width);
    this.table = Uint8Array.from({ length: 8 }, (_, p) => (rule >> p) & 1);
    const padded = width + 2 * steps;
    this.prev = new Uint8Array(padded);
    this.next = new Uint8Array(padded);
    this.prev[steps + (width - 1) / 2] = 1;
    this.cells[(width - 1) / 2] = 1;
  }

  /** The last step worked out so far (0: only the start row). */
  get row(): number {
    return this.at;
  }

  get done(): boolean {
    return this.at >= this.steps;
  }

  /** Works out up to `n` more rows; returns the last step worked out. */
  advance(n = 1): number {
    const T = this.steps;
    const W = this.width;
    const table = this.table;
    const end = Math.min(T, this.at + Math.max(0, Math.floor(n)));
    for (let t = this.at + 1; t <= end; t++) {
      const prev = this.prev;
      const next = this.next;
      // Row t needs the cells [t, W + 2T − t) of the endless row: what can still reach the picture.
      const lo = t;
      const hi = W + 2 * T - t;
      let pattern = ((prev[lo - 1] as number) << 1) | (prev[lo] as number);
      for (let i = lo; i < hi; i++) {
        pattern = ((pattern << 1) & 7) | (prev[i + 1] as number);
        next[i] = table[pattern] as number;
      }
      this.cells.set(next.subarray(T, T + W), t * W);
      this.prev = next;
      this.next = prev;
    }
    this.at = end;
    return end;
  }

  /** Runs to `step` (at most the picture's last). */
  runTo(step: number): number {
    return this.advance(step - this.at);
  }

  /** The cell at `step`, `x` cells right of the middle (negative: left); white outside the picture. */
  cell(step: number, x: number): Cell {
    if (step > this.at) throw new Error(`rule-30: step ${step} is not worked out yet (${this.at})`);
    const i = (this.width - 1) / 2 + x;
    if (step < 0 || i < 0 || i >= this.width) return 0;
    return this.cells[step * this.width + i] as Cell;
  }

  /** The middle cell at `step`. */
  centre(step: number): Cell {
    return this.cell(step, 0);
  }

  /** One row as text, '#' black and '.' white (for tests and the notes). */
  text(step: number): string {
    let out = '';
    for (let i = 0; i < this.width; i++) out += this.cells[step * this.width + i] ? '#' : '.';
    return out;
  }
}

/** A whole run: `steps` steps of `rule` from one black cell. */
export function run(rule: number, steps: number, width = widthFor(steps)): Automaton {
  const a = new Automaton(rule, steps, width);
  a.advance(steps);
  return a;
}

/** The middle cells at steps 0 … steps. */
export function centreColumn(rule: number, steps: number): Cell[] {
  const a = run(rule, steps, 1);
  return Array.from(a.cells) as Cell[];
}

/** Rule 90's shortcut, no steps needed: its middle cell is black at the start and white ever after. */
export function rule90Centre(step: number): Cell {
  return step === 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// The level as a state machine: intro → explore → predict (4 questions, each guessed, run and
// compared) → why (how to know rule 30 far down) → done.

export type Phase = 'intro' | 'explore' | 'predict' | 'why' | 'done';

/** The steps the explorer can draw. */
export const EXPLORE_STEPS = [20, 100, 1000] as const;
export type ExploreSteps = (typeof EXPLORE_STEPS)[number];

/**
 * The questions: rule 90 (which has a shortcut) at steps 20 and 100, then rule 30 (which has
 * none) near and far, at steps the seed picks (20–30, then 90–110) so that one of its two middle
 * cells is black and the other white: no colour said every time wins both, and a replay asks again.
 */
export function questionsFor(seed: number): { rule: number; step: number }[] {
  const rng = mulberry32((seed ^ 0x30303030) >>> 0);
  const column = centreColumn(30, 110);
  const near = 20 + Math.floor(rng() * 11);
  const fars = Array.from({ length: 21 }, (_, i) => 90 + i).filter((t) => column[t] !== column[near]);
  const far = fars[Math.floor(rng() * fars.length)] as number;
  return [
    { rule: 90, step: 20 },
    { rule: 90, step: 100 },
    { rule: 30, step: near },
    { rule: 30, step: far },
  ];
}

/** How many steps are on screen while the player guesses (the rest stays hidden until the run). */
export function shownBefore(step: number): number {
  return step <= 30 ? 10 : 20;
}

export interface Prediction {
  readonly rule: number;
  readonly step: number;
  /** Steps on screen before the run. */
  readonly shown: number;
  /** The middle cell at `step`, worked out by running every step. */
  readonly answer: Cell;
  readonly pick: Cell | null;
  /** Whether the player ran it (the picture then shows every step to `step`). */
  readonly ran: boolean;
}

/** The last question's answers: only running every step tells rule 30's middle cell far down. */
export const WHY_OPTIONS = ['pattern', 'everyStep', 'firstRows'] as const;
export type WhyOption = (typeof WHY_OPTIONS)[number];
export const WHY_ANSWER: WhyOption = 'everyStep';

export interface Rule30State {
  readonly phase: Phase;
  readonly seed: number;
  /** The explorer's rule and steps. */
  readonly rule: number;
  readonly steps: ExploreSteps;
  /** Rules the player made in the explorer (the first one included). */
  readonly tried: readonly number[];
  readonly predictions: readonly Prediction[];
  /** The question on screen (an index into `predictions`). */
  readonly current: number;
  readonly why: Question<WhyOption>;
}

export function start(seed: number): Rule30State {
  const predictions = questionsFor(seed).map(({ rule, step }) => ({
    rule,
    step,
    shown: shownBefore(step),
    answer: run(rule, step, 1).centre(step),
    pick: null,
    ran: false,
  }));
  return {
    phase: 'intro',
    seed,
    rule: 30,
    steps: 20,
    tried: [30],
    predictions,
    current: 0,
    why: question(shuffled(WHY_OPTIONS, mulberry32(seed)), WHY_ANSWER),
  };
}

export function begin(s: Rule30State): Rule30State {
  return s.phase === 'intro' ? { ...s, phase: 'explore' } : s;
}

function withRule(s: Rule30State, rule: number): Rule30State {
  if (s.phase !== 'explore' || !isRule(rule) || rule === s.rule) return s;
  return { ...s, rule, tried: s.tried.includes(rule) ? s.tried : [...s.tried, rule] };
}

/** A tap on a rule icon: its pattern's answer flips. */
export function tapIcon(s: Rule30State, pattern: Pattern): Rule30State {
  return withRule(s, flip(s.rule, pattern));
}

/** A preset: rule 30, 90 or 110. */
export function preset(s: Rule30State, rule: number): Rule30State {
  return (PRESETS as readonly number[]).includes(rule) ? withRule(s, rule) : s;
}

export function setSteps(s: Rule30State, steps: number): Rule30State {
  if (s.phase !== 'explore' || !(EXPLORE_STEPS as readonly number[]).includes(steps)) return s;
  return { ...s, steps: steps as ExploreSteps };
}

/** From the explorer to the puzzle. */
export function toPuzzle(s: Rule30State): Rule30State {
  return s.phase === 'explore' ? { ...s, phase: 'predict', current: 0 } : s;
}

export function currentPrediction(s: Rule30State): Prediction | null {
  return s.phase === 'predict' ? (s.predictions[s.current] ?? null) : null;
}

function setCurrent(s: Rule30State, change: (p: Prediction) => Prediction | null): Rule30State {
  const p = currentPrediction(s);
  const next = p ? change(p) : null;
  if (!next) return s;
  return { ...s, predictions: s.predictions.map((q, i) => (i === s.current ? next : q)) };
}

/** The player's guess of the middle cell (it may change until the run). */
export function guess(s: Rule30State, cell: Cell): Rule30State {
  return setCurrent(s, (p) => (p.ran || p.pick === cell ? null : { ...p, pick: cell }));
}

/** Runs every step to the question's step: the guess is compared with the real cell. */
export function runIt(s: Rule30State): Rule30State {
  return setCurrent(s, (p) => (p.ran || p.pick === null ? null : { ...p, ran: true }));
}

/** Whether a prediction was run and right. */
export function right(p: Prediction): boolean {
  return p.ran && p.pick === p.answer;
}

/** The next question, or the last question after the fourth. */
export function next(s: Rule30State): Rule30State {
  const p = currentPrediction(s);
  if (!p?.ran) return s;
  return s.current + 1 < s.predictions.length ? { ...s, current: s.current + 1 } : { ...s, phase: 'why' };
}

/** The last question: how can you know rule 30's middle cell at step 1,000? Right ends the level. */
export function pickWhy(s: Rule30State, option: WhyOption): Rule30State {
  if (s.phase !== 'why') return s;
  const why = tryOption(s.why, option);
  if (why === s.why) return s;
  return { ...s, why, phase: why.solved ? 'done' : 'why' };
}

/** Both rule 90 questions right: the player used its shortcut. */
export function foundShortcut(s: Rule30State): boolean {
  return s.predictions.filter((p) => p.rule === 90).every(right);
}

/**
 * ★ finish (every question run, and the last one answered); ★★ plus both rule 90 guesses right
 * (its shortcut); ★★★ plus the last question right the first time. Rule 30's guesses earn no star:
 * without running it they are luck.
 */
export function stars(s: Rule30State): Stars {
  if (s.phase !== 'done') return 0;
  return (1 + (foundShortcut(s) ? 1 : 0) + (s.why.tries.length === 1 ? 1 : 0)) as Stars;
}

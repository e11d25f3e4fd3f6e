/**
 * The bracket game of the grammar level: strings of ( ) and [ ], how deep they nest, and what
 * closes an open string. The book trains a small transformer on exactly such strings (Wolfram,
 * "What Is ChatGPT Doing … and Why Does It Work?", 2023): it learns to close them from examples
 * alone, and goes wrong when the nesting gets deep. Pure.
 */
import type { Rng } from './rng';

export const OPENERS = ['(', '['] as const;
export const CLOSERS = [')', ']'] as const;
export type Closer = (typeof CLOSERS)[number];

const PAIR: Readonly<Record<string, string>> = { '(': ')', '[': ']' };

export interface BracketCheck {
  /** Every bracket closed, in the right order. */
  readonly balanced: boolean;
  /** The deepest nesting reached. */
  readonly depth: number;
  /** The brackets still open at the end, the innermost last. */
  readonly open: string;
  /** Where the first wrong closer stands (one that closes nothing, or the wrong kind), or -1. */
  readonly wrongAt: number;
}

/** Reads a bracket string (any other character is ignored). */
export function check(s: string): BracketCheck {
  const stack: string[] = [];
  let depth = 0;
  let wrongAt = -1;
  [...s].forEach((ch, i) => {
    if (wrongAt >= 0) return;
    if (ch in PAIR) {
      stack.push(ch);
      depth = Math.max(depth, stack.length);
    } else if ((CLOSERS as readonly string[]).includes(ch)) {
      const top = stack[stack.length - 1];
      if (top === undefined || PAIR[top] !== ch) wrongAt = i;
      else stack.pop();
    }
  });
  return { balanced: wrongAt < 0 && stack.length === 0, depth, open: stack.join(''), wrongAt };
}

/** The closers that finish an open string, in order ("([(" → ")])"); null when it is already wrong. */
export function closers(s: string): string | null {
  const c = check(s);
  if (c.wrongAt >= 0) return null;
  return [...c.open]
    .reverse()
    .map((ch) => PAIR[ch])
    .join('');
}

/**
 * An open string with `depth` brackets still open at the end, and some closed pairs on the way
 * (so the player must find which brackets are still open): "[()(" is two open.
 */
export function openString(rng: Rng, depth: number): string {
  let s = '';
  for (let i = 0; i < depth; i++) {
    if (i > 0 && rng() < 0.35) {
      const o = OPENERS[Math.floor(rng() * 2)] as string;
      s += o + PAIR[o];
    }
    s += OPENERS[Math.floor(rng() * 2)] as string;
  }
  return s;
}

export interface BracketRound {
  readonly start: string;
  /** The closers the player has put so far (all right: a wrong one is not kept). */
  readonly typed: string;
  readonly mistakes: number;
  /** The last closer tried, when it was wrong. */
  readonly wrong: Closer | null;
}

export function bracketRound(start: string): BracketRound {
  return { start, typed: '', mistakes: 0, wrong: null };
}

export function roundDone(r: BracketRound): boolean {
  return check(r.start + r.typed).balanced;
}

/** The player puts a closer: kept when it closes the innermost open bracket, else a mistake. */
export function putCloser(r: BracketRound, ch: Closer): BracketRound {
  if (roundDone(r)) return r;
  const need = closers(r.start + r.typed);
  if (need?.[0] === ch) return { ...r, typed: r.typed + ch, wrong: null };
  return { ...r, mistakes: r.mistakes + 1, wrong: ch };
}

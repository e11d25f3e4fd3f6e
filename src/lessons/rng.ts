/**
 * A small seeded pseudo-random generator (mulberry32). Everything random in a level
 * takes one of these, so a test, a screenshot and a bug report can replay it.
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A new array with the items in a seeded random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** The generator of one round of a level: the level's seed and the round number, mixed. */
export function roundRng(seed: number, round: number): Rng {
  return mulberry32((seed ^ Math.imul(round + 1, 0x9e3779b1)) >>> 0);
}

/** A fresh seed for a new game (from the clock); a route's `?seed=N` replays one instead. */
export function freshSeed(now: number = Date.now()): number {
  return (now % 2 ** 31) + 1;
}

/** The item a game's seed chooses: seeds 1, 2, 3 … go through the items in turn. */
export function bySeed<T>(items: readonly T[], seed: number): T | undefined {
  const n = items.length;
  return n === 0 ? undefined : items[(((Math.trunc(seed) - 1) % n) + n) % n];
}

import { describe, expect, it } from 'vitest';
import {
  B,
  BUDGET,
  ballNeuron,
  DROPS,
  HIGH_LAKE,
  LOWEST,
  MAP,
  RATES,
  curvature,
  height,
  inLowestLake,
  roll,
  settle,
  slope,
  stars,
  stepsShown,
  type Ball,
  type Outcome,
} from '../../src/lessons/landscape';
import { ANIMALS, correct, saysRabbit, won } from '../../src/lessons/neuron';
import { mulberry32 } from '../../src/lessons/rng';

describe('loss landscape: the neuron loss over w1 and w2', () => {
  it('has an exact slope (agrees with finite differences)', () => {
    const rand = mulberry32(5);
    for (let i = 0; i < 50; i++) {
      const w: Ball = { w1: MAP.w1[0] + 24 * rand(), w2: MAP.w2[0] + 24 * rand() };
      const g = slope(w);
      const h = 1e-6;
      const d1 = (height({ w1: w.w1 + h, w2: w.w2 }) - height({ w1: w.w1 - h, w2: w.w2 })) / (2 * h);
      const d2 = (height({ w1: w.w1, w2: w.w2 + h }) - height({ w1: w.w1, w2: w.w2 - h })) / (2 * h);
      expect(g.w1).toBeCloseTo(d1, 6);
      expect(g.w2).toBeCloseTo(d2, 6);
    }
  });

  it('has two lakes: a deep one where the neuron sorts every animal, a high one where all are cats', () => {
    for (const lake of [LOWEST, HIGH_LAKE]) {
      expect(Math.hypot(slope(lake).w1, slope(lake).w2)).toBeLessThan(1e-6);
      // A true bottom: every neighbour is higher.
      for (let a = 0; a < 8; a++) {
        const n = { w1: lake.w1 + 0.1 * Math.cos(a), w2: lake.w2 + 0.1 * Math.sin(a) };
        expect(height(n)).toBeGreaterThan(height(lake));
      }
    }
    expect(height(HIGH_LAKE) - height(LOWEST)).toBeGreaterThan(3);
    expect(won({ w1: LOWEST.w1, w2: LOWEST.w2, b: B, activation: 'sigmoid' })).toBe(true);
    expect(
      ANIMALS.some((a) => saysRabbit({ w1: HIGH_LAKE.w1, w2: HIGH_LAKE.w2, b: B, activation: 'sigmoid' }, a)),
    ).toBe(false);
    // The lowest point of the whole map (on a fine grid) is the deep lake.
    let low = Infinity;
    for (let i = 0; i <= 240; i++)
      for (let j = 0; j <= 240; j++)
        low = Math.min(low, height({ w1: MAP.w1[0] + i / 10, w2: MAP.w2[0] + j / 10 }));
    expect(height(LOWEST)).toBeLessThanOrEqual(low + 1e-9);
  });

  it('settles in the deep lake with steps below 2/L and is thrown out of it above 2/L', () => {
    const L = curvature(LOWEST);
    expect(RATES.medium).toBeLessThan(2 / L);
    expect(RATES.big).toBeGreaterThan(2 / L);
    const near: Ball = { w1: LOWEST.w1 + 0.3, w2: LOWEST.w2 - 0.3 };
    const calm = roll(near, 0.9 * (2 / L), 400);
    expect(calm.outcome).toBe('lowest');
    // Above 2/L a ball right next to the bottom does not stay: it never comes within the lake again.
    let w = near;
    let closest = Infinity;
    for (let k = 0; k < 50; k++) {
      const g = slope(w);
      w = { w1: w.w1 - 1.2 * (2 / L) * g.w1, w2: w.w2 - 1.2 * (2 / L) * g.w2 };
      if (k > 5) closest = Math.min(closest, Math.hypot(w.w1 - LOWEST.w1, w.w2 - LOWEST.w2));
    }
    expect(closest).toBeGreaterThan(0.3);
  });
});

describe('loss landscape: rolling the ball', () => {
  const table = (): Record<string, Outcome[]> =>
    Object.fromEntries(
      (Object.keys(RATES) as (keyof typeof RATES)[]).map((r) => [
        r,
        DROPS.map((d) => roll(d, RATES[r]).outcome),
      ]),
    );

  it('shows every lesson: tiny steps crawl, giant ones fly off, a high lake traps, medium ones can win', () => {
    const t = table();
    expect(t.tiny).toEqual(['tooSlow', 'tooSlow', 'tooSlow', 'tooSlow']);
    expect(t.medium).toEqual(['highLake', 'lowest', 'lowest', 'highLake']);
    // Big steps (above 2/L at the deep lake) overshoot it and bounce; giant ones fly off the map.
    expect(t.big).toEqual(['highLake', 'bouncing', 'bouncing', 'highLake']);
    expect(t.giant).toEqual(['highLake', 'flewOff', 'flewOff', 'highLake']);
    // Trapped: left to roll on, the ball would come to rest at the bottom of the high lake.
    const trapped = roll(DROPS[0] as Ball, RATES.medium);
    const end = settle(trapped.path[trapped.path.length - 1] as Ball);
    expect(Math.hypot(end.w1 - HIGH_LAKE.w1, end.w2 - HIGH_LAKE.w2)).toBeLessThan(1e-3);
  });

  it('is not won before a roll, and a search over drops and step sizes finds the win', () => {
    expect(stars(null, 0)).toBe(0);
    for (const d of DROPS) expect(inLowestLake(d)).toBe(false);
    const wins = DROPS.flatMap((d, i) =>
      (Object.keys(RATES) as (keyof typeof RATES)[])
        .map((r) => ({ drop: i, rate: r, roll: roll(d, RATES[r]) }))
        .filter((x) => x.roll.outcome === 'lowest'),
    );
    expect(wins.map((w) => [w.drop, w.rate, w.roll.steps])).toEqual([
      [1, 'medium', 11],
      [2, 'medium', 6],
    ]);
    const best = wins[1]?.roll ?? null;
    expect(stars(best, 1)).toBe(3);
    expect(stars(best, 2)).toBe(2);
    expect(stars(wins[0]?.roll ?? null, 1)).toBe(3);
    expect(stars(roll(DROPS[1] as Ball, 2), 1)).toBe(1);
    expect(roll(DROPS[1] as Ball, RATES.medium).steps).toBeLessThanOrEqual(BUDGET);
  });

  it('every step of a roll goes downhill by the slope (the path is real gradient descent)', () => {
    const r = roll(DROPS[2] as Ball, RATES.medium);
    for (let k = 1; k < r.path.length; k++) {
      const a = r.path[k - 1] as Ball;
      const b = r.path[k] as Ball;
      const g = slope(a);
      expect(b.w1).toBeCloseTo(a.w1 - RATES.medium * g.w1, 12);
      expect(b.w2).toBeCloseTo(a.w2 - RATES.medium * g.w2, 12);
      expect(height(b)).toBeLessThan(height(a));
    }
  });

  it('a ball that reaches the lowest lake rolls on to its bottom, where every animal is sorted, as the level says', () => {
    const sorted = (w: Ball): number => correct(ballNeuron(w)).filter(Boolean).length;
    let wins = 0;
    for (const d of DROPS)
      for (const rate of Object.values(RATES)) {
        const r = roll(d, rate);
        if (r.outcome !== 'lowest') continue;
        wins++;
        const end = r.path[r.path.length - 1] as Ball;
        expect(sorted(end), `${d.w1}, ${d.w2} at ${rate}`).toBe(ANIMALS.length);
        expect(inLowestLake(end)).toBe(true);
        // It lies still there: the slope is gentle.
        expect(Math.hypot(slope(end).w1, slope(end).w2)).toBeLessThan(0.025);
      }
    expect(wins).toBe(2);
    // From hill B the ball enters the lake at its edge, where one rabbit is still wrong.
    const fromB = roll(DROPS[1] as Ball, RATES.medium);
    expect(sorted(fromB.path[fromB.steps] as Ball)).toBe(11);
    expect(fromB.path.length - 1).toBeGreaterThan(fromB.steps);
    // Rolling on is not counted: the steps shown stop at the 11 it took to reach the lake.
    const shown = {
      phase: 'done',
      drop: 1,
      rate: 'medium',
      rolls: 1,
      last: fromB,
      win: fromB,
      winRolls: 1,
    } as const;
    expect(stepsShown({ ...shown, shown: fromB.path.length - 1 })).toBe(11);
    expect(stepsShown({ ...shown, shown: 4 })).toBe(4);
  });
});

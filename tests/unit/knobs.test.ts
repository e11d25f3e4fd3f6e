import { describe, expect, it } from 'vitest';
import {
  COMPUTER_RATE,
  COMPUTER_STEPS,
  KNOB_RANGE,
  KNOB_STEP,
  START,
  TARGET,
  TOWER,
  bend,
  bestKnobs,
  bestOnGrid,
  descend,
  error,
  gradient,
  hessian,
  predict,
  stars,
  steepestCurvature,
  taps,
  tilt,
  won,
  type Knobs,
} from '../../src/lessons/knobs';
import { mulberry32 } from '../../src/lessons/rng';

describe('knobs: the tower and the curve', () => {
  it('measures the fall from each floor as physics says: √(2h/g), rising ever more slowly', () => {
    expect(TOWER).toHaveLength(10);
    expect(TOWER[0]).toEqual({ floor: 1, seconds: 0.78 });
    expect(TOWER[9]).toEqual({ floor: 10, seconds: 2.47 });
    for (let i = 2; i < TOWER.length; i++) {
      const rise = (TOWER[i]?.seconds ?? 0) - (TOWER[i - 1]?.seconds ?? 0);
      const before = (TOWER[i - 1]?.seconds ?? 0) - (TOWER[i - 2]?.seconds ?? 0);
      expect(rise).toBeLessThanOrEqual(before + 0.011);
    }
  });

  it('predicts a + b·tilt + c·bend: tilt runs from −1 to +1, bend is +1 at both ends and −2/3 in the middle', () => {
    expect(tilt(1)).toBeCloseTo(-1, 12);
    expect(tilt(10)).toBeCloseTo(1, 12);
    expect(bend(1)).toBeCloseTo(1, 12);
    expect(bend(10)).toBeCloseTo(1, 12);
    expect(bend(5)).toBeCloseTo(-2 / 3, 12);
    expect(bend(6)).toBeCloseTo(-2 / 3, 12);
    expect(predict([1, 2, 3], 10)).toBeCloseTo(6, 12);
    expect(predict([1, 2, 3], 5)).toBeCloseTo(1 - 2 / 9 - 2, 12);
    // Still a curve of degree two in the floor: its third differences vanish.
    const f = (x: number): number => predict([0.3, -1.2, 0.7], x);
    expect(f(4) - 3 * f(3) + 3 * f(2) - f(1)).toBeCloseTo(0, 12);
  });

  it('has knobs that do not fight: over the ten floors the error has no cross terms', () => {
    const h = hessian(TOWER);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        if (i !== j) expect(Math.abs(h[i]?.[j] ?? NaN), `H[${i}][${j}]`).toBeLessThan(1e-12);
    // So each best knob is its own average: a is the mean fall time.
    const mean = TOWER.reduce((s, p) => s + p.seconds, 0) / TOWER.length;
    expect(bestKnobs(TOWER)[0]).toBeCloseTo(mean, 12);
  });
});

describe('knobs: the error and its slope', () => {
  it('has an exact gradient that agrees with finite differences', () => {
    const rng = mulberry32(11);
    for (let n = 0; n < 20; n++) {
      const k: Knobs = [rng() * 4 - 2, rng() * 4 - 2, rng() * 4 - 2];
      const g = gradient(k, TOWER);
      for (let i = 0; i < 3; i++) {
        const h = 1e-6;
        const nudge = (by: number): Knobs => k.map((v, j) => (j === i ? v + by : v)) as unknown as Knobs;
        const numeric = (error(nudge(h), TOWER) - error(nudge(-h), TOWER)) / (2 * h);
        expect(g[i]).toBeCloseTo(numeric, 4);
      }
    }
  });

  it('finds the best knobs where the gradient vanishes, and nothing nearby is better', () => {
    const best = bestKnobs(TOWER);
    for (const g of gradient(best, TOWER)) expect(Math.abs(g)).toBeLessThan(1e-9);
    const e = error(best, TOWER);
    const rng = mulberry32(5);
    for (let n = 0; n < 50; n++) {
      const k: Knobs = [
        best[0] + (rng() - 0.5) * 0.1,
        best[1] + (rng() - 0.5) * 0.1,
        best[2] + (rng() - 0.5) * 0.1,
      ];
      expect(error(k, TOWER)).toBeGreaterThan(e);
    }
  });
});

describe('knobs: letting the computer turn the knobs', () => {
  const L = steepestCurvature(TOWER);

  it('knows the bowl’s steepest curvature (checked against the Hessian)', () => {
    const h = hessian(TOWER);
    // L·v = H·v for the eigenvector power iteration finds; the trace bounds it from above.
    const trace = (h[0]?.[0] ?? 0) + (h[1]?.[1] ?? 0) + (h[2]?.[2] ?? 0);
    expect(L).toBeGreaterThan(0);
    expect(L).toBeLessThanOrEqual(trace + 1e-9);
    expect(L).toBeGreaterThan(trace / 3);
  });

  it('converges on the best knobs with a step below 2/L', () => {
    const path = descend(START, TOWER, 1.5 / L, 20_000);
    const end = path[path.length - 1] as Knobs;
    expect(error(end, TOWER)).toBeCloseTo(error(bestKnobs(TOWER), TOWER), 8);
    for (let i = 1; i < path.length; i += 997)
      expect(error(path[i] as Knobs, TOWER)).toBeLessThanOrEqual(error(path[i - 1] as Knobs, TOWER) + 1e-12);
  });

  it('takes tiny steps: the error falls at every one of its steps and ends at the best fit', () => {
    const path = descend(START, TOWER, COMPUTER_RATE, COMPUTER_STEPS);
    for (let i = 1; i < path.length; i++)
      expect(error(path[i] as Knobs, TOWER)).toBeLessThan(error(path[i - 1] as Knobs, TOWER));
    // Each knob moves one way only, straight to its best value (no overshoot).
    const best = bestKnobs(TOWER);
    for (let j = 0; j < 3; j++)
      for (let i = 1; i < path.length; i++)
        expect(Math.abs(need(path[i]?.[j]) - need(best[j]))).toBeLessThanOrEqual(
          Math.abs(need(path[i - 1]?.[j]) - need(best[j])),
        );
    expect(error(path[COMPUTER_STEPS] as Knobs, TOWER)).toBeCloseTo(error(best, TOWER), 6);
    // Halfway through it has not arrived yet: the curve glides in over the whole descent.
    expect(error(path[100] as Knobs, TOWER)).toBeGreaterThan(TARGET);
  });

  it('flies off with a step above 2/L', () => {
    const path = descend(START, TOWER, 2.2 / L, 200);
    expect(error(path[200] as Knobs, TOWER)).toBeGreaterThan(1e6 * error(START, TOWER));
  });
});

describe('knobs: winning', () => {
  it('is not won at the start and is won at the best knobs, with three stars', () => {
    expect(won(START)).toBe(false);
    expect(stars(START)).toBe(0);
    const best = bestKnobs(TOWER);
    expect(won(best)).toBe(true);
    expect(stars(best)).toBe(3);
    // The best curve is about 0.02 s off per point: the target (0.05 s) leaves room to play.
    expect(error(best, TOWER)).toBeLessThan(TARGET / 4);
  });

  it('gives three stars at the closest fit the sliders reach, which wins', () => {
    const grid = bestOnGrid();
    expect(grid).toEqual([1.75, 0.8, -0.1]);
    expect(won(grid)).toBe(true);
    expect(stars(grid)).toBe(3);
  });
});

function need(v: number | undefined): number {
  if (v === undefined) throw new Error('missing value');
  return v;
}

/** Every point of the sliders' grid, a knob at a time (81 × 81 × 81). */
function* knobGrid(): Generator<Knobs> {
  const values = KNOB_RANGE.map((r) =>
    Array.from({ length: Math.round((r.max - r.min) / KNOB_STEP) + 1 }, (_, j) =>
      Number((r.min + j * KNOB_STEP).toFixed(2)),
    ),
  ) as [number[], number[], number[]];
  for (const a of values[0]) for (const b of values[1]) for (const c of values[2]) yield [a, b, c];
}

describe('knobs: a child with only the − and + buttons', () => {
  it('is never stuck: wherever the error is above the goal, some single tap lowers it', () => {
    // With the curve written a + b·u + c·u², 157 grid points above the goal had every tap raise
    // the error (one was a = 0.65, b = 2.15, c = −0.25 at error 0.044).
    let points = 0;
    let stuck = 0;
    let bottoms = 0;
    let closest = Infinity;
    for (const k of knobGrid()) {
      points++;
      const e = error(k, TOWER);
      closest = Math.min(closest, e);
      if (taps(k).some((t) => error(t, TOWER) < e)) continue;
      bottoms++;
      if (e >= TARGET) stuck++;
    }
    expect(points).toBe(81 ** 3);
    expect(stuck).toBe(0);
    // The only point where no tap helps is the bottom of the bowl, the sliders' closest fit.
    expect(bottoms).toBe(1);
    expect(closest).toBeCloseTo(error(bestOnGrid(), TOWER), 12);
    expect(taps([0.65, 2.15, -0.25]).some((t) => error(t, TOWER) < error([0.65, 2.15, -0.25], TOWER))).toBe(
      true,
    );
  });

  it('reaches the goal from the start by tapping whichever button lowers the error (first, best or any)', () => {
    const rng = mulberry32(12);
    const pick: Record<string, (better: Knobs[], k: Knobs) => Knobs> = {
      first: (better) => better[0] as Knobs,
      best: (better) => better.reduce((x, y) => (error(y, TOWER) < error(x, TOWER) ? y : x)),
      any: (better) => better[Math.floor(rng() * better.length)] as Knobs,
    };
    for (const [name, choose] of Object.entries(pick))
      for (let run = 0; run < (name === 'any' ? 50 : 1); run++) {
        let k = START;
        let n = 0;
        for (;;) {
          const e = error(k, TOWER);
          const better = taps(k).filter((t) => error(t, TOWER) < e);
          if (better.length === 0) break;
          k = choose(better, k);
          n++;
        }
        expect(won(k), `${name}: ${k.join(', ')}`).toBe(true);
        expect(k, name).toEqual(bestOnGrid());
        // 35 taps of a, 16 of b, 2 of c: every tap a step closer.
        expect(n, name).toBe(53);
      }
  });
});

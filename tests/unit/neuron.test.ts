import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  ANIMALS,
  SLIDER,
  START,
  activate,
  correct,
  loss,
  lossGradient,
  nearest,
  nearestByNeurons,
  nearestPart,
  area,
  CENTRES,
  PART_KINDS,
  output,
  saysRabbit,
  sortHint,
  stars,
  won,
  type Neuron,
} from '../../src/lessons/neuron';
import { mulberry32 } from '../../src/lessons/rng';

describe('neuron: f(w·x + b)', () => {
  it('computes the four activations', () => {
    expect([-1, 0, 2].map((v) => activate('step', v))).toEqual([0, 0, 1]);
    expect([-1, 0, 2].map((v) => activate('relu', v))).toEqual([0, 0, 2]);
    expect(activate('sigmoid', 0)).toBe(0.5);
    expect(activate('sigmoid', 10)).toBeCloseTo(1, 4);
    expect(activate('tanh', 0)).toBe(0);
    expect(activate('tanh', -10)).toBeCloseTo(-1, 6);
  });

  it('divides the plane on the same line whatever the activation', () => {
    const n: Neuron = { w1: 3, w2: -2, b: -0.5, activation: 'step' };
    for (const activation of ACTIVATIONS)
      for (const a of ANIMALS) {
        const o = output({ ...n, activation }, a.ears, a.tail);
        const threshold = activation === 'tanh' ? 0 : activation === 'relu' ? 0 : 0.5;
        expect(o > threshold || (activation === 'step' && o === 1)).toBe(saysRabbit(n, a));
      }
  });
});

describe('neuron: winning', () => {
  it('does not start won, and a search over the sliders finds winning settings', () => {
    expect(won(START)).toBe(false);
    expect(stars(START)).toBe(0);
    // Every slider setting (−10…10 in steps of 0.5): the search finds those that sort all twelve.
    const wins: Neuron[] = [];
    for (let w1 = SLIDER.min; w1 <= SLIDER.max; w1 += SLIDER.step)
      for (let w2 = SLIDER.min; w2 <= SLIDER.max; w2 += SLIDER.step)
        for (let b = SLIDER.min; b <= SLIDER.max; b += SLIDER.step) {
          const n: Neuron = { w1, w2, b, activation: 'sigmoid' };
          if (won(n)) wins.push(n);
        }
    expect(wins.length).toBeGreaterThan(10);
    // With room to spare and the sigmoid sure of every animal: three stars are reachable.
    const best = wins.reduce((a, n) => (stars(n) > stars(a) ? n : a));
    expect(stars(best)).toBe(3);
    expect(stars({ ...best, activation: 'step' })).toBe(2);
  });

  it('marks each animal right or wrong', () => {
    const rabbitsOnly: Neuron = { w1: 0, w2: 0, b: 1, activation: 'step' };
    expect(correct(rabbitsOnly)).toEqual(ANIMALS.map((a) => a.rabbit === 1));
  });
});

describe('neuron: the loss the landscape shows', () => {
  it('has an exact gradient that agrees with finite differences', () => {
    const rng = mulberry32(3);
    for (let k = 0; k < 20; k++) {
      const n = { w1: rng() * 10 - 5, w2: rng() * 10 - 5, b: rng() * 10 - 5 };
      const g = lossGradient(n);
      const h = 1e-6;
      for (const key of ['w1', 'w2', 'b'] as const) {
        const numeric = (loss({ ...n, [key]: n[key] + h }) - loss({ ...n, [key]: n[key] - h })) / (2 * h);
        expect(g[key]).toBeCloseTo(numeric, 5);
      }
    }
  });

  it('is lower where the neuron sorts the animals than at the start', () => {
    expect(loss({ w1: 8, w2: -8, b: 0 })).toBeLessThan(loss(START) / 10);
  });
});

describe('neuron: the nearest-point network', () => {
  it('names the closest of the centres', () => {
    const centres = [
      [0, 0],
      [1, 0],
      [0, 1],
    ] as const;
    expect(nearest(0.1, 0.1, centres)).toBe(0);
    expect(nearest(0.9, 0.2, centres)).toBe(1);
    expect(nearest(0.2, 0.7, centres)).toBe(2);
  });
});

describe('neuron: the nearest-point network', () => {
  it('gives the same answer as measuring distances, everywhere on the plane', () => {
    const rand = mulberry32(11);
    for (let i = 0; i < 2000; i++) {
      const x = rand();
      const y = rand();
      expect(nearestByNeurons(x, y)).toBe(nearest(x, y, CENTRES));
    }
    // Each point is its own nearest.
    CENTRES.forEach(([x, y], i) => expect(nearestByNeurons(x, y)).toBe(i));
  });

  it('keeps the animals: the rabbits’ point’s part holds every rabbit, the cats’ every cat, the third none', () => {
    expect(PART_KINDS).toEqual(['rabbit', 'cat', 'third']);
    for (const a of ANIMALS)
      expect(PART_KINDS[nearestByNeurons(a.ears, a.tail)]).toBe(a.rabbit ? 'rabbit' : 'cat');
    // The third part is the empty corner of short ears and short tails.
    expect(PART_KINDS[nearestByNeurons(0.05, 0.05)]).toBe('third');
  });

  it('draws each part as an exact polygon: straight edges halfway between points, filling the square', () => {
    const parts = CENTRES.map((_, i) => nearestPart(i));
    expect(parts.reduce((s, p) => s + area(p), 0)).toBeCloseTo(1, 12);
    parts.forEach((poly, i) => {
      expect(poly.length).toBeGreaterThanOrEqual(3);
      for (const [x, y] of poly) {
        // Every corner is at least as close to its own point as to any other (on an edge: as close).
        const own = Math.hypot(x - (CENTRES[i]?.[0] ?? 0), y - (CENTRES[i]?.[1] ?? 0));
        for (const [cx, cy] of CENTRES) expect(own).toBeLessThanOrEqual(Math.hypot(x - cx, y - cy) + 1e-12);
        expect(x >= -1e-12 && x <= 1 + 1e-12 && y >= -1e-12 && y <= 1 + 1e-12).toBe(true);
      }
      // Its middle is nearest to its point, as the network says.
      const mx = poly.reduce((s, p) => s + p[0], 0) / poly.length;
      const my = poly.reduce((s, p) => s + p[1], 0) / poly.length;
      expect(nearestByNeurons(mx, my)).toBe(i);
    });
    // The polygons agree with the network spot by spot: a part's share of a fine grid is its area.
    const n = 200;
    const counts = [0, 0, 0];
    for (let x = 0; x < n; x++)
      for (let y = 0; y < n; y++) {
        const k = nearestByNeurons((x + 0.5) / n, (y + 0.5) / n);
        counts[k] = (counts[k] ?? 0) + 1;
      }
    counts.forEach((c, i) => expect(c / n ** 2).toBeCloseTo(area(parts[i] ?? []), 2));
  });
});

describe('neuron: the hint when every animal is on one side', () => {
  const values: number[] = [];
  for (let v = SLIDER.min; v <= SLIDER.max; v += SLIDER.step) values.push(v);
  const splits = (w1: number, w2: number, b: number): boolean =>
    new Set(ANIMALS.map((a) => saysRabbit({ w1, w2, b, activation: 'step' }, a))).size > 1;

  it('says one knob alone cannot sort, wherever one knob alone leaves 6 of 12 right, and the others split them', () => {
    expect(sortHint(START)).toBeNull();
    let settings = 0;
    for (const knob of ['w1', 'w2', 'b'] as const)
      for (const v of values) {
        if (v === 0) continue;
        const n: Neuron = { ...START, [knob]: v };
        settings++;
        expect(correct(n).filter(Boolean).length, `${knob} = ${v}`).toBe(6);
        expect(sortHint(n), `${knob} = ${v}`).toBe('oneKnob');
        // “Turn the other knobs too!”: some values of the other two put animals on both sides.
        const [p, q] = (['w1', 'w2', 'b'] as const).filter((o) => o !== knob) as [
          'w1' | 'w2' | 'b',
          'w1' | 'w2' | 'b',
        ];
        const helped = values.some((u) =>
          values.some((w) => {
            const m = { ...n, [p]: u, [q]: w };
            return splits(m.w1, m.w2, m.b);
          }),
        );
        expect(helped, `${knob} = ${v}`).toBe(true);
      }
    expect(settings).toBe(120);
  });

  it('over every slider setting: the hint shows exactly where all twelve are on one side, and says what moves the line', () => {
    let oneSide = 0;
    for (const w1 of values)
      for (const w2 of values)
        for (const b of values) {
          const n = { w1, w2, b };
          const hint = sortHint(n);
          const turned = [w1, w2, b].filter((v) => v !== 0).length;
          expect(hint !== null, `${w1}, ${w2}, ${b}`).toBe(turned > 0 && !splits(w1, w2, b));
          if (hint !== 'oneSide') continue;
          oneSide++;
          expect(turned).toBeGreaterThan(1);
          // “Slide the line with b, or tilt it with w1 and w2.”
          const moved =
            values.some((u) => splits(w1, w2, u)) || values.some((u) => values.some((v) => splits(u, v, b)));
          expect(moved, `${w1}, ${w2}, ${b}`).toBe(true);
        }
    expect(oneSide).toBeGreaterThan(0);
  }, 60_000);
});

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
  CENTRES,
  output,
  saysRabbit,
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
});

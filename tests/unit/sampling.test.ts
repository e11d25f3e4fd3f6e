import { describe, expect, it } from 'vitest';
import { argmax, sample, softmax, topK } from '../../src/lm/sampling';
import { mulberry32 } from '../../src/lessons/rng';

const logits = [2.0, 1.0, 0.5, -1.0, 0.0, 1.5];

describe('softmax and temperature', () => {
  it('sums to 1 and keeps the order of the logits', () => {
    const p = softmax(logits);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(argmax(p)).toBe(0);
    expect(p[0]).toBeCloseTo(Math.exp(2) / logits.reduce((s, l) => s + Math.exp(l), 0), 12);
  });

  it('reshapes probabilities as p^(1/T): low T sharpens, high T flattens', () => {
    const p1 = softmax(logits, 1);
    const p05 = softmax(logits, 0.5);
    const z = p1.reduce((s, p) => s + p ** 2, 0);
    p05.forEach((p, i) => expect(p).toBeCloseTo((p1[i] as number) ** 2 / z, 12));
    expect(softmax(logits, 0.1)[0]).toBeGreaterThan(0.99);
    const flat = softmax(logits, 100);
    expect(Math.max(...flat) - Math.min(...flat)).toBeLessThan(0.01);
  });

  it('stays finite for huge logits', () => {
    const p = softmax([1000, 999, -1000]);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(p.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('sampling', () => {
  it('temperature → 0 is the argmax', () => {
    for (let seed = 1; seed < 50; seed++) expect(sample(logits, 0, mulberry32(seed))).toBe(0);
    expect(sample(logits, 0.0001, mulberry32(3))).toBe(0);
  });

  it('the same seed gives the same draws', () => {
    const draw = (seed: number) => {
      const rng = mulberry32(seed);
      return Array.from({ length: 50 }, () => sample(logits, 1, rng));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('at T = 1 the frequencies of 10,000 seeded draws fit the softmax (chi-square)', () => {
    const p = softmax(logits);
    const counts = new Array(logits.length).fill(0);
    const rng = mulberry32(2024);
    const n = 10_000;
    for (let i = 0; i < n; i++) counts[sample(logits, 1, rng)]++;
    const chi2 = counts.reduce((s, c, i) => s + (c - n * (p[i] as number)) ** 2 / (n * (p[i] as number)), 0);
    // 5 degrees of freedom: P(chi2 > 20.5) ≈ 0.001.
    expect(chi2).toBeLessThan(20.5);
  });

  it('never draws an excluded token, and top-k lists the most likely first', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 2000; i++) expect(sample(logits, 2, rng, new Set([0, 5]))).not.toBe(0);
    expect(topK(softmax(logits), 3).map((r) => r.id)).toEqual([0, 5, 1]);
    expect(topK(softmax(logits), 2, new Set([0])).map((r) => r.id)).toEqual([5, 1]);
  });
});

describe('top-k', () => {
  it('agrees with a full sort on random distributions', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 300);
      // Few distinct values, so ties happen: ties go to the smaller id.
      const probs = Array.from({ length: n }, () => Math.floor(rng() * 20) / 20);
      const k = Math.floor(rng() * 12);
      const expected = probs
        .map((p, id) => ({ id, p }))
        .sort((a, b) => b.p - a.p || a.id - b.id)
        .slice(0, k);
      expect(topK(probs, k)).toEqual(expected);
    }
  });
});

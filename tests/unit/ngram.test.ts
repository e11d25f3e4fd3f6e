import { describe, expect, it } from 'vitest';
import { KneserNey, KneserNeyBigram } from '../../src/lm/ngram';

describe('Kneser–Ney bigram', () => {
  const train = [0, 1, 2, 1, 2, 1, 3, 0, 1, 2, 4, 1, 2];
  const lm = new KneserNeyBigram(6, train);

  it('gives every history a proper distribution that sums to 1', () => {
    for (let v = 0; v < 6; v++) {
      let sum = 0;
      for (let w = 0; w < 6; w++) {
        const p = lm.prob(v, w);
        expect(p).toBeGreaterThan(0);
        sum += p;
      }
      expect(sum).toBeCloseTo(1, 10);
    }
  });

  it('prefers seen continuations and ranks by continuation counts after an unseen history', () => {
    expect(lm.prob(1, 2)).toBeGreaterThan(lm.prob(1, 3));
    expect(lm.prob(1, 3)).toBeGreaterThan(lm.prob(1, 5));
    // Token 1 follows three different tokens, token 4 only one: Pcont(1) > Pcont(4).
    expect(lm.prob(5, 1)).toBeGreaterThan(lm.prob(5, 4));
  });

  it('has lower perplexity on text like its training text than on shuffled text', () => {
    const like = [0, 1, 2, 1, 2, 1, 2];
    const unlike = [2, 0, 4, 3, 5, 0, 3];
    expect(lm.perplexity(like)).toBeLessThan(lm.perplexity(unlike));
    expect(lm.perplexity(like)).toBeGreaterThan(1);
  });
});

describe('interpolated Kneser–Ney n-gram with modified discounts', () => {
  // A small text with repeats, so every count-of-count n1 … n4 is there at each order.
  const text = 'abcabdabcabcdeabcabdbcaeabcdabceabdacbabcabcadbe'.repeat(3) + 'edcba';
  const ids = [...text].map((c) => c.charCodeAt(0) - 97);
  const V = 7;

  it('gives every context a proper distribution that sums to 1, at every order', () => {
    for (const order of [1, 2, 3, 5]) {
      const lm = new KneserNey(V, ids, order);
      for (const context of [[], [0], [0, 1], [2, 0, 1], [4, 3, 2, 1], [6, 6, 6, 6], [0, 1, 2, 3]]) {
        let sum = 0;
        for (let w = 0; w < V; w++) {
          const p = lm.prob(context, w);
          expect(p).toBeGreaterThan(0);
          sum += p;
        }
        expect(sum).toBeCloseTo(1, 10);
      }
    }
  });

  it('estimates three discounts per order from the count-of-counts, each within its count', () => {
    const lm = new KneserNey(V, ids, 3);
    for (const { d1, d2, d3 } of lm.discounts) {
      expect(d1).toBeGreaterThan(0);
      expect(d1).toBeLessThanOrEqual(1);
      expect(d2).toBeLessThanOrEqual(2);
      expect(d3).toBeLessThanOrEqual(3);
    }
  });

  it('matches the formula by hand for a unigram model', () => {
    // Order 1: P(w) = max(c(w) − D(c), 0) / N + γ / V, with the raw counts.
    const lm = new KneserNey(3, [0, 0, 1], 1);
    const { d1, d2 } = lm.discounts[0] as { d1: number; d2: number };
    const gamma = (d1 + d2) / 3;
    expect(lm.prob([], 0)).toBeCloseTo((2 - d2) / 3 + gamma / 3, 12);
    expect(lm.prob([], 2)).toBeCloseTo(gamma / 3, 12);
  });

  it('a longer context helps on text like its training text and the 5-gram beats the bigram', () => {
    const five = new KneserNey(V, ids, 5);
    const two = new KneserNey(V, ids, 2);
    const like = [...'abcabdabcabcde'].map((c) => c.charCodeAt(0) - 97);
    expect(five.perplexity(like)).toBeLessThan(two.perplexity(like));
    // After "a b" the text always has c or d: both far above e.
    expect(five.prob([0, 1], 2)).toBeGreaterThan(five.prob([0, 1], 4));
  });

  it('refuses an order whose context keys would not fit a number', () => {
    expect(() => new KneserNey(70000, [1, 2, 3], 5)).toThrow(RangeError);
  });
});

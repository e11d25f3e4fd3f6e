import { describe, expect, it } from 'vitest';
import { KneserNeyBigram } from '../../src/lm/ngram';

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

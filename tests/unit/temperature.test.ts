import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  MATCH,
  check,
  entropyBits,
  judge,
  label,
  repetition,
  reshape,
  startMatch,
  stars,
  surprise,
} from '../../src/lessons/temperature';
import { mulberry32 } from '../../src/lessons/rng';
import { softmax } from '../../src/lm/sampling';

const probs = [0.5, 0.25, 0.15, 0.1];

describe('temperature: reshaping the chances', () => {
  it('leaves the model’s chances alone at T = 1 and matches softmax(logits / T)', () => {
    expect(Array.from(reshape(probs, 1))).toEqual(probs);
    const logits = [2, 1.3, 0.2, -1];
    const base = softmax(logits, 1);
    for (const t of [0.3, 0.8, 1.7, 2]) {
      const want = softmax(logits, t);
      reshape(base, t).forEach((p, i) => expect(p).toBeCloseTo(want[i] as number, 12));
    }
  });

  it('keeps only the favourite at T = 0 and spreads the chances as T grows', () => {
    expect(Array.from(reshape(probs, 0))).toEqual([1, 0, 0, 0]);
    const h = [0.2, 0.5, 1, 1.5, 2].map((t) => entropyBits(reshape(probs, t)));
    for (let i = 1; i < h.length; i++) expect(h[i]).toBeGreaterThan(h[i - 1] as number);
    expect(entropyBits(reshape(probs, 1000))).toBeCloseTo(2, 2);
    const sum = reshape(probs, 0.8).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('keeps the order of the words and leaves impossible words impossible', () => {
    const r = reshape([0.6, 0, 0.4], 1.7);
    expect(r[1]).toBe(0);
    expect(r[0]).toBeGreaterThan(r[2] as number);
  });
});

describe('temperature: judging a text', () => {
  it('finds repeated triples and ignores a text with none', () => {
    const loop = 'the dog ran and the dog ran and the dog ran'.split(' ');
    // 9 triples, 4 different: 5 of them seen before.
    expect(repetition(loop)).toBeCloseTo(5 / 9, 12);
    expect(repetition('once upon a time a girl sang'.split(' '))).toBe(0);
    expect(repetition(['a'])).toBe(0);
  });

  it('measures surprise in bits per token', () => {
    expect(surprise([0.5, 0.5])).toBeCloseTo(1, 12);
    expect(surprise([0.25])).toBeCloseTo(2, 12);
    expect(surprise([])).toBe(0);
  });

  it('says repeats, falls apart or just right', () => {
    const limits = LIMITS.en;
    const loop = 'the dog ran and the dog ran and the dog ran'.split(' ');
    expect(
      judge(
        loop,
        loop.map(() => 0.9),
        limits,
      ),
    ).toBe('repeats');
    const fresh = 'once upon a time a girl sang to her cat'.split(' ');
    expect(
      judge(
        fresh,
        fresh.map(() => 0.001),
        limits,
      ),
    ).toBe('fallsApart');
    expect(
      judge(
        fresh,
        fresh.map(() => 0.2),
        limits,
      ),
    ).toBe('justRight');
  });
});

describe('temperature: the matching challenge', () => {
  it('is won by labelling each text with the temperature that wrote it', () => {
    let m = startMatch(mulberry32(3));
    expect([...m.order].sort()).toEqual([0, 1, 2]);
    expect(check(m).state.solved).toBe(false);
    // The same label on two texts: allowed until the check, which marks the wrong one.
    m = label(m, 0, 'boring');
    m = label(m, 1, 'boring');
    expect(m.answers).toEqual(['boring', 'boring', null]);
    expect(check(m).right.filter(Boolean).length).toBeLessThanOrEqual(1);
    m.order.forEach((which, pos) => (m = label(m, pos, (MATCH[which] as (typeof MATCH)[number]).label)));
    const { state, right } = check(m);
    expect(right).toEqual([true, true, true]);
    expect(state.solved).toBe(true);
    expect(state.checks).toBe(1);
    expect(label(state, 0, 'nonsense')).toBe(state);
  });

  it('gives ★ for both challenges, ★★ for a first-time match, ★★★ when a good story came within 3 writes', () => {
    let m = startMatch(mulberry32(1));
    m.order.forEach((which, pos) => (m = label(m, pos, (MATCH[which] as (typeof MATCH)[number]).label)));
    const once = check(m).state;
    expect(stars(once, null)).toBe(0);
    expect(stars(once, 2)).toBe(3);
    expect(stars(once, 4)).toBe(2);
    const twice = check(check(label(m, 0, m.answers[1] as 'boring')).state).state;
    expect(stars({ ...twice, solved: true }, 1)).toBe(1);
    expect(stars(startMatch(mulberry32(1)), 1)).toBe(0);
  });
});

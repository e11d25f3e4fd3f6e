import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  EXAMPLE_TRIES,
  MATCH,
  check,
  exampleSeed,
  findSeed,
  showsLabel,
  entropyBits,
  judge,
  label,
  repeatedPhrase,
  reshape,
  startMatch,
  stars,
  surprise,
} from '../../src/lessons/temperature';
import { mulberry32 } from '../../src/lessons/rng';
import { softmax } from '../../src/lm/sampling';
import { tokenize } from '../../src/lm/tokenizer';

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
  it('catches a phrase said twice: the story the issue saw judged "just right"', () => {
    const story = tokenize(
      'en',
      'went to the park to the park. she was so happy and was so happy to play with her ball.',
    );
    expect(repeatedPhrase(story, LIMITS.en)).toEqual(['to', 'the', 'park']);
    expect(
      judge(
        story,
        story.map(() => 0.3),
        LIMITS.en,
      ),
    ).toBe('repeats');
    // Two words said again right away count too; three words again count anywhere.
    expect(repeatedPhrase(tokenize('en', 'lily felt so happy and was so happy.'), LIMITS.en)).toEqual([
      'so',
      'happy',
    ]);
    const far = tokenize('en', 'the dog ran to the big tree. then a cat sat down and the dog ran home.');
    expect(repeatedPhrase(far, LIMITS.en)).toEqual(['the', 'dog', 'ran']);
  });

  it('lets a story use the same two words far apart, and never counts marks as a phrase', () => {
    const story = tokenize(
      'en',
      'lily saw a bird. she was very happy. one day, lily found a red ball and she was glad.',
    );
    expect(repeatedPhrase(story, LIMITS.en)).toBeNull();
    // ". ." and ", she" are no phrase: a phrase is words, and never runs across a mark.
    expect(repeatedPhrase(tokenize('en', 'yes. no. yes, she ran. no, she sat.'), LIMITS.en)).toBeNull();
    expect(repeatedPhrase([], LIMITS.en)).toBeNull();
    expect(repeatedPhrase(['a'], LIMITS.en)).toBeNull();
  });

  it('in Chinese: four 字 said twice, or three again right away; a name said twice is fine', () => {
    expect(repeatedPhrase(tokenize('zh', '小的尾巴特别的尾巴特别的，只是一只小鸟。'), LIMITS.zh)).toEqual([
      ...'的尾巴特',
    ]);
    expect(repeatedPhrase(tokenize('zh', '它们不清楚楚楚楚。'), LIMITS.zh)).toEqual([...'楚楚楚']);
    const names = tokenize('zh', '小兔子在草地上跑。妈妈看见了小兔子，笑了。');
    expect(repeatedPhrase(names, LIMITS.zh)).toBeNull();
    expect(
      judge(
        names,
        names.map(() => 0.2),
        LIMITS.zh,
      ),
    ).toBe('justRight');
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
  it('never shows a "just right" example that its own check says repeats itself', () => {
    const justRight = MATCH.findIndex((m) => m.label === 'justRight');
    const words = tokenize(
      'en',
      'one day tom went to the park with his mom . he saw a big box with a big box .',
    );
    const calm = words.map(() => 0.2);
    // "with a big box" twice: the level's check calls it repeating, so it is not shown as just right.
    expect(judge(words, calm, LIMITS.en)).toBe('repeats');
    expect(showsLabel('en', justRight, words, calm)).toBe(false);
    const fine = tokenize('en', 'one day tom went to the park with his mom . he saw a big red kite .');
    expect(
      showsLabel(
        'en',
        justRight,
        fine,
        fine.map(() => 0.2),
      ),
    ).toBe(true);
    // The boring and the nonsense examples show what they show, whatever the check says.
    for (const [i, m] of MATCH.entries())
      if (m.label !== 'justRight') expect(showsLabel('en', i, words, calm)).toBe(true);
  });

  it('tries the examples with seeds no write of step 2 uses', () => {
    for (const seed of [0, 1, 7, 1000]) {
      const tried = Array.from({ length: EXAMPLE_TRIES }, (_, k) => exampleSeed(seed, k));
      expect(tried[0]).toBe(seed);
      expect(new Set(tried).size).toBe(EXAMPLE_TRIES);
      // Step 2 writes with findSeed(seed) and every seed after it ("again").
      for (const s of tried) expect(s).toBeLessThan(findSeed(seed));
    }
  });

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

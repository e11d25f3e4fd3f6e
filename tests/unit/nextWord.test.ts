import { describe, expect, it } from 'vitest';
import {
  bars,
  checkTyped,
  extend,
  isTileToken,
  isWordToken,
  makeTiles,
  percent,
  points,
  rate,
  readable,
  shownToken,
  score,
  starsFor,
  type Candidate,
  type Rating,
} from '../../src/lessons/nextWord';
import { mulberry32 } from '../../src/lessons/rng';
import { readFileSync } from 'node:fs';
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import zhCommon from '../../locales/zh/common.json' with { type: 'json' };

/** A made-up ranking: a few likely words, punctuation, the end of the story, then a long tail. */
function ranking(lang: 'en' | 'zh'): Candidate[] {
  const head =
    lang === 'en'
      ? ['dog', '.', 'cat', 'bird', 'girl', '<eos>', 'boy']
      : ['猫', '。', '狗', '鸟', '兔', '<eos>', '熊'];
  const tail = Array.from({ length: 900 }, (_, i) =>
    lang === 'en'
      ? `w${'abcdefghij'[i % 10]}${'abcdefghij'[Math.floor(i / 10) % 10]}${'abcdefghij'[Math.floor(i / 100)]}`
      : String.fromCodePoint(0x4e00 + i),
  );
  const tokens = [...head, ...tail];
  const weights = tokens.map((_, i) => 1 / (i + 1) ** 1.5);
  const total = weights.reduce((a, b) => a + b, 0);
  return tokens.map((token, i) => ({ id: 4 + i, token, p: (weights[i] as number) / total }));
}

describe('next-word: scoring a pick against the favourite', () => {
  it('rates by the ratio p(pick) / p(favourite)', () => {
    expect(rate(0.3, 0.3)).toBe('favourite');
    expect(rate(0.1, 0.3)).toBe('likely');
    expect(rate(0.01, 0.3)).toBe('possible');
    expect(rate(0.001, 0.3)).toBe('surprising');
    expect(rate(0.1, 0)).toBe('surprising');
    expect((['favourite', 'likely', 'possible', 'surprising'] as Rating[]).map(points)).toEqual([3, 2, 1, 0]);
  });

  it('gives stars for points over five rounds, none before the end', () => {
    expect(starsFor(['favourite', 'favourite'])).toBe(0);
    expect(starsFor(['favourite', 'favourite', 'favourite', 'favourite', 'favourite'])).toBe(3);
    expect(starsFor(['favourite', 'favourite', 'favourite', 'favourite', 'surprising'])).toBe(3);
    expect(starsFor(['likely', 'likely', 'likely', 'likely', 'surprising'])).toBe(2);
    expect(starsFor(['surprising', 'surprising', 'possible', 'possible', 'surprising'])).toBe(1);
  });

  it('takes the likeliest word or mark as the favourite, never the end of the story', () => {
    const r = ranking('en').map((c) => (c.token === '<eos>' ? { ...c, p: 0.9 } : c));
    r.sort((a, b) => b.p - a.p);
    const result = score('en', 'The', r, (r.find((c) => c.token === 'dog') as Candidate).id);
    expect(result.favourite.token).toBe('dog');
    expect(result.rating).toBe('favourite');
    expect(result.rank).toBe(2);
    expect(() => score('en', 'The', r, 99999)).toThrow();
  });
});

describe('next-word: tiles', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`offer the favourite, two more likely ones and two unlikely words (${lang}), the same for the same seed`, () => {
      const r = ranking(lang);
      const tiles = makeTiles(lang, r, mulberry32(7));
      expect(tiles).toHaveLength(5);
      expect(new Set(tiles.map((t) => t.id)).size).toBe(5);
      expect(tiles.map((t) => t.token)).toContain(r[0]?.token);
      const rank = (t: Candidate) => r.findIndex((c) => c.id === t.id);
      expect(tiles.filter((t) => rank(t) <= 6)).toHaveLength(3);
      expect(tiles.filter((t) => rank(t) >= 150)).toHaveLength(2);
      for (const t of tiles) {
        expect(isTileToken(lang, t.token)).toBe(true);
        expect(t.token).not.toBe('<eos>');
      }
      expect(makeTiles(lang, r, mulberry32(7))).toEqual(tiles);
      expect(makeTiles(lang, r, mulberry32(8))).not.toEqual(tiles);
    });
  }
});

describe('next-word: a typed word', () => {
  const known = (t: string) => ['happy', "don't", '猫', '小', '妈妈', '妈'].includes(t);
  it('accepts one known word, in Chinese a word of the model (妈妈) or a 字', () => {
    expect(checkTyped('en', '  Happy ', known)).toEqual({ ok: true, token: 'happy' });
    expect(checkTyped('zh', '猫', known)).toEqual({ ok: true, token: '猫' });
    expect(checkTyped('zh', ' 妈妈 ', known)).toEqual({ ok: true, token: '妈妈' });
    expect(checkTyped('zh', '猫', () => false)).toEqual({ ok: false, problem: 'unknown' });
  });

  it('says kindly what is wrong with empty, long, emoji, several and unknown words', () => {
    const problem = (lang: 'en' | 'zh', s: string) => {
      const c = checkTyped(lang, s, known);
      return c.ok ? null : c.problem;
    };
    expect(problem('en', '   ')).toBe('empty');
    expect(problem('en', 'a'.repeat(25))).toBe('tooLong');
    expect(problem('en', 'big dog')).toBe('tooLong');
    expect(problem('en', '🐸')).toBe('notAWord');
    expect(problem('en', '42')).toBe('notAWord');
    expect(problem('en', 'zorblax')).toBe('unknown');
    expect(problem('en', "don't")).toBe('contraction');
    // Two 字 the model knows, but not as one word of it.
    expect(problem('zh', '小猫')).toBe('severalWords');
    expect(problem('zh', '小狗')).toBe('unknown');
    expect(problem('zh', '🐱')).toBe('notAWord');
    expect(problem('zh', 'a')).toBe('notAWord');
    expect(problem('zh', '')).toBe('empty');
  });
});

describe('next-word: the sentence and the bars', () => {
  it('adds a word with a space, punctuation and Chinese words without', () => {
    expect(extend('en', 'The dog', 'ran')).toBe('The dog ran');
    expect(extend('en', 'The dog ran', '.')).toBe('The dog ran.');
    expect(extend('en', 'The dog ran', ',')).toBe('The dog ran,');
    expect(extend('zh', '小狗', '跑')).toBe('小狗跑');
    expect(extend('zh', '小狗', '跑过去')).toBe('小狗跑过去');
  });

  it('show the top ten, and the pick as an eleventh bar when it is not among them', () => {
    const r = ranking('en');
    const inTop = bars(r, (r[3] as Candidate).id);
    expect(inTop).toHaveLength(10);
    expect(inTop.filter((b) => b.picked).map((b) => b.token)).toEqual([r[3]?.token]);
    expect(inTop[0]?.favourite).toBe(true);
    const far = r[300] as Candidate;
    const withExtra = bars(r, far.id);
    expect(withExtra).toHaveLength(11);
    expect(withExtra[10]).toMatchObject({ id: far.id, p: far.p, picked: true });
    expect(bars(r, null)).toHaveLength(10);
  });

  it('prints probabilities as a child reads them', () => {
    expect(percent(0.456)).toBe('46%');
    expect(percent(0.0456)).toBe('4.6%');
    expect(percent(0.0004)).toBe('<0.1%');
    expect(percent(0)).toBe('0%');
  });
});

describe('next-word: the model text on screen', () => {
  it('starts English sentences and "I" with a capital, and leaves Chinese alone', () => {
    expect(readable('en', 'the dog ran. they had fun! "yes," said mom. i think i\'m happy')).toBe(
      'The dog ran. They had fun! "Yes," said mom. I think I\'m happy',
    );
    expect(readable('en', 'Lily went to the park. it was sunny')).toBe('Lily went to the park. It was sunny');
    expect(readable('en', 'a big idea is in it')).toBe('A big idea is in it');
    expect(readable('zh', '小狗跑了。它很开心')).toBe('小狗跑了。它很开心');
  });

  it('writes names with their capital, and starts what is said in quotes with one', () => {
    const story = "one day, lily and ralph went to the park. lily's dog said, \"let's go!\" ben didn't.";
    const shown = readable('en', story);
    expect(shown).toBe(
      "One day, Lily and Ralph went to the park. Lily's dog said, \"Let's go!\" Ben didn't.",
    );
    expect(shown).toHaveLength(story.length);
    // Only whole lower-case words: a word the player typed in capitals, and parts of words, stay.
    expect(readable('en', 'the ZORBLAX saw bent benches')).toBe('The ZORBLAX saw bent benches');
  });
});

describe('next-word: a token as a tile or a bar shows it', () => {
  it('says a mark in words, writes a word as the screen does, and the end of the story as the end', () => {
    expect(shownToken('en', '.')).toEqual({ kind: 'mark', name: 'fullStop', mark: '.' });
    expect(shownToken('en', ',')).toEqual({ kind: 'mark', name: 'comma', mark: ',' });
    expect(shownToken('en', '!')).toEqual({ kind: 'mark', name: 'exclamation', mark: '!' });
    expect(shownToken('zh', '。')).toEqual({ kind: 'mark', name: 'fullStop', mark: '。' });
    expect(shownToken('zh', '“')).toEqual({ kind: 'mark', name: 'openQuote', mark: '“' });
    expect(shownToken('en', 'lily')).toEqual({ kind: 'word', text: 'Lily' });
    expect(shownToken('en', 'i')).toEqual({ kind: 'word', text: 'I' });
    expect(shownToken('en', 'dog')).toEqual({ kind: 'word', text: 'dog' });
    expect(shownToken('en', "'s")).toEqual({ kind: 'word', text: "'s" });
    expect(shownToken('zh', '猫')).toEqual({ kind: 'word', text: '猫' });
    expect(shownToken('en', '<eos>')).toEqual({ kind: 'end' });
  });

  it('every mark a tile can offer, in the shipped vocabularies, is said in words in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const vocab = JSON.parse(readFileSync(`public/models/${lang}/vocab.json`, 'utf8')) as {
        tokens: string[];
      };
      const marks = vocab.tokens.filter((t) => isTileToken(lang, t) && !isWordToken(lang, t));
      expect(marks.length, lang).toBeGreaterThanOrEqual(4);
      for (const m of marks) expect(shownToken(lang, m).kind, `${lang} “${m}”`).toBe('mark');
      // Every mark of the vocabulary that has a name is said with the mark itself in it.
      for (const t of vocab.tokens) {
        const shown = shownToken(lang, t);
        if (shown.kind !== 'mark') continue;
        for (const locale of [enCommon, zhCommon]) {
          const words = locale.mark[shown.name];
          expect(words, `${shown.name}`).toContain('{{mark}}');
          expect(words.replace('{{mark}}', '').trim().length).toBeGreaterThan(1);
        }
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import en from '../../locales/en/oneWord.json';
import zh from '../../locales/zh/oneWord.json';
import * as lesson from '../../src/lessons/oneWord';

const contents = { en: en.content, zh: zh.content } as const;

/** Plays a whole game choosing option `choose(table)` each round. */
function play(content: lesson.OneWordContent, seed: number, choose: (t: lesson.WordTable) => number) {
  let s = lesson.start(content, seed);
  while (s.phase !== 'done') {
    s = lesson.pick(s, content, choose(lesson.currentTable(s, content)));
    s = lesson.advance(s, content);
  }
  return s;
}

describe('one-word content', () => {
  it.each(Object.entries(contents))(
    '%s: every path is three words long and probabilities make sense',
    (_, c) => {
      expect(lesson.validateContent(c)).toBe(3);
    },
  );

  it('starts with the book’s example and its probabilities', () => {
    expect(en.content.prompt).toBe('The best thing about AI is its ability to');
    expect(en.content.tables[0]?.options.map((o) => [o.word, o.p])).toEqual([
      ['learn', 4.5],
      ['predict', 3.5],
      ['make', 3.2],
      ['understand', 3.1],
      ['do', 2.9],
    ]);
  });

  it('English and Chinese have the same shape, so a game survives a language switch', () => {
    expect(zh.content.tables.length).toBe(en.content.tables.length);
    // Every path of picks valid in one language is valid in the other.
    const paths = (c: lesson.OneWordContent, t = 0): number[][] =>
      (c.tables[t]?.options ?? []).flatMap((o, i) =>
        o.next === null ? [[i]] : paths(c, o.next).map((p) => [i, ...p]),
      );
    expect(paths(zh.content).length).toBe(paths(en.content).length);
    for (const path of paths(en.content)) {
      let s = lesson.start(zh.content, 1);
      for (const i of path) s = lesson.advance(lesson.pick(s, zh.content, i), zh.content);
      expect(s.phase).toBe('done');
    }
  });

  it('rejects tables whose paths have different lengths', () => {
    const bad: lesson.OneWordContent = {
      prompt: 'a',
      joiner: ' ',
      tables: [
        {
          options: [
            { word: 'x', p: 5, next: 1 },
            { word: 'y', p: 4, next: null },
          ],
        },
        {
          options: [
            { word: 'z', p: 5, next: null },
            { word: 'w', p: 4, next: null },
          ],
        },
      ],
    };
    expect(() => lesson.validateContent(bad)).toThrow(/different lengths/);
  });
});

describe('one-word game', () => {
  const c = en.content;

  it('adds the picked word to the sentence, one word at a time', () => {
    let s = lesson.start(c, 42);
    expect(lesson.sentence(s, c)).toBe('The best thing about AI is its ability to');
    s = lesson.pick(s, c, 0);
    expect(s.phase).toBe('reveal');
    expect(lesson.sentence(s, c)).toBe('The best thing about AI is its ability to learn');
    s = lesson.advance(s, c);
    expect(s.phase).toBe('choose');
    s = lesson.advance(lesson.pick(s, c, 0), c);
    s = lesson.advance(lesson.pick(s, c, 1), c);
    expect(s.phase).toBe('done');
    expect(lesson.sentence(s, c)).toBe('The best thing about AI is its ability to learn from mistakes');
  });

  it('ignores a second pick and a pick out of range (fast taps)', () => {
    const s0 = lesson.start(c, 1);
    const s1 = lesson.pick(s0, c, 2);
    expect(lesson.pick(s1, c, 3)).toBe(s1);
    expect(lesson.pick(s0, c, 9)).toBe(s0);
    expect(lesson.pick(s0, c, -1)).toBe(s0);
    expect(lesson.advance(s0, c)).toBe(s0);
  });

  it('shows the bars most likely first, marking the pick and the favourite', () => {
    const s = lesson.pick(lesson.start(c, 3), c, 4);
    const bars = lesson.bars(s, c);
    expect(bars.map((b) => b.p)).toEqual([4.5, 3.5, 3.2, 3.1, 2.9]);
    expect(bars.find((b) => b.picked)?.word).toBe('do');
    expect(bars.filter((b) => b.favourite).map((b) => b.word)).toEqual(['learn']);
  });

  it('shuffles the tiles with the seed: same seed, same order; the order is a permutation', () => {
    const a = lesson.start(c, 7).order;
    expect(lesson.start(c, 7).order).toEqual(a);
    expect([...a].sort()).toEqual([0, 1, 2, 3, 4]);
    const orders = new Set(Array.from({ length: 20 }, (_, i) => lesson.start(c, i + 1).order.join()));
    expect(orders.size).toBeGreaterThan(5);
  });

  it('earns 3 stars for guessing the favourite every time, 2 for once, 1 for never', () => {
    const fav = (t: lesson.WordTable) => lesson.favouriteOf(t);
    const notFav = (t: lesson.WordTable) => (lesson.favouriteOf(t) === 0 ? 1 : 0);
    expect(lesson.stars(play(c, 5, fav), c)).toBe(3);
    expect(lesson.stars(play(c, 5, notFav), c)).toBe(1);
    expect(lesson.starsFor(1, 3)).toBe(2);
    expect(lesson.starsFor(2, 3)).toBe(3);
    expect(lesson.stars(lesson.start(c, 5), c)).toBe(0);
  });
});

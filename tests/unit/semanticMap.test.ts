import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  cosine,
  nearest,
  nearestOnMap,
  neighbourAgreement,
  neighbourKept,
} from '../../src/lessons/semanticMapMaths';
import { parseWordList } from '../../src/lessons/semanticMapWords';
import * as lesson from '../../src/lessons/semanticMap';
import type { GloveMapData, ModelMapData } from '../../src/lessons/semanticMap';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const glove = (): GloveMapData => JSON.parse(read('public/data/semantic-map/glove.json'));
const model = (lang: 'en' | 'zh'): ModelMapData =>
  JSON.parse(read(`public/data/semantic-map/model-${lang}.json`));
const MAP = new lesson.SemanticMap(glove());
const id = (w: string) => MAP.index(w);

describe('semantic map: the maths', () => {
  it('cosine similarity: the same way 1, right angles 0, opposite −1, scale does not matter', () => {
    expect(cosine([1, 0], [3, 0])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 2])).toBeCloseTo(0, 12);
    expect(cosine([1, 2], [-2, -4])).toBeCloseTo(-1, 12);
    expect(cosine([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([0, 0], [1, 0])).toBe(0);
    expect(() => cosine([1], [1, 2])).toThrow();
  });

  it('nearest neighbours by cosine, most alike first, itself left out', () => {
    const v = [
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [-1, 0],
    ];
    expect(nearest(v, 0, 2).map((n) => n.index)).toEqual([1, 2]);
    expect(nearest(v, 3, 1)[0]?.index).toBe(2);
    expect(nearest(v, 0, 1, new Set([1]))[0]?.index).toBe(2);
    expect(
      nearestOnMap(
        [
          [0, 0],
          [5, 5],
          [1, 0],
          [0, 2],
        ],
        0,
        2,
      ),
    ).toEqual([2, 3]);
  });

  it('the neighbour figure: 1 for a map that keeps the order, lower for a shuffled one', () => {
    // Points on a circle: their angle is their place; a map with the same angles keeps every neighbour.
    const n = 40;
    const v = Array.from({ length: n }, (_, i) => [
      Math.cos((2 * Math.PI * i) / n),
      Math.sin((2 * Math.PI * i) / n),
    ]);
    const same = v.map((p) => [p[0] as number, p[1] as number] as [number, number]);
    expect(neighbourKept(v, same, 4)).toBe(1);
    const line = v.map((_, i) => [((i * 17) % n) / n, 0] as [number, number]);
    expect(neighbourKept(v, line, 4)).toBeLessThan(0.3);
    expect(neighbourAgreement(v, v, 4)).toBe(1);
    expect(() => neighbourKept(v.slice(0, 3), same.slice(0, 3), 4)).toThrow();
  });
});

describe('semantic map: the words', () => {
  const list = parseWordList(read('data/semantic-map/words.tsv'));
  const source = JSON.parse(read('data/embeddings/glove6b50d_subset_1851w.json')) as { words: string[] };

  it('300 to 500 words, each with an English word and a Chinese label, no label twice', () => {
    expect(list.length).toBeGreaterThanOrEqual(300);
    expect(list.length).toBeLessThanOrEqual(500);
    for (const w of list) {
      expect(w.en).toMatch(/^[a-z]+$/);
      expect(w.zh).toMatch(/^\p{Script=Han}+$/u);
    }
    expect(new Set(list.map((w) => w.en)).size).toBe(list.length);
    expect(new Set(list.map((w) => w.zh)).size).toBe(list.length);
    expect(new Set([...list.map((w) => w.en), ...list.map((w) => w.zh)]).size).toBe(2 * list.length);
  });

  it('every word is in the GloVe subset, and the shipped map has exactly the list', () => {
    const known = new Set(source.words);
    expect(list.filter((w) => !known.has(w.en))).toEqual([]);
    const g = glove();
    expect(g.en).toEqual(list.map((w) => w.en));
    expect(g.zh).toEqual(list.map((w) => w.zh));
    expect(
      g.v.every((v) => v.length === 50 && v.every((x) => Number.isInteger(x) && Math.abs(x) <= 127)),
    ).toBe(true);
  });

  it('a broken line is named', () => {
    expect(() => parseWordList('cat\t猫\tanimal\ndog\t狗\n')).toThrow(/line 2/);
    expect(() => parseWordList('cat\t猫\tplanet\n')).toThrow(/line 1/);
  });
});

describe('semantic map: the shipped layouts', () => {
  it('the GloVe map keeps at least half of each word’s 10 nearest neighbours, measured again here', () => {
    const g = glove();
    const points = g.en.map((_, i) => [g.xy[2 * i], g.xy[2 * i + 1]] as [number, number]);
    const kept = neighbourKept(g.v, points, 10);
    expect(kept).toBeCloseTo(g.kept, 3);
    expect(kept).toBeGreaterThanOrEqual(0.5);
    // It beat PCA, which was measured too.
    const pca = g.tried.find((t) => t.method === 'PCA');
    expect(pca && pca.kept).toBeLessThan(g.kept);
    expect(points.every(([x, y]) => x >= 0 && x <= 1 && y >= 0 && y <= 1)).toBe(true);
  });

  it('our models’ maps: map words that are one token, their neighbours in order', () => {
    for (const lang of ['en', 'zh'] as const) {
      const m = model(lang);
      expect(m.tokens.length).toBeGreaterThan(50);
      m.tokens.forEach((t, i) =>
        expect(lang === 'en' ? MAP.words[m.word[i] as number]?.en : MAP.words[m.word[i] as number]?.zh).toBe(
          t,
        ),
      );
      for (const near of m.near) {
        expect(near.length).toBe(10);
        for (let j = 3; j < near.length; j += 2)
          expect(near[j] as number).toBeLessThanOrEqual(near[j - 2] as number);
      }
      expect(m.kept).toBeGreaterThan(0);
      expect(m.agreeWithGlove).toBeGreaterThan(0);
    }
  });
});

describe('semantic map: the challenges, checked in 50-D', () => {
  it('each "closest" target’s nearest word is the answer, and stands among its 3 nearest on the map', () => {
    const points = MAP.words.map((w) => [w.x, w.y] as [number, number]);
    for (const t of lesson.CLOSEST_TARGETS) {
      const s = lesson.start(MAP, lesson.CLOSEST_TARGETS.indexOf(t) + 1);
      expect(MAP.words[s.closest.target]?.en).toBe(t);
      const best = MAP.nearest(s.closest.target, 1)[0];
      expect(s.closest.answer).toBe(best?.index);
      expect(nearestOnMap(points, s.closest.target, 3)).toContain(s.closest.answer);
    }
    expect(MAP.words[MAP.nearest(id('violin'), 1)[0]?.index as number]?.en).toBe('cello');
  });

  it('finding the closest: a wrong word is a miss, the right one wins', () => {
    let s = lesson.begin(lesson.start(MAP, 1));
    expect(s.phase).toBe('closest');
    expect(lesson.advance(s)).toBe(s);
    let r = lesson.pickWord(s, id('song'));
    expect(r.result.kind).toBe('wrong');
    s = r.state;
    expect(lesson.pickWord(s, s.closest.target).result.kind).toBe('none');
    r = lesson.pickWord(s, id('cello'));
    expect(r.result.kind).toBe('right');
    s = lesson.advance(r.state);
    expect(s.phase).toBe('which');
    expect(lesson.misses(s)).toBe(1);
  });

  it('which is closer: the answer is the more alike by cosine, and the margins are clear', () => {
    for (const [x, a, b] of lesson.WHICH) {
      const sa = MAP.sim(id(x), id(a));
      const sb = MAP.sim(id(x), id(b));
      expect(sa - sb).toBeGreaterThan(0.1);
    }
    let s = lesson.advance(lesson.pickWord(lesson.begin(lesson.start(MAP, 1)), id('cello')).state);
    expect(MAP.words[s.which.target]?.en).toBe('hot');
    expect(s.which.answer).toBe(id('cold'));
    s = lesson.pickWhich(s, id('fire')).state;
    expect(s.which.solved).toBe(false);
    s = lesson.pickWhich(s, id('cold')).state;
    expect(s.which.solved).toBe(true);
    // The opposites card must be seen before going on.
    expect(lesson.advance(s)).toBe(s);
    s = lesson.advance(lesson.seeOpposites(s));
    expect(s.phase).toBe('book');
  });

  it('opposites are neighbours too: hot and cold more alike than hot and fire', () => {
    for (const [a, b] of lesson.OPPOSITES) expect(MAP.sim(id(a), id(b))).toBeGreaterThan(0.6);
    expect(MAP.sim(id('hot'), id('cold'))).toBeGreaterThan(MAP.sim(id('hot'), id('fire')));
  });

  it('the book’s test: the two sea animals are far more alike than potato and eagle', () => {
    const s = lesson.start(MAP, 3);
    expect(s.book.answer).toBe(0);
    expect(MAP.sim(id('whale'), id('dolphin'))).toBeGreaterThan(0.75);
    expect(MAP.sim(id('potato'), id('eagle'))).toBeLessThan(0.3);
    const t = { ...s, phase: 'book' as const };
    expect(lesson.pickPair(t, 1).result.kind).toBe('wrong');
    expect(lesson.pickPair(lesson.pickPair(t, 1).state, 0).state.book.solved).toBe(true);
  });

  it('collect every fruit: six fruits, a word twice counts once, other words are misses', () => {
    let s: lesson.SemanticState = { ...lesson.start(MAP, 1), phase: 'fruit' };
    expect(s.fruit.fruits.map((i) => MAP.words[i]?.en).sort()).toEqual([
      'apple',
      'banana',
      'grape',
      'lemon',
      'mango',
      'orange',
    ]);
    s = lesson.pickWord(s, id('potato')).state;
    s = lesson.pickWord(s, id('potato')).state;
    expect(s.fruit.misses.length).toBe(1);
    for (const f of ['banana', 'banana', 'lemon', 'grape', 'mango', 'orange'])
      s = lesson.pickWord(s, id(f)).state;
    expect(lesson.stepDone(s)).toBe(false);
    const last = lesson.pickWord(s, id('apple'));
    expect(last.result).toEqual({ kind: 'found', left: 0 });
    expect(lesson.stepDone(last.state)).toBe(true);
    // Two fruits hide: orange stands with the colours, apple with the computers (in 50-D too).
    const report = lesson.fruitReport(MAP, s.fruit.fruits);
    const of = (w: string) => report.find((r) => r.fruit === id(w));
    expect(MAP.words[of('orange')?.nearestWord.index as number]?.group).toBe('colour');
    expect(MAP.words[of('apple')?.nearestWord.index as number]?.en).toBe('computer');
    expect(MAP.words[of('mango')?.nearestFruit.index as number]?.group).toBe('fruit');
  });

  it('stars: three with at most one miss, two with at most four, else one', () => {
    const s = lesson.start(MAP, 1);
    const withMisses = (n: number): lesson.SemanticState => ({
      ...s,
      fruit: { ...s.fruit, misses: Array.from({ length: n }, (_, i) => i) },
    });
    expect([0, 1, 2, 4, 5, 9].map((n) => lesson.stars(withMisses(n)))).toEqual([3, 3, 2, 2, 1, 1]);
  });
});

describe('semantic map: a sentence’s path and going to a word', () => {
  it('English: map words in order, the rest skipped', () => {
    const r = lesson.sentencePath(MAP, 'My mother and father drive the car to school!', 'en');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.path.words.map((i) => MAP.words[i]?.en)).toEqual(['mother', 'father', 'drive', 'car', 'school']);
    expect(r.path.skipped).toEqual(['my', 'and', 'the', 'to']);
  });

  it('Chinese: the longest label first (公共汽车 not 汽车), other 字 skipped as pieces', () => {
    const r = lesson.sentencePath(MAP, '妈妈和爸爸坐公共汽车去学校。', 'zh');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.path.words.map((i) => MAP.words[i]?.zh)).toEqual(['妈妈', '爸爸', '公共汽车', '去', '学校']);
    expect(r.path.skipped).toEqual(['和', '坐']);
  });

  it('bad input: empty, huge, emoji only, unknown words', () => {
    expect(lesson.sentencePath(MAP, '   ', 'en').kind).toBe('empty');
    expect(lesson.sentencePath(MAP, 'cat '.repeat(100), 'en').kind).toBe('tooLong');
    expect(lesson.sentencePath(MAP, '🙂🙂', 'en')).toEqual({ kind: 'nothing', skipped: [] });
    expect(lesson.sentencePath(MAP, 'zorp blim', 'en')).toEqual({
      kind: 'nothing',
      skipped: ['zorp', 'blim'],
    });
    expect(lesson.sentencePath(MAP, '🙂猫🙂', 'zh').kind).toBe('ok');
    expect(lesson.goTo(MAP, ' Dog ')).toEqual({ kind: 'ok', word: id('dog') });
    expect(lesson.goTo(MAP, '狗')).toEqual({ kind: 'ok', word: id('dog') });
    expect(lesson.goTo(MAP, '')).toEqual({ kind: 'empty' });
    expect(lesson.goTo(MAP, '🐉'.repeat(50))).toEqual({ kind: 'unknown', text: '🐉'.repeat(30) });
  });

  it('walking: arrow steps stay on the map; a word is reached only when near', () => {
    expect(lesson.walk({ x: 0.01, y: 0.5 }, 'left')).toEqual({ x: 0, y: 0.5 });
    expect(lesson.walk({ x: 0.5, y: 0.5 }, 'down').y).toBeCloseTo(0.52, 10);
    const cat = MAP.words[id('cat')] as lesson.MapWord;
    expect(lesson.reached(MAP, { x: cat.x, y: cat.y })).toBe(id('cat'));
    const far = MAP.words.every((w) => Math.hypot(w.x - 2, w.y - 2) > lesson.REACH);
    expect(far && lesson.reached(MAP, { x: 2, y: 2 })).toBe(null);
  });
});

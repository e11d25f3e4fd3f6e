import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as lesson from '../../src/lessons/wordChains';
import { buildData, chineseCutter, englishWords } from '../../src/lessons/wordChainsData';
import { mulberry32 } from '../../src/lessons/rng';
import type { WordChainsData } from '../../src/lessons/wordChains';

/** A small fixed text: its counts can be checked by hand. */
const TEXT = ['The cat sat on the mat.', 'The dog sat on the cat!', "A cat's hat. The cat ran."];
const DOCS = TEXT.map(englishWords);

const shipped = (lang: 'en' | 'zh'): WordChainsData =>
  JSON.parse(readFileSync(new URL(`../../public/data/word-chains/${lang}.json`, import.meta.url), 'utf8'));

/** The stream of the small text: its words and ids as buildData ships them. */
const small = (): { data: WordChainsData; stream: lesson.Stream; id: (w: string) => number } => {
  const data = buildData('en', DOCS, { shipWords: 1000, minWords: 1 });
  const stream = lesson.Stream.of(data);
  return { data, stream, id: (w) => stream.id(w) as number };
};

describe('word-chains: words and counts', () => {
  it('English: the model tokenizer’s words, lowercased, with . , ! ? kept and other marks dropped', () => {
    expect(englishWords('The cat said, "Hi!" 3 times.')).toEqual([
      'the',
      'cat',
      'said',
      ',',
      'hi',
      '!',
      'times',
      '.',
    ]);
    expect(englishWords("A cat's hat")).toEqual(['a', 'cat', "'s", 'hat']);
  });

  it('Chinese: runs of 字 cut by the merges, ，。！？ kept, quotes dropped', () => {
    const cut = chineseCutter(['小 猫', '蝴 蝶']);
    expect(cut('小猫看蝴蝶。“飞吧！”')).toEqual(['小猫', '看', '蝴蝶', '。', '飞', '吧', '！']);
  });

  it('counts n-grams of a small text, never across a story’s edge', () => {
    const pairs = lesson.ngramCounts(DOCS, 2);
    expect(pairs.get('the cat')).toBe(3);
    expect(pairs.get('sat on')).toBe(2);
    expect(pairs.get('on the')).toBe(2);
    // "mat ." ends the first story: no pair "." + "the" across the edge.
    expect(pairs.get('. the')).toBe(1);
    expect(lesson.ngramCounts(DOCS, 3).get('sat on the')).toBe(2);
    expect(lesson.distinctNgrams(DOCS, 1)).toBe(new Set(DOCS.flat()).size);
    expect(lesson.distinctNgrams(DOCS, 2)).toBe(pairs.size);
    expect(lesson.distinctNgrams(DOCS, 4)).toBe(lesson.ngramCounts(DOCS, 4).size);
    expect(() => lesson.distinctNgrams(DOCS, 0)).toThrow();
  });

  it('the stream counts the same followers as the n-gram table', () => {
    const { stream, id } = small();
    expect(stream.tokens).toBe(DOCS.flat().length);
    expect(stream.count(id('cat'))).toBe(4);
    const after = (ws: string[]) =>
      new Map([...stream.followers(ws.map(id))].map(([k, v]) => [stream.word(k), v]));
    expect(after(['the'])).toEqual(
      new Map([
        ['cat', 3],
        ['mat', 1],
        ['dog', 1],
      ]),
    );
    expect(after(['sat', 'on'])).toEqual(new Map([['the', 2]]));
    expect(after(['on', 'the'])).toEqual(
      new Map([
        ['mat', 1],
        ['cat', 1],
      ]),
    );
    // The last word of a story is followed by nothing.
    expect(after(['ran', '.'])).toEqual(new Map());
  });

  it('the stream survives its encoding, ids big and small', () => {
    const ids = [0, 1, 44, 45, 46, 2024, 2025, 91_124, 91_125, 3];
    expect(lesson.decodeStream(lesson.encodeStream(ids))).toEqual(ids);
    expect(lesson.encodeStream([1, 44]).length).toBe(2);
    expect(() => lesson.decodeStream('a b')).toThrow();
  });
});

describe('word-chains: chains', () => {
  it('the same seed gives the same words; another seed others', () => {
    const data = shipped('en');
    const s = lesson.Stream.of(data);
    const cat = s.id('cat') as number;
    const a = s.chain([cat], 2, mulberry32(7)).map((i) => s.word(i));
    expect(
      lesson.Stream.of(data)
        .chain([cat], 2, mulberry32(7))
        .map((i) => s.word(i)),
    ).toEqual(a);
    expect(s.chain([cat], 2, mulberry32(8)).map((i) => s.word(i))).not.toEqual(a);
    expect(a[0]).toBe('cat');
    expect(a).toHaveLength(lesson.CHAIN_LENGTH);
  });

  it('each word follows the n − 1 words before it in the stories; a context that only ends stories is shortened', () => {
    const { stream, id } = small();
    const word = (ids: readonly number[]) => ids.map((k) => stream.word(k)).join(' ');
    for (let seed = 1; seed <= 30; seed++) {
      const rng = mulberry32(seed);
      const chain = [id('the')];
      for (let step = 0; step < 8; step++) {
        const { id: next, used } = stream.next(chain, 3, rng);
        const want = Math.min(2, chain.length);
        if (used > 0)
          expect(lesson.ngramCounts(DOCS, used + 1).has(word([...chain.slice(-used), next]))).toBe(true);
        if (used < want) expect(stream.followers(chain.slice(-want)).size).toBe(0);
        chain.push(next);
      }
    }
  });

  it('draws followers about as often as they follow', () => {
    const { stream, id } = small();
    const rng = mulberry32(3);
    let cat = 0;
    for (let i = 0; i < 1000; i++) if (stream.next([id('the')], 2, rng).id === id('cat')) cat++;
    expect(cat / 1000).toBeGreaterThan(0.5);
    expect(cat / 1000).toBeLessThan(0.7);
  });

  it('the copy finder finds the known longest run', () => {
    const { stream, id } = small();
    const chain = ['a', 'dog', 'sat', 'on', 'the', 'cat', '!', 'hat'].map(id);
    expect(stream.longestCopy(chain)).toMatchObject({ start: 1, length: 6 });
    const at = stream.longestCopy(chain).at;
    expect([...stream.ids.slice(at, at + 6)].map((k) => stream.word(k))).toEqual([
      'dog',
      'sat',
      'on',
      'the',
      'cat',
      '!',
    ]);
    // Never across a story's edge: ". a" stands only across one.
    expect(stream.longestCopy(['.', 'a'].map(id)).length).toBe(1);
    expect(lesson.isCopied(8, { start: 1, length: 5, at: 0 })).toBe(true);
    expect(lesson.isCopied(8, { start: 1, length: 4, at: 0 })).toBe(false);
  });

  it('the shipped stories copy more at bigger n (many seeds)', () => {
    for (const lang of ['en', 'zh'] as const) {
      const data = shipped(lang);
      const s = lesson.Stream.of(data);
      const mean = [1, 2, 3, 4].map((n) => {
        let sum = 0;
        for (let seed = 1; seed <= 40; seed++)
          sum += s.longestCopy(
            s.chain([s.id(data.starts[0] as string) as number], n, mulberry32(seed)),
          ).length;
        return sum / 40;
      });
      for (let n = 1; n < 4; n++)
        expect(mean[n], `${lang} n = ${n + 1}`).toBeGreaterThan(mean[n - 1] as number);
      expect(mean[3], `${lang} n = 4 copies more than half`).toBeGreaterThan(lesson.CHAIN_LENGTH / 2);
    }
  });
});

describe('word-chains: the start word', () => {
  const en = lesson.Stream.of(shipped('en'));
  const zh = lesson.Stream.of(shipped('zh'));

  it('takes known words, and answers kindly for empty, emoji, huge, many or unknown', () => {
    expect(lesson.parseStart('  Cat ', 'en', en)).toEqual({ kind: 'ok', ids: [en.id('cat')] });
    expect(lesson.parseStart('the cat', 'en', en)).toEqual({ kind: 'ok', ids: [en.id('the'), en.id('cat')] });
    expect(lesson.parseStart('   ', 'en', en)).toEqual({ kind: 'empty' });
    expect(lesson.parseStart('🙂🎉', 'en', en)).toEqual({ kind: 'nothing' });
    expect(lesson.parseStart('cat '.repeat(25_000), 'en', en)).toEqual({ kind: 'tooLong' });
    expect(lesson.parseStart('the cat sat down', 'en', en)).toEqual({ kind: 'tooMany' });
    expect(lesson.parseStart('zzyzx', 'en', en)).toEqual({ kind: 'unknown', word: 'zzyzx' });
    expect(lesson.parseStart('小猫', 'en', en)).toEqual({ kind: 'nothing' });
  });

  it('Chinese: cut into the stories’ words', () => {
    expect(lesson.parseStart('小猫', 'zh', zh)).toEqual({ kind: 'ok', ids: [zh.id('小猫')] });
    expect(lesson.parseStart('cat', 'zh', zh)).toEqual({ kind: 'unknown', word: 'cat' });
    expect(lesson.parseStart('🙂', 'zh', zh)).toEqual({ kind: 'nothing' });
    expect(lesson.parseStart('', 'zh', zh)).toEqual({ kind: 'empty' });
  });
});

describe('word-chains: the explosion', () => {
  it('40,000 words: 1.6 billion pairs and 64 trillion triples, exactly', () => {
    expect(lesson.possible(40_000, 2)).toBe(1_600_000_000n);
    expect(lesson.possible(40_000, 3)).toBe(64_000_000_000_000n);
    expect(lesson.possible(40_000, 4)).toBe(2_560_000_000_000_000_000n);
    expect(() => lesson.possible(1.5, 2)).toThrow();
  });

  it('the empty share of a pair table, rounded down, never 100 %', () => {
    expect(lesson.emptyShare(10, 25)).toBe(0.75);
    expect(lesson.percentDown(0.999_999)).toBe(99.99);
    expect(lesson.percentDown(0.75)).toBe(75);
    expect(lesson.rough(134_466)).toBe(130_000);
    expect(lesson.rough(219_508)).toBe(220_000);
    expect(lesson.rough(1_344.66)).toBe(1_300);
  });

  it('big numbers in words: millions and billions, 万 and 亿', () => {
    expect(lesson.inWords(1_600_000_000, 'en')).toEqual({ value: 1.6, level: 2 });
    expect(lesson.inWords(64_000_000_000_000, 'en')).toEqual({ value: 64, level: 3 });
    expect(lesson.inWords(130_000, 'en')).toEqual({ value: 130_000, level: 0 });
    expect(lesson.inWords(1_600_000_000, 'zh')).toEqual({ value: 16, level: 2 });
    expect(lesson.inWords(64_000_000_000_000, 'zh')).toEqual({ value: 64, level: 3 });
    expect(lesson.inWords(130_000, 'zh')).toEqual({ value: 13, level: 1 });
    expect(lesson.inWords(1_300, 'zh')).toEqual({ value: 1_300, level: 0 });
  });

  it('the shipped figures are the whole training text’s', () => {
    for (const lang of ['en', 'zh'] as const) {
      const c = shipped(lang).corpus;
      expect(c.pairs).toBeGreaterThan(c.words);
      expect(c.triples).toBeGreaterThan(c.pairs);
      expect(c.triples).toBeLessThan(c.tokens);
      expect(lesson.emptyShare(c.words, c.pairs)).toBeGreaterThan(0.99);
      expect(shipped(lang).shipped.tokens).toBeLessThan(c.tokens / 5);
    }
  });
});

describe('word-chains: the level', () => {
  const data = shipped('en');
  const chainer = new lesson.Chainer(lesson.Stream.of(data));
  const cat = chainer.stream.id('cat') as number;
  const atChains = (seed: number) =>
    lesson.makeChains(lesson.pickStart(lesson.begin(lesson.start(data, seed)), [cat]));

  it('the answer is the biggest n that does not mostly copy', () => {
    expect(lesson.bestN([false, false, true, true])).toBe(2);
    expect(lesson.bestN([false, true, false, true])).toBe(3);
    expect(lesson.bestN([true, true, true, true])).toBe(1);
    const chain = (copied: boolean): lesson.Chain => ({
      ids: [],
      copy: { start: 0, length: 0, at: 0 },
      copied,
    });
    expect(lesson.copies([chain(true), chain(true), chain(false)])).toBe(true);
    expect(lesson.copies([chain(true), chain(false), chain(false)])).toBe(false);
  });

  it('plays through: start word, chains, the two numbers; stars for first tries', () => {
    let s = lesson.start(data, 5);
    expect(lesson.makeChains(lesson.begin(s)).phase).toBe('start');
    s = atChains(5);
    expect(s.phase).toBe('chain');
    const chains = chainer.chains(s);
    expect(chains).toHaveLength(lesson.CHAINS);
    for (const c of chains) expect(c.ids[0]).toBe(cat);
    expect(chainer.chains(s)).toBe(chains);
    const want = chainer.answer(s);
    const wrong = want === 4 ? 3 : 4;
    let r = lesson.pickN(lesson.setN(s, wrong), chainer);
    expect(r.result).toBe(wrong > want ? 'copies' : 'tooSmall');
    expect(r.state.phase).toBe('chain');
    r = lesson.pickN(lesson.setN(r.state, want), chainer);
    expect(r.result).toBe('right');
    s = r.state;
    expect(s.phase).toBe('pairs');
    expect(s.pairs.options).toContain(1_600_000_000);
    s = lesson.advance(lesson.pickOption(s, 1_600_000_000));
    expect(s.phase).toBe('real');
    expect(s.real.answer).toBe(lesson.rough(data.corpus.pairs));
    const other = s.real.options.find((o) => o !== s.real.answer) as number;
    s = lesson.pickOption(s, other);
    expect(lesson.advance(s).phase).toBe('real');
    s = lesson.advance(lesson.pickOption(s, s.real.answer));
    expect(s.phase).toBe('done');
    expect(lesson.firstTries(s)).toEqual({ chain: false, pairs: true, real: false });
    expect(lesson.stars(s)).toBe(1);
  });

  it('new chains at an n are other chains; the seed and the start decide them', () => {
    const s = { ...atChains(9), n: 2 };
    const a = chainer.chains(s).map((c) => c.ids);
    expect(chainer.chains(lesson.reroll(s)).map((c) => c.ids)).not.toEqual(a);
    expect(new lesson.Chainer(lesson.Stream.of(data)).chains(s).map((c) => c.ids)).toEqual(a);
    expect(chainer.chains({ ...s, seed: 10 }).map((c) => c.ids)).not.toEqual(a);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../src/lessons/rng';
import {
  LEXICON,
  MAX_DEPTH,
  addWord,
  bracketed,
  cardOf,
  clauseDepth,
  expected,
  generate,
  isComplete,
  parseWords,
  sentenceText,
  startParse,
  toTree,
  whyNot,
  type GrammarLang,
} from '../../src/lessons/sentenceGrammar';
import { bracketRound, check, closers, openString, putCloser, roundDone } from '../../src/lessons/brackets';
import * as lesson from '../../src/lessons/grammar';
import { LanguageModel } from '../../src/model/lm';
import type { Runner } from '../../src/model/runner';
import { SPECIALS, Tokenizer, type VocabFile } from '../../src/lm/tokenizer';

const words = (s: string): string[] => s.split(' ');
const must = <T>(v: T | null | undefined): T => {
  if (v === null || v === undefined) throw new Error('missing');
  return v;
};

describe('the card grammar', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: every generated sentence parses, whole, with its clauses as deep as asked`, () => {
      const rng = mulberry32(7);
      for (let i = 0; i < 400; i++) {
        const depth = i % (MAX_DEPTH + 1);
        const sentence = generate(lang, rng, depth);
        const p = parseWords(lang, sentence);
        expect(p, sentence.join(' ')).not.toBeNull();
        expect(isComplete(must(p)), sentence.join(' ')).toBe(true);
        expect(clauseDepth(bracketed(must(p))), sentence.join(' ')).toBe(depth);
        // No prefix of a sentence is already whole (the full stop ends it).
        expect(isComplete(must(parseWords(lang, sentence.slice(0, -1))))).toBe(false);
      }
    });
  }

  it('English: a before a consonant sound, an before a vowel sound, two before many, in every generated sentence', () => {
    const rng = mulberry32(11);
    let seen = 0;
    for (let i = 0; i < 400; i++) {
      const s = generate('en', rng, i % 3);
      s.forEach((w, j) => {
        const next = cardOf('en', s[j + 1] ?? '');
        if (w === 'a') expect(next).toMatchObject({ cat: 'noun', num: 'one', vowel: false });
        if (w === 'an') expect(next).toMatchObject({ cat: 'noun', num: 'one', vowel: true });
        if (w === 'two') expect(next).toMatchObject({ cat: 'noun', num: 'many' });
        if (w === 'a' || w === 'an' || w === 'two') seen++;
      });
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('Chinese: every measure word stands before a noun it belongs to, in every generated sentence', () => {
    const rng = mulberry32(13);
    let seen = 0;
    for (let i = 0; i < 400; i++) {
      const s = generate('zh', rng, i % 3);
      s.forEach((w, j) => {
        if (cardOf('zh', w)?.cat !== 'cl') return;
        seen++;
        expect(cardOf('zh', s[j + 1] ?? '')?.cl, s.join('')).toBe(w);
      });
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('reads the book’s kind of sentence, with the clause bracketed, as a tree that grows', () => {
    const en = must(parseWords('en', words('the cat that the dog chased ran .')));
    expect(isComplete(en)).toBe(true);
    expect(bracketed(en)).toEqual(['the', 'cat', '[', 'that', 'the', 'dog', 'chased', ']', 'ran', '.']);
    expect(toTree(bracketed(en))).toEqual(['the', 'cat', ['that', 'the', 'dog', 'chased'], 'ran', '.']);
    const deep = must(parseWords('en', words('the cat that the dog that an owl saw chased ran .')));
    expect(clauseDepth(bracketed(deep))).toBe(2);
    const zh = must(parseWords('zh', ['狗', '追', '的', '那', '只', '猫', '跑', '了', '。']));
    expect(isComplete(zh)).toBe(true);
    expect(toTree(bracketed(zh))).toEqual([['狗', '追', '的'], '那', '只', '猫', '跑', '了', '。']);
    // A prefix: the clause is open and the tree shows it.
    const half = must(parseWords('en', words('the cat that the dog')));
    expect(isComplete(half)).toBe(false);
    expect(toTree(bracketed(half))).toEqual(['the', 'cat', ['that', 'the', 'dog']]);
    expect(expected(half)).toEqual(expect.arrayContaining(['that', 'vt']));
  });

  it('refuses wrong a/an, wrong plurals and wrong measure words, saying why', () => {
    const en = (ws: string) => must(parseWords('en', words(ws)));
    expect(addWord(en('the cat saw a'), 'owl')).toBeNull();
    expect(whyNot(en('the cat saw a'), 'owl')).toMatchObject({ kind: 'useAn', noun: 'owl' });
    expect(whyNot(en('an'), 'dog')).toMatchObject({ kind: 'useA', noun: 'dog' });
    expect(whyNot(en('a'), 'cats')).toMatchObject({ kind: 'oneNotMany', det: 'a', noun: 'cats' });
    expect(whyNot(en('two'), 'cat')).toMatchObject({ kind: 'manyNotOne', det: 'two', noun: 'cat' });
    expect(addWord(en('the'), 'cats')).not.toBeNull();
    expect(addWord(en('an'), 'elephant')).not.toBeNull();
    const zh = (ws: string[]) => must(parseWords('zh', ws));
    expect(addWord(zh(['一', '本']), '猫')).toBeNull();
    expect(whyNot(zh(['一', '本']), '猫')).toEqual({ kind: 'measure', cl: '本', noun: '猫', right: '只' });
    expect(whyNot(zh(['两', '只']), '大象')).toMatchObject({ kind: 'measure', right: '头' });
    expect(addWord(zh(['一', '头']), '大象')).not.toBeNull();
    expect(whyNot(startParse('en'), 'ran')).toEqual({ kind: 'notHere', word: 'ran', expected: ['det'] });
    expect(whyNot(en('the cat ran .'), 'the')).toEqual({ kind: 'finished' });
    expect(addWord(startParse('en'), 'unicorn')).toBeNull();
  });

  it('never lets a clause nest deeper than MAX_DEPTH', () => {
    const nested = (n: number) => Array.from({ length: n }, () => ['the', 'cat', 'that']).flat();
    expect(parseWords('en', nested(MAX_DEPTH))).not.toBeNull();
    expect(parseWords('en', nested(MAX_DEPTH + 1))).toBeNull();
    expect(startParse('en').words).toEqual([]);
  });

  it('writes sentences as the screen shows them', () => {
    expect(sentenceText('en', words('the cat ran .'))).toBe('the cat ran.');
    expect(sentenceText('zh', ['那', '只', '猫', '跑', '了', '。'])).toBe('那只猫跑了。');
  });

  it('every card is a word of its language’s lexicon once', () => {
    for (const lang of ['en', 'zh'] as GrammarLang[]) {
      const ws = LEXICON[lang].map((c) => c.word);
      expect(new Set(ws).size).toBe(ws.length);
    }
  });
});

describe('the bracket checker', () => {
  it('checks balance and depth and finds the first wrong closer', () => {
    expect(check('((([])))')).toEqual({ balanced: true, depth: 4, open: '', wrongAt: -1 });
    expect(check('([)]')).toMatchObject({ balanced: false, wrongAt: 2 });
    expect(check(')')).toMatchObject({ balanced: false, wrongAt: 0 });
    expect(check('([(')).toMatchObject({ balanced: false, depth: 3, open: '([(', wrongAt: -1 });
    expect(check('')).toMatchObject({ balanced: true, depth: 0 });
  });

  it('knows what closes an open string', () => {
    expect(closers('([(')).toBe(')])');
    expect(closers('[()(')).toBe(')]');
    expect(closers('(]')).toBeNull();
    expect(closers('()')).toBe('');
  });

  it('makes open strings exactly as deep as asked, and a round is won by closing them in order', () => {
    const rng = mulberry32(3);
    for (const depth of [1, 2, 4, 7, 10]) {
      for (let i = 0; i < 30; i++) {
        const s = openString(rng, depth);
        const c = check(s);
        expect(c.open.length, s).toBe(depth);
        expect(c.wrongAt).toBe(-1);
        let r = bracketRound(s);
        for (const ch of must(closers(s))) {
          const wrong = ch === ')' ? ']' : ')';
          const tried = putCloser(r, wrong);
          expect(tried.typed).toBe(r.typed);
          expect(tried.mistakes).toBe(r.mistakes + 1);
          r = putCloser(tried, ch as ')' | ']');
        }
        expect(roundDone(r)).toBe(true);
        expect(r.mistakes).toBe(depth);
        expect(putCloser(r, ')')).toBe(r);
      }
    }
  });
});

/** A model whose chance for the next token is `chance(previous, next)`, whatever came before. */
function fakeModel(tokens: readonly string[], chance: (prev: string, next: string) => number): LanguageModel {
  const tokenizer = new Tokenizer({ lang: 'en', tokens: [...SPECIALS, ...tokens] });
  const runner: Runner = {
    backend: 'wasm',
    layers: 1,
    heads: 1,
    async forward(ids) {
      const prev = tokenizer.token(ids[ids.length - 1] as number);
      const raw = Array.from({ length: tokenizer.size }, (_, i) =>
        i < 4 ? 1e-9 : chance(prev, tokenizer.token(i)),
      );
      const sum = raw.reduce((a, x) => a + x, 0);
      return {
        logits: Float32Array.from(raw, (x) => Math.log(x / sum)),
        attention: new Float32Array(),
        attentionDims: [],
        reused: 0,
        states: new Float32Array(),
        statesDims: [],
      };
    },
    forget: () => undefined,
    release: async () => undefined,
  };
  return new LanguageModel(runner, tokenizer, 64);
}

const item = (basket: lesson.Basket, text: string): lesson.SortItem => ({ basket, text });
const score = (...p: number[]): lesson.Scored => ({ tokens: p.map((_, i) => `w${i}`), p });

describe('the surprise meter', () => {
  it('a token’s surprise is −log₂ p: a sure token 0 bits, one in 1,024 ten bits', () => {
    expect(lesson.bits(1)).toBe(0);
    expect(lesson.bits(1 / 1024)).toBeCloseTo(10, 12);
    expect(lesson.bits(0)).toBeCloseTo(-Math.log2(1e-12), 9);
    expect(lesson.meanBits([0.5, 0.25])).toBeCloseTo(1.5, 12);
    expect(lesson.meanBits([])).toBe(0);
  });

  it('the model reads each token of a sentence from the ones before it, and the meter turns that into bits', async () => {
    const vocab = ['the', 'cat', 'ran', 'blue', '.'];
    // After "the", "cat" is likely; "blue" is rare after anything.
    const lm = fakeModel(vocab, (prev, next) =>
      next === 'blue' ? 0.01 : prev === 'the' && next === 'cat' ? 5 : 1,
    );
    const sense = await lm.surprise('the cat ran.');
    expect(sense.tokens).toEqual(['the', 'cat', 'ran', '.']);
    expect(sense.unknown).toEqual([]);
    const total = 1 + 1 + 1 + 1 + 0.01 + 3e-9;
    expect(sense.p[0]).toBeCloseTo(1 / (total + 0), 6);
    expect(sense.p[1]).toBeCloseTo(5 / (5 + 1 + 1 + 1 + 0.01 + 4e-9), 6);
    const odd = await lm.surprise('the blue ran.');
    expect(lesson.meanBits(odd.p)).toBeGreaterThan(lesson.meanBits(sense.p));
    expect(lesson.peak({ tokens: odd.tokens, p: odd.p })).toBe(1);
  });

  it('averages each basket and finds where the model is out of the expected order', () => {
    const items = [
      item('sense', 'a'),
      item('sense', 'b'),
      item('nonsense', 'c'),
      item('broken', 'd'),
      item('untrue', 'e'),
    ];
    // Bits: a 1, b 3, c 2, d 4, e 1.
    const scores = [score(0.5), score(0.125), score(0.25), score(1 / 16), score(0.5)];
    const means = lesson.basketMeans(items, scores);
    expect(means).toEqual({ sense: 2, nonsense: 2, broken: 4, untrue: 1 });
    expect(lesson.mostSurprising(means)).toBe('broken');
    // sense 2 is not below nonsense 2: out of order.
    expect(lesson.basketsInOrder(means)).toBe(false);
    // The worst pair: "c" (nonsense, 2 bits) surprised it less than "b" (sense, 3 bits).
    expect(lesson.worstMiss(items, scores)).toEqual({ low: 2, high: 1, gap: 1 });
    expect(lesson.untrueLikeSense(means)).toBe(false);
    const fine = [score(0.5), score(0.5), score(0.25), score(1 / 16), score(0.5)];
    expect(lesson.worstMiss(items, fine)).toBeNull();
    expect(lesson.basketsInOrder(lesson.basketMeans(items, fine))).toBe(true);
    expect(lesson.untrueLikeSense(lesson.basketMeans(items, fine))).toBe(true);
  });
});

const pool = (lang: string): lesson.Pool =>
  (JSON.parse(readFileSync(`locales/${lang}/grammar.json`, 'utf8')) as { sentences: lesson.Pool }).sentences;

describe('the level', () => {
  it('every sentence of the baskets is made of words our model knows', () => {
    for (const lang of ['en', 'zh'] as const) {
      const vocab = JSON.parse(readFileSync(`public/models/${lang}/vocab.json`, 'utf8')) as VocabFile;
      const tok = new Tokenizer(vocab);
      for (const b of lesson.BASKETS) {
        expect(pool(lang)[b].length).toBeGreaterThanOrEqual(lesson.PER_BASKET);
        for (const s of pool(lang)[b]) expect(tok.unknown(s), s).toEqual([]);
      }
    }
  });

  it('plays through: sort, measure, guess, build, brackets, stars by mistakes', () => {
    let s = lesson.start('en', 5);
    s = lesson.begin(s, pool('en'));
    expect(s.phase).toBe('sort');
    expect(s.items).toHaveLength(4 * lesson.PER_BASKET);
    for (const b of lesson.BASKETS)
      expect(s.items.filter((i) => i.basket === b)).toHaveLength(lesson.PER_BASKET);
    // One wrong try on the first sentence, then all right.
    const first = must(lesson.current(s));
    const wrong = must(lesson.BASKETS.find((b) => b !== first.basket));
    s = lesson.sortInto(s, wrong);
    expect(s.sortMistakes).toBe(1);
    expect(lesson.sortInto(s, wrong)).toBe(s);
    while (s.phase === 'sort') s = lesson.sortInto(s, must(lesson.current(s)).basket);
    expect(s.phase).toBe('measure');
    expect(lesson.unmeasured(s)).toHaveLength(8);
    for (const i of lesson.unmeasured(s)) s = lesson.scored(s, i, score(0.5, 0.25));
    expect(s.phase).toBe('guess');
    s = lesson.makeGuess(s, 'broken');
    expect(s.phase).toBe('meter');
    s = lesson.toBuild(lesson.view(s, 3));
    expect(s.phase).toBe('build');
    for (const w of words('the cat ran .')) s = lesson.addCard(s, w);
    expect(lesson.buildNeedsClause(s)).toBe(true);
    expect(lesson.toBrackets(s)).toBe(s);
    s = lesson.clearCards(s);
    s = lesson.addCard(s, 'a');
    s = lesson.addCard(s, 'owl');
    expect(s.refused).toMatchObject({ kind: 'useAn' });
    expect(s.parse.words).toEqual(['a']);
    s = lesson.undoCard(s);
    for (const w of words('the cat that the dog chased ran .')) s = lesson.addCard(s, w);
    expect(lesson.buildWon(s)).toBe(true);
    s = lesson.toBrackets(s);
    expect(s.phase).toBe('brackets');
    for (const depth of lesson.BRACKET_DEPTHS) {
      expect(check(s.brackets.start).open).toHaveLength(depth);
      for (const ch of must(closers(s.brackets.start))) s = lesson.close(s, ch as ')' | ']');
      s = lesson.nextRound(s);
    }
    expect(s.phase).toBe('done');
    expect(lesson.mistakes(s)).toBe(1);
    expect(lesson.stars(s)).toBe(3);
    expect(lesson.stars({ ...s, bracketMistakes: 3 })).toBe(2);
    expect(lesson.stars({ ...s, sortMistakes: 9 })).toBe(1);
  });

  it('the player’s own sentence: empty, emoji-only and huge are refused, nothing else changes; a good one is shown', () => {
    expect(lesson.checkOwn('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(lesson.checkOwn('🙂🎉 !!')).toEqual({ ok: false, problem: 'noWords' });
    expect(lesson.checkOwn('猫'.repeat(100_000))).toEqual({ ok: false, problem: 'tooLong' });
    expect(lesson.checkOwn('a'.repeat(lesson.MAX_OWN))).toMatchObject({ ok: true });
    expect(lesson.checkOwn('  the cat sat.  ')).toEqual({ ok: true, text: 'the cat sat.' });
    let s = lesson.begin(lesson.start('zh', 2), pool('zh'));
    while (s.phase === 'sort') s = lesson.sortInto(s, must(lesson.current(s)).basket);
    for (const i of lesson.unmeasured(s)) s = lesson.scored(s, i, score(0.5));
    const own = {
      text: '小猫睡觉。',
      tokens: ['小', '猫', '睡', '觉', '。'],
      p: [0.5, 0.5, 0.5, 0.5, 0.5],
      unknown: [],
    };
    // Only on the meter, and only once there is one, can the own sentence be viewed.
    expect(lesson.ownScored(s, own)).toBe(s);
    s = lesson.makeGuess(s, 'sense');
    expect(lesson.view(s, s.items.length)).toBe(s);
    s = lesson.ownScored(s, own);
    expect(s.viewing).toBe(s.items.length);
    expect(lesson.viewed(s)).toBe(own);
    s = lesson.view(s, 0);
    expect(lesson.viewed(s)).toBe(s.scores[0]);
    expect(lesson.view(s, s.items.length + 1)).toBe(s);
  });

  it('the same seed chooses the same sentences; another seed may not', () => {
    const a = lesson.chooseItems(pool('zh'), 42);
    expect(lesson.chooseItems(pool('zh'), 42)).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(lesson.chooseItems(pool('zh'), seed)));
    expect(new Set(others).size).toBeGreaterThan(1);
  });
});

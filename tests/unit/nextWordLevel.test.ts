import { describe, expect, it } from 'vitest';
import * as nw from '../../src/lessons/nextWord';
import { EOS, SPECIALS } from '../../src/lm/tokenizer';

/** A word of letters only (the English tiles are words of letters). */
const letters = (i: number): string =>
  `w${'abcdefghij'[i % 10]}${'abcdefghij'[Math.floor(i / 10) % 10]}${'abcdefghij'[Math.floor(i / 100)]}`;

/** A made-up model: the specials first, then words whose chances fall with their id. */
const TOKENS = [
  ...SPECIALS,
  'the',
  'dog',
  '.',
  'cat',
  'ran',
  'moon',
  ...Array.from({ length: 900 }, (_, i) => letters(i)),
];
function probs(favourite: string): Float64Array {
  const w = TOKENS.map((t, i) => (i < SPECIALS.length ? 0.001 : t === favourite ? 50 : 1 / i));
  const total = w.reduce((a, b) => a + b, 0);
  return Float64Array.from(w, (x) => x / total);
}
const VOCAB = new Map(TOKENS.map((t, i) => [t, i]));
const OPENINGS = ['once upon a time', 'the dog', 'a cat'];

describe('next-word: the level as a state machine', () => {
  it('ranks the whole vocabulary but never padding, unknown or begin; the end of the story stays', () => {
    const ranked = nw.rankVocabulary(probs('dog'), TOKENS);
    expect(ranked[0]?.token).toBe('dog');
    expect(ranked.map((c) => c.id)).not.toContain(0);
    expect(ranked.map((c) => c.id)).not.toContain(2);
    expect(ranked.some((c) => c.id === EOS)).toBe(true);
    expect(ranked).toHaveLength(TOKENS.length - EOS);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i - 1]?.p).toBeGreaterThanOrEqual(ranked[i]?.p ?? 1);
  });

  it('starts from the opening the seed chooses, or the player’s own (an empty one is refused)', () => {
    const s = nw.start('en', 2);
    const a = nw.begin(s, OPENINGS, null);
    expect(a.ok && a.state.text).toBe('the dog');
    expect(a.ok && a.state.phase).toBe('thinking');
    expect(nw.openingFor(OPENINGS, 4)).toBe('once upon a time');
    expect(nw.begin(s, OPENINGS, '   ')).toEqual({ ok: false, problem: 'empty' });
    const own = nw.begin(s, OPENINGS, ' The Ｆox ');
    expect(own.ok && own.state).toMatchObject({ text: 'The Fox', own: true });
  });

  it('a Chinese opening typed with ASCII marks (or folded by NFKC) keeps the full-width marks the model knows', () => {
    const s = nw.start('zh', 1);
    for (const typed of ['小猫说,我们去玩吧!好不好?', '小猫说，我们去玩吧！好不好？'.normalize('NFKC')]) {
      const own = nw.begin(s, OPENINGS, typed);
      expect(own.ok && own.state).toMatchObject({ text: '小猫说，我们去玩吧！好不好？', own: true });
    }
    // A typed mark is still not a next word.
    expect(nw.checkTyped('zh', ',', () => true)).toEqual({ ok: false, problem: 'notAWord' });
  });

  it('plays five rounds: tiles from the model, a pick scored and added, points, the end and the stars', () => {
    let s = nw.start('en', 7);
    const begun = nw.begin(s, OPENINGS, null);
    if (!begun.ok) throw new Error('begin');
    s = begun.state;
    for (let round = 0; round < nw.ROUNDS; round++) {
      // Picking before the model has answered does nothing.
      expect(nw.pick(s, 5)).toBe(s);
      s = nw.offer(s, probs('dog'), TOKENS);
      expect(s.phase).toBe('choose');
      expect(s.tiles).toHaveLength(nw.TILES);
      expect(s.tiles.map((c) => c.token)).toContain('dog');
      expect(nw.roundShown(s)).toBe(round + 1);
      s = nw.pick(s, VOCAB.get('dog') as number);
      expect(s.phase).toBe('reveal');
      expect(nw.lastResult(s)?.rating).toBe('favourite');
      expect(nw.revealedBars(s).find((b) => b.picked)?.token).toBe('dog');
      s = nw.advance(s);
    }
    expect(s.phase).toBe('done');
    expect(s.text).toBe(
      'once upon a time dog dog dog dog dog'.replace('once upon a time', nw.openingFor(OPENINGS, 7)),
    );
    expect(nw.totalPoints(s)).toBe(nw.MAX_POINTS);
    expect(nw.MAX_POINTS).toBe(15);
    expect(nw.stars(s)).toBe(3);
  });

  it('takes the same tiles for the same seed and round, and others for another seed', () => {
    const tiles = (seed: number) => {
      const b = nw.begin(nw.start('en', seed), OPENINGS, 'the');
      if (!b.ok) throw new Error('begin');
      return nw.offer(b.state, probs('dog'), TOKENS).tiles.map((c) => c.token);
    };
    expect(tiles(3)).toEqual(tiles(3));
    expect([tiles(3), tiles(4), tiles(5)].some((t) => t.join() !== tiles(3).join())).toBe(true);
  });

  it('checks a typed word kindly, and a known one counts like a tile', () => {
    const b = nw.begin(nw.start('en', 1), OPENINGS, 'the');
    if (!b.ok) throw new Error('begin');
    const s = nw.offer(b.state, probs('dog'), TOKENS);
    expect(nw.pickTyped(s, '', VOCAB)).toEqual({ ok: false, problem: 'empty' });
    expect(nw.pickTyped(s, 'zebra', VOCAB)).toEqual({ ok: false, problem: 'unknown' });
    expect(nw.pickTyped(s, '🙂', VOCAB)).toEqual({ ok: false, problem: 'notAWord' });
    const typed = nw.pickTyped(s, ' Moon ', VOCAB);
    expect(typed.ok && nw.lastResult(typed.state)?.pick.token).toBe('moon');
    expect(typed.ok && typed.state.text).toBe('the moon');
  });

  it('rates guesses the model finds unlikely as not good, and a round of them earns one star', () => {
    let s = nw.start('en', 1);
    const b = nw.begin(s, OPENINGS, 'the');
    if (!b.ok) throw new Error('begin');
    s = b.state;
    for (let round = 0; round < nw.ROUNDS; round++) {
      s = nw.pick(nw.offer(s, probs('dog'), TOKENS), VOCAB.get(letters(800)) as number);
      expect(nw.isGood(nw.lastResult(s)?.rating ?? 'favourite')).toBe(false);
      s = nw.advance(s);
    }
    expect(nw.totalPoints(s)).toBe(0);
    expect(nw.stars(s)).toBe(1);
  });
});

describe('next-word: the end of the story', () => {
  it('is the tokenizer’s own end token, and no word is', () => {
    expect(nw.isEndOfStory(SPECIALS[EOS])).toBe(true);
    expect(nw.isEndOfStory('end')).toBe(false);
    expect(nw.isEndOfStory('.')).toBe(false);
  });
});

describe('next-word: what the sentence shows', () => {
  it('a blank while choosing, then the pick joined to the text before it, with capitals where sentences start', () => {
    const b = nw.begin(nw.start('en', 1), OPENINGS, 'the dog ran. then');
    if (!b.ok) throw new Error('begin');
    const choosing = nw.offer(b.state, probs('dog'), TOKENS);
    expect(nw.sentenceParts(choosing)).toEqual({ before: 'The dog ran. Then', joiner: ' ', added: null });
    const picked = nw.pick(choosing, VOCAB.get('.') as number);
    expect(nw.sentenceParts(picked)).toEqual({ before: 'The dog ran. Then', joiner: '', added: '.' });
    const zh = nw.begin(nw.start('zh', 1), OPENINGS, '小猫');
    expect(zh.ok && nw.sentenceParts(zh.state).joiner).toBe('');
  });

  it('tells first about unknown words in the player’s own opening, then about a cut, else nothing', () => {
    expect(nw.openingNote(['龘'], 3)).toBe('unknown');
    expect(nw.openingNote([], 3)).toBe('cut');
    expect(nw.openingNote([], 0)).toBe(null);
  });
});

import { describe, expect, it } from 'vitest';
import * as temp from '../../src/lessons/temperature';
import * as knobs from '../../src/lessons/knobs';
import * as land from '../../src/lessons/landscape';
import * as neuron from '../../src/lessons/neuron';
import { mulberry32 } from '../../src/lessons/rng';

const story = (tokens: string[], p = 0.3): temp.Story => ({
  text: tokens.join(' '),
  tokens,
  plain: tokens.map(() => p),
});
/** A story the level calls "just right" (no repeated triples, little surprise), one that repeats, one that falls apart. */
const fine = story('the little fox found a red ball and ran home to show her mother'.split(' '));
const loop = story('to the park to the park to the park to the park'.split(' '));
const wild = story('moon jar sing quickly under blue seven happy'.split(' '), 0.0005);

describe('temperature: the level as a state machine', () => {
  const openings = ['once upon a time', 'the sun'];

  it('writes the three matching texts at T = 0, 0.8 and 2, as long as the level and `npm run limits` say', () => {
    const s = temp.begin(temp.start('zh', 2, mulberry32(2)), openings);
    expect(s).toMatchObject({ phase: 'writing', prompt: 'the sun' });
    expect(temp.toWrite(s)).toEqual({ temperatures: [0, 0.8, 2], seed: 2, tokens: 60 });
    expect(temp.STORY_TOKENS).toEqual({ en: 40, zh: 60 });
    expect(temp.matchWritten(s, ['a', 'b'])).toBe(s);
    expect(temp.matchWritten(s, ['a', 'b', 'c'])).toMatchObject({
      phase: 'match',
      matchTexts: ['a', 'b', 'c'],
    });
  });

  it('labels, checks, then writes at the slider until a text is just right; the stars follow', () => {
    let s = temp.matchWritten(temp.begin(temp.start('en', 1, mulberry32(1)), openings), ['0', '1', '2']);
    expect(temp.checkLabels(s)).toBe(s); // not every text has a label yet
    s.match.order.forEach(
      (m, pos) => (s = temp.labelText(s, pos, (temp.MATCH[m] as (typeof temp.MATCH)[number]).label)),
    );
    s = temp.checkLabels(s);
    expect(s.phase).toBe('find');
    expect(s.right).toEqual([true, true, true]);
    s = temp.setTemperature(s, 7);
    expect(s.temperature).toBe(temp.MAX_T);
    expect(temp.setTemperature(s, Number.NaN)).toBe(s);
    s = temp.setTemperature(s, 0.8);
    // The game's seed (1) wrote the texts to match; step 2 writes with the seeds after it.
    expect(temp.toWrite(s)).toMatchObject({ temperatures: [0, 0.8, 2], seed: 2 });
    expect(temp.toWrite(s, true).seed).toBe(3);
    s = temp.written(s, 0.8, 2, [loop, loop, wild]);
    expect(s).toMatchObject({ phase: 'find', writes: 1, writesToJustRight: null });
    expect(s.written?.verdict).toBe('repeats');
    s = temp.written(s, 0.8, 3, [loop, wild, wild]);
    expect(s.written?.verdict).toBe('fallsApart');
    s = temp.written(s, 0.8, 4, [loop, fine, wild]);
    expect(s).toMatchObject({ phase: 'done', writes: 3, writesToJustRight: 3, writeSeed: 4 });
    expect(temp.levelStars(s)).toBe(3);
    // Writing on after the win keeps the first just-right write.
    s = temp.written(s, 1.5, 4, [loop, wild, wild]);
    expect(s.writesToJustRight).toBe(3);
  });

  it('never writes step 2 with the seed that wrote the texts to match, however often it rolls again', () => {
    for (const seed of [1, 2, 7, 123_456, 2 ** 31]) {
      let s = temp.begin(temp.start('en', seed, mulberry32(seed)), openings);
      const matched = temp.toWrite(s).seed;
      s = temp.matchWritten(s, ['0', '1', '2']);
      s.match.order.forEach(
        (m, pos) => (s = temp.labelText(s, pos, (temp.MATCH[m] as (typeof temp.MATCH)[number]).label)),
      );
      s = temp.setTemperature(temp.checkLabels(s), temp.BOOK_T);
      const seeds = [temp.toWrite(s).seed];
      for (let roll = 0; roll < 20; roll++) {
        const { seed: next } = temp.toWrite(s, true);
        seeds.push(next);
        s = temp.written(s, temp.BOOK_T, next, [loop, loop, loop]);
      }
      expect(seeds).not.toContain(matched);
      expect(new Set(seeds.slice(1)).size).toBe(20);
    }
  });

  it('a wrong first check costs the bonus stars', () => {
    let s = temp.matchWritten(temp.begin(temp.start('en', 1, mulberry32(1)), openings), ['0', '1', '2']);
    for (let pos = 0; pos < 3; pos++) s = temp.labelText(s, pos, 'boring');
    s = temp.checkLabels(s);
    expect(s.phase).toBe('match');
    s.match.order.forEach(
      (m, pos) => (s = temp.labelText(s, pos, (temp.MATCH[m] as (typeof temp.MATCH)[number]).label)),
    );
    s = temp.written(temp.checkLabels(s), 0.8, 1, [loop, fine, wild]);
    expect(temp.levelStars(s)).toBe(1);
  });
});

describe('knobs: the level as a state machine', () => {
  it('the computer’s rate comes from the bowl’s own curvature, below 2/L, and its descent reaches the goal', () => {
    const L = knobs.steepestCurvature(knobs.TOWER);
    expect(knobs.COMPUTER_RATE).toBeCloseTo(0.05 / L, 12);
    expect(knobs.COMPUTER_RATE).toBeLessThan(2 / L);
    let s = knobs.turn(knobs.begin(knobs.startLevel()), [1.75, 0.85, -0.1]);
    expect(s.phase).toBe('won');
    s = knobs.runComputer(s);
    expect(s.path).toHaveLength(knobs.COMPUTER_STEPS + 1);
    s = knobs.showSteps(s, 10);
    expect(s).toMatchObject({ phase: 'computer', shown: 10 });
    s = knobs.showSteps(s, 10_000);
    expect(s).toMatchObject({ phase: 'done', shown: knobs.COMPUTER_STEPS });
    expect(knobs.won(knobs.shownKnobs(s))).toBe(true);
  });

  it('keeps the player’s best fit for the stars, however the knobs are turned after it', () => {
    let s = knobs.begin(knobs.startLevel());
    s = knobs.turn(s, [1.75, 0.8, -0.1]);
    const best = s.best;
    s = knobs.turn(s, [0, 0, 0]);
    expect(s.best).toBe(best);
    expect(s.phase).toBe('won');
    expect(knobs.levelStars(s)).toBe(knobs.stars(best));
    expect(knobs.levelStars(s)).toBe(3);
    // Before the level begins, turning does nothing.
    expect(knobs.turn(knobs.startLevel(), [1, 1, 1]).knobs).toEqual(knobs.START);
  });
});

describe('loss landscape: the level as a state machine', () => {
  it('counts rolls, keeps the first winning roll and how many rolls it took', () => {
    let s = land.begin(land.startLevel());
    s = land.aim(s, { drop: 0, rate: 'medium' }); // hill A, medium: trapped in the high lake
    s = land.rollBall(s);
    expect(s).toMatchObject({ phase: 'rolling', rolls: 1, shown: 0 });
    s = land.showSteps(s, 1);
    expect(s.shown).toBe(1);
    expect(land.ballOf(s)).toEqual(s.last?.path[1]);
    s = land.showSteps(s, 1000);
    expect(s).toMatchObject({ phase: 'aim', win: null });
    s = land.rollBall(land.aim(s, { drop: 2 })); // hill C, medium: the lowest lake
    s = land.showSteps(s, 1000);
    expect(s.phase).toBe('done');
    expect(s.last?.outcome).toBe('lowest');
    expect(s.winRolls).toBe(2);
    expect(land.levelStars(s)).toBe(land.stars(s.win, 2));
    expect(land.levelStars(s)).toBe(2);
  });

  it('the ball’s neuron is the level’s: its weights, the held bias, a sigmoid', () => {
    expect(land.ballNeuron({ w1: 3, w2: -1 })).toEqual({ w1: 3, w2: -1, b: land.B, activation: 'sigmoid' });
    expect(neuron.correct(land.ballNeuron(land.LOWEST)).every(Boolean)).toBe(true);
  });
});

describe('neuron: the level as a state machine', () => {
  it('sorting every animal wins, losing one takes it back, and the stars come with the nearest-point step', () => {
    let s = neuron.begin(neuron.startLevel());
    expect(s.phase).toBe('sort');
    s = neuron.change(s, { w1: 5, w2: -5, b: 0 });
    expect(s.phase).toBe('sorted');
    expect(neuron.levelStars(s)).toBe(0);
    s = neuron.change(s, { w1: 0 });
    expect(s.phase).toBe('sort');
    expect(neuron.showNearest(s)).toBe(s);
    s = neuron.showNearest(neuron.change(s, { w1: 8, w2: -9.5, activation: 'sigmoid' }));
    expect(s.phase).toBe('nearest');
    expect(neuron.levelStars(s)).toBe(3);
  });
});

describe('loss landscape: the map of the weight plane', () => {
  it('places the map’s corners at its ranges, and back again', () => {
    expect(land.toMap({ w1: land.MAP.w1[0], w2: land.MAP.w2[1] })).toEqual({ u: 0, v: 1 });
    const w = { w1: 3.5, w2: -2.25 };
    const m = land.toMap(w);
    expect(land.fromMap(m.u, m.v).w1).toBeCloseTo(w.w1, 12);
    expect(land.fromMap(m.u, m.v).w2).toBeCloseTo(w.w2, 12);
  });
});

describe('temperature: what the screen shows', () => {
  it('says the last write’s verdict, else the last check’s result, else nothing', () => {
    let s = temp.matchWritten(temp.begin(temp.start('en', 1, mulberry32(1)), ['x']), ['0', '1', '2']);
    expect(temp.feedback(s)).toBe(null);
    for (let pos = 0; pos < 3; pos++) s = temp.labelText(s, pos, 'boring');
    s = temp.checkLabels(s);
    expect(temp.feedback(s)).toBe('matchWrong');
    s.match.order.forEach(
      (m, pos) => (s = temp.labelText(s, pos, (temp.MATCH[m] as (typeof temp.MATCH)[number]).label)),
    );
    expect(temp.feedback(s)).toBe(null); // a new label clears the old check
    s = temp.checkLabels(s);
    expect(temp.feedback(s)).toBe('matchRight');
    s = temp.written(s, 1, 1, [loop, loop, wild]);
    expect(temp.feedback(s)).toBe('repeats');
  });

  it('shows the top ten words at the slider’s temperature, never padding, unknown or begin, once per value', () => {
    const tokens = ['<pad>', '<unk>', '<bos>', '<eos>', ...Array.from({ length: 20 }, (_, i) => `w${i}`)];
    // The model gives the special tokens next to nothing; the words share the rest, the first most.
    const probs = Float64Array.from(tokens, (_, i) => (i < 3 ? 1e-6 : 1 / (i + 1)));
    const top = temp.topWords();
    const at1 = top(probs, 1, tokens);
    expect(at1).toHaveLength(10);
    expect(at1.map((b) => b.token)).not.toContain('<pad>');
    expect(top(probs, 1, tokens)).toBe(at1);
    const at0 = top(probs, 0, tokens);
    expect(at0).not.toBe(at1);
    expect(at0[0]).toEqual({ token: '<eos>', p: 1 });
    expect(top(new Float64Array(), 1, tokens)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import * as lesson from '../../src/lessons/drawDigit';
import { SIGNS, preparedSign } from '../../src/lessons/signs';
import { mulberry32 } from '../../src/lessons/rng';

/** Plays the digits part: the first `wrong` reads wrong, then right ones until the part is won. */
function winDigits(seed: number, wrong = 0): lesson.DrawDigitState {
  let s = lesson.newGame(seed);
  for (let i = 0; i < wrong; i++) s = lesson.readDigit(s, (lesson.askedDigit(s) + 1) % 10);
  while (s.phase === 'digits') s = lesson.readDigit(s, lesson.askedDigit(s));
  return s;
}

/** Teaches `ids` with five examples each and trains. */
function teach(s: lesson.DrawDigitState, ids: readonly (typeof SIGNS)[number][]): lesson.DrawDigitState {
  let t = lesson.startSigns(s);
  for (const id of ids) {
    t = lesson.chooseSign(t, id);
    for (let k = 0; k < lesson.EXAMPLES; k++) t = lesson.addExample(t);
  }
  expect(lesson.canTrain(t)).toBe(true);
  return lesson.trained(lesson.startTraining(t));
}

function test5(s: lesson.DrawDigitState, right: number): lesson.DrawDigitState {
  let t = s;
  for (let i = 0; i < lesson.TESTS; i++) t = lesson.recordTest(t, i < right ? 10 + lesson.askedSign(t) : 3);
  return t;
}

describe('draw-digit: the digits', () => {
  it('asks the ten digits in a seeded order, each once before any again', () => {
    const s = lesson.newGame(42);
    expect([...s.order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(lesson.newGame(42).order).toEqual(s.order);
    expect(lesson.newGame(43).order).not.toEqual(s.order);
  });

  it('five read right win the part; wrong reads cost nothing; nonsense reads are ignored', () => {
    let s = lesson.newGame(1);
    expect(lesson.readDigit(s, 11)).toBe(s);
    expect(lesson.readDigit(s, 2.5)).toBe(s);
    s = winDigits(1, 3);
    expect(s.phase).toBe('digitsWon');
    expect(s.tries).toHaveLength(8);
    expect(lesson.digitsRight(s)).toBe(5);
    expect(lesson.starsFor(s)).toBe(1);
    expect(lesson.starsFor(lesson.readDigit(lesson.newGame(1), 0))).toBe(0);
  });
});

describe('draw-digit: a new sign', () => {
  it('up to three signs, five examples each before training, at most ten', () => {
    let s = lesson.startSigns(winDigits(2));
    expect(s.phase).toBe('signs');
    expect(lesson.canTrain(s)).toBe(false);
    for (const id of ['star', 'heart', 'one', 'two'] as const) s = lesson.chooseSign(s, id);
    expect(s.signs.map((t) => t.id)).toEqual(['star', 'heart', 'one']);
    expect(lesson.canAddSign(s)).toBe(false);
    s = lesson.chooseSign(s, 'star');
    expect(s.current).toBe(0);
    for (let i = 0; i < 4; i++) s = lesson.addExample(s);
    expect(lesson.canTrain(s)).toBe(false);
    s = lesson.addExample(s);
    // Star has its five: heart (the next short one) comes up.
    expect(s.current).toBe(1);
    for (let i = 0; i < 5; i++) s = lesson.addExample(s);
    // Heart has its five: "one" (still short) comes up; heart can be picked again for more, up to ten.
    expect(s.current).toBe(2);
    s = lesson.chooseSign(s, 'heart');
    for (let i = 0; i < 10; i++) s = lesson.addExample(s);
    expect(s.signs[1]?.examples).toBe(lesson.MAX_EXAMPLES);
    s = lesson.chooseSign(s, 'one');
    for (let i = 0; i < 5; i++) s = lesson.addExample(s);
    expect(lesson.canTrain(s)).toBe(true);
    expect(lesson.clearSigns(s).signs).toEqual([]);
  });

  it('stars: four in five with one sign is two, with two signs three; fewer is still one', () => {
    const won = winDigits(3);
    const one = test5(teach(won, ['star']), 4);
    expect(one.phase).toBe('result');
    expect(lesson.starsFor(one)).toBe(2);
    const low = test5(teach(won, ['star']), 3);
    expect(lesson.starsFor(low)).toBe(1);
    const two = test5(teach(won, ['star', 'heart']), 4);
    expect(lesson.starsFor(two)).toBe(3);
    expect(lesson.starsFor(test5(teach(won, ['star', 'heart']), 5))).toBe(3);
    // Teaching more after a good round keeps the best round.
    const again = test5(lesson.trained(lesson.startTraining(lesson.startSigns(two))), 1);
    expect(lesson.starsFor(again)).toBe(3);
    expect(again.trainings).toBe(2);
  });

  it('the tests ask each taught sign in turn', () => {
    let s = teach(winDigits(4), ['star', 'heart', 'one']);
    const asked: number[] = [];
    for (let i = 0; i < lesson.TESTS; i++) {
      asked.push(lesson.askedSign(s));
      s = lesson.recordTest(s, 0);
    }
    expect(asked).toEqual([0, 1, 2, 0, 1]);
    expect(lesson.testsRight(s.tests)).toBe(0);
  });

  it('the new layer tells signs from digits on made-up features; one example each does worse than five', () => {
    // Features: digits around one centre, each sign around its own, with wide scatter.
    const rng = mulberry32(9);
    const SPREAD = 1.6;
    const around = (c: number[], spread: number) =>
      Float32Array.from(c, (v) => Math.max(0, v + (rng() - 0.5) * spread));
    const centre = () => Array.from({ length: 16 }, () => rng() * 2);
    const [cd, c1, c2] = [centre(), centre(), centre()] as [number[], number[], number[]];
    const digits = Array.from({ length: 30 }, () => around(cd, SPREAD));
    const signs = [
      Array.from({ length: 5 }, () => around(c1, SPREAD)),
      Array.from({ length: 5 }, () => around(c2, SPREAD)),
    ];
    const tests = Array.from({ length: 40 }, (_, i) => ({
      asked: i % 2,
      features: around(i % 2 ? c2 : c1, SPREAD),
      chances: Array.from({ length: 10 }, (_, d) => (d === 0 ? 1 : 0)),
    }));
    const { one, all } = lesson.fewerExamples(digits, signs, tests, 5);
    expect(all).toBeGreaterThanOrEqual(36);
    expect(all).toBeGreaterThan(one);
  });
});

describe('draw-digit: what is kept', () => {
  it('a saved record is read back; anything odd is refused', () => {
    const grid = Array.from({ length: 784 }, (_, i) => i % 256);
    const saved = { version: 1, signs: [{ id: 'heart', grids: [grid, grid] }] };
    expect(lesson.parseSavedSigns(saved)).toEqual(saved);
    const s = lesson.withSavedSigns(
      lesson.startSigns(winDigits(5)),
      lesson.parseSavedSigns(saved) as lesson.SavedSigns,
    );
    expect(s.signs).toEqual([{ id: 'heart', examples: 2 }]);
    expect(lesson.parseSavedSigns(null)).toBeNull();
    expect(lesson.parseSavedSigns({ version: 2, signs: [] })).toBeNull();
    expect(lesson.parseSavedSigns({ version: 1, signs: [{ id: 'cat', grids: [] }] })).toBeNull();
    expect(lesson.parseSavedSigns({ version: 1, signs: [{ id: 'star', grids: [[1, 2]] }] })).toBeNull();
    expect(
      lesson.parseSavedSigns({ version: 1, signs: [{ id: 'star', grids: [grid.map(() => 300)] }] }),
    ).toBeNull();
  });
});

describe('draw-digit: prepared signs', () => {
  it('each sign has varied drawings inside the 28 × 28 picture', () => {
    for (const id of SIGNS) {
      const a = preparedSign(id, 0);
      const b = preparedSign(id, 1);
      expect(a).not.toEqual(b);
      expect(preparedSign(id, 0)).toEqual(a);
      for (const s of a) for (const [x, y] of s) expect(x >= 1 && x <= 27 && y >= 1 && y <= 27).toBe(true);
    }
    expect(preparedSign('three', 0)).toHaveLength(3);
  });
});

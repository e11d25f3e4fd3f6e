import { describe, expect, it } from 'vitest';
import * as lesson from '../../src/lessons/calculator';
import type { Complete, Mode, Problem } from '../../src/lessons/calculator';

const p = (a: number, op: lesson.Op, b: number): Problem => ({
  a,
  op,
  b,
  digits: Math.max(String(a).length, String(b).length),
});

/**
 * A fake model that writes `script(prompt)` one character at a time, stopping after a stop
 * character or `max` characters, as the worker's greedy writing does; it records every call.
 */
function fake(script: (text: string) => string): { complete: Complete; calls: string[][] } {
  const calls: string[][] = [];
  const complete: Complete = (texts, stops, max) => {
    calls.push(texts);
    return Promise.resolve(
      texts.map((text) => {
        const all = script(text);
        let out = '';
        for (const c of all) {
          if (out.length >= max) break;
          out += c;
          if (stops.includes(c)) break;
        }
        return out;
      }),
    );
  };
  return { complete, calls };
}

describe('the calculator and the lines it reads', () => {
  it('answers a call at the end of a line, and nothing else', () => {
    expect(lesson.calculator('[calc 37×48]')).toBe('1776');
    expect(lesson.calculator('[calc 23+58]')).toBe('81');
    expect(lesson.calculator('12[calc 9999×9999]')).toBe('99980001');
    expect(lesson.calculator('[calc 37×]')).toBeNull();
    expect(lesson.calculator('[calc 3+4×5]')).toBeNull();
    expect(lesson.calculator('[calc 37×48]17')).toBeNull();
    expect(lesson.calculator('81')).toBeNull();
    expect(lesson.callIn('[calc 37×48]1776')).toBe('37×48');
    expect(lesson.callIn('1776')).toBeNull();
  });

  it('reads the answer after "=" or after the call', () => {
    expect(lesson.answerOf('81')).toBe('81');
    expect(lesson.answerOf('[calc 23+58]81')).toBe('81');
    expect(lesson.answerOf('[calc 23+58]')).toBeNull();
    expect(lesson.answerOf('')).toBeNull();
    expect(lesson.answerOf('8+1')).toBeNull();
  });

  it('writes the problem as the models read it', () => {
    expect(lesson.prompt(p(37, '×', 48))).toBe('\n37×48=');
    expect(lesson.solve(p(37, '×', 48))).toBe(1776);
    expect(lesson.solve(p(23, '+', 58))).toBe(81);
  });
});

describe('a team answers', () => {
  // A tool user that copies the problem into a call, and guesses 999 when nobody answers.
  const toolUser = (text: string): string => {
    const [, q = ''] = /\n(.*)=/u.exec(text) ?? [];
    return text.endsWith(']') ? '999\n' : `[calc ${q}]`;
  };

  it('plugged in, the calculator answers the call and the line ends', async () => {
    const { complete, calls } = fake(toolUser);
    const [a] = await lesson.answer([p(37, '×', 48)], 'plugged', complete);
    expect(a).toMatchObject({ written: '[calc 37×48]1776', fromTool: 4, answer: '1776', right: true });
    expect(calls).toEqual([['\n37×48=']]);
  });

  it('unplugged, nobody answers: the model goes on after the "]" by itself', async () => {
    const { complete, calls } = fake(toolUser);
    const [a] = await lesson.answer([p(37, '×', 48)], 'unplugged', complete);
    expect(a).toMatchObject({ written: '[calc 37×48]999', fromTool: 0, answer: '999', right: false });
    expect(calls).toEqual([['\n37×48='], ['\n37×48=[calc 37×48]']]);
  });

  it('a call the calculator cannot read is not answered: the model goes on', async () => {
    const { complete } = fake((text) => (text.endsWith(']') ? '5\n' : '[calc 3×]'));
    const [a] = await lesson.answer([p(3, '×', 4)], 'plugged', complete);
    expect(a).toMatchObject({ written: '[calc 3×]5', fromTool: 0, answer: '5', right: false });
  });

  it('the guesser writes its answer up to the end of the line', async () => {
    const { complete } = fake((text) => (text.includes('+') ? '81\n' : '1700\n'));
    const answers = await lesson.answer([p(23, '+', 58), p(37, '×', 48)], 'guess', complete);
    expect(answers.map((a) => [a.answer, a.right])).toEqual([
      ['81', true],
      ['1700', false],
    ]);
  });

  it('a model that never ends its line is stopped after BUDGET characters', async () => {
    const { complete } = fake(() => '1'.repeat(100));
    const [a] = await lesson.answer([p(1, '+', 1)], 'guess', complete);
    expect(a?.written).toBe('1'.repeat(lesson.BUDGET));
    expect(a?.right).toBe(false);
  });

  it('counts the right answers by number of digits', async () => {
    const problems = [p(1, '+', 2), p(3, '+', 4), p(12, '+', 34), p(56, '×', 78), p(9, '×', 9)];
    // Right on one-digit sums only.
    const { complete } = fake((text) => {
      const [, a = '0', op, b = '0'] = /\n(\d+)([+×])(\d+)=/u.exec(text) ?? [];
      const right = lesson.solve({ a: Number(a), op: op as lesson.Op, b: Number(b) });
      return `${a.length === 1 ? right : right + 1}\n`;
    });
    const scores = lesson.byDigits(await lesson.answer(problems, 'guess', complete));
    expect(scores).toEqual([
      { digits: 1, right: 3, total: 3, percent: 100 },
      { digits: 2, right: 0, total: 2, percent: 0 },
    ]);
    expect(lesson.percentAt(scores, 2)).toBe(0);
    expect(lesson.percentAt(scores, 4)).toBe(0);
  });

  it('percent to one decimal', () => {
    const a = (right: boolean): lesson.Answer => ({
      problem: p(1, '+', 1),
      written: '',
      fromTool: 0,
      answer: null,
      right,
    });
    expect(lesson.byDigits([a(true), a(false), a(false)])[0]?.percent).toBe(33.3);
  });
});

describe('a sum the player types', () => {
  it('reads sums as a child types them', () => {
    const ok = (s: string) => {
      const r = lesson.parseProblem(s);
      return r.kind === 'ok' ? lesson.problemText(r.problem) + ':' + r.problem.digits : r.kind;
    };
    expect(ok('12+7')).toBe('12+7:2');
    expect(ok(' 12 x 7 = ')).toBe('12×7:2');
    expect(ok('12*7')).toBe('12×7:2');
    expect(ok('１２＋７')).toBe('12+7:2');
    expect(ok('12乘7')).toBe('12×7:2');
    expect(ok('0012+7')).toBe('12+7:2');
    expect(ok('9999×9999')).toBe('9999×9999:4');
  });

  it('says what is wrong with bad input', () => {
    expect(lesson.parseProblem('').kind).toBe('empty');
    expect(lesson.parseProblem('   ').kind).toBe('empty');
    expect(lesson.parseProblem('🙂').kind).toBe('notSum');
    expect(lesson.parseProblem('cat').kind).toBe('notSum');
    expect(lesson.parseProblem('1+2+3').kind).toBe('notSum');
    expect(lesson.parseProblem('12-7').kind).toBe('notSum');
    expect(lesson.parseProblem('12345+1').kind).toBe('tooBig');
    expect(lesson.parseProblem('9'.repeat(100_000) + '+1').kind).toBe('tooBig');
  });
});

describe('the steps, the guesses and the stars', () => {
  const score = (p4: number): lesson.DigitScore[] =>
    lesson.DIGITS.map((digits) => ({ digits, right: 0, total: 10, percent: digits === 4 ? p4 : 100 }));

  const play = (guesses: Record<Mode, lesson.Guess>, big: Record<Mode, number>) => {
    let s = lesson.begin(lesson.start());
    for (const m of lesson.MODES) {
      expect(s.phase).toBe(m);
      expect(lesson.canTest(s)).toBe(false);
      // No test before the guess; the step does not move on before its test.
      expect(lesson.tested(s, m, score(big[m]))).toBe(s);
      expect(lesson.advance(s)).toBe(s);
      s = lesson.makeGuess(s, guesses[m]);
      expect(lesson.canTest(s)).toBe(true);
      s = lesson.tested(s, m, score(big[m]));
      // The guess is kept as it was once the test has run.
      expect(lesson.makeGuess(s, guesses[m] === 'mostRight' ? 'mostWrong' : 'mostRight')).toBe(s);
      s = lesson.advance(s);
    }
    return s;
  };

  it('the team with the calculator is best; guesses that came true are stars', () => {
    let s = play(
      { guess: 'mostWrong', plugged: 'mostRight', unplugged: 'mostWrong' },
      { guess: 5, plugged: 100, unplugged: 0 },
    );
    expect(s.phase).toBe('best');
    expect(lesson.bestTeam(s)).toBe('plugged');
    expect(lesson.stars(s)).toBe(0);
    s = lesson.pickBest(s, 'guess');
    expect(s.phase).toBe('best');
    s = lesson.pickBest(s, 'plugged');
    expect(s.phase).toBe('done');
    expect(s.bestTries).toEqual(['guess', 'plugged']);
    expect(lesson.stars(s)).toBe(3);
  });

  it('no guess came true: one star for finishing; two came true: two', () => {
    let s = play(
      { guess: 'mostRight', plugged: 'mostWrong', unplugged: 'mostRight' },
      { guess: 5, plugged: 100, unplugged: 0 },
    );
    expect(lesson.guessCameTrue(s, 'guess')).toBe(false);
    s = lesson.pickBest(s, 'plugged');
    expect(lesson.stars(s)).toBe(1);
    s = play(
      { guess: 'mostWrong', plugged: 'mostRight', unplugged: 'mostRight' },
      { guess: 5, plugged: 100, unplugged: 0 },
    );
    expect(lesson.stars(lesson.pickBest(s, 'plugged'))).toBe(2);
  });

  it('what "mostly right" means: half or more of the 4-digit sums', () => {
    expect(lesson.outcome(score(50))).toBe('mostRight');
    expect(lesson.outcome(score(49.9))).toBe('mostWrong');
  });

  it('the best team is read from the tests, a tie going to the calculator', () => {
    const s = play(
      { guess: 'mostRight', plugged: 'mostRight', unplugged: 'mostRight' },
      { guess: 100, plugged: 100, unplugged: 60 },
    );
    expect(lesson.bestTeam(s)).toBe('plugged');
    const t = play(
      { guess: 'mostRight', plugged: 'mostRight', unplugged: 'mostRight' },
      { guess: 100, plugged: 90, unplugged: 60 },
    );
    expect(lesson.bestTeam(t)).toBe('guess');
  });
});

import { describe, expect, it } from 'vitest';
import * as lesson from '../../src/lessons/teach';

describe('teach: the level rules', () => {
  it('checks the sentences: empty, too few, too many, too long, no words, pictures left out', () => {
    expect(lesson.checkSentences('').problem).toBe('empty');
    expect(lesson.checkSentences('a.\nb.\n\n').problem).toBe('tooFew');
    const five = ['My cat is Pip.', 'I like soup.', 'Mom says hi.', 'We play ball.', 'Dad sings.'];
    expect(lesson.checkSentences(five.join('\n'))).toMatchObject({ problem: null, pictures: false });
    expect(lesson.checkSentences(Array(21).fill('I like soup.').join('\n')).problem).toBe('tooMany');
    const long = lesson.checkSentences([...five, 'a'.repeat(lesson.MAX_CHARS + 1)].join('\n'));
    expect(long).toMatchObject({ problem: 'tooLong', line: 6 });
    expect(lesson.checkSentences([...five.slice(0, 4), '123 !!!'].join('\n'))).toMatchObject({
      problem: 'noWords',
      line: 5,
    });
    const emoji = lesson.checkSentences(['My cat 🐱 is Pip.', ...five.slice(1)].join('\n'));
    expect(emoji).toMatchObject({ problem: null, pictures: true });
    expect(emoji.sentences[0]).toBe('My cat is Pip.');
    expect(lesson.checkSentences('🐱\n🐶\n🍕\n🍦\n🌈').problem).toBe('empty');
    expect(lesson.checkSentences(five.join('\r\n')).sentences).toHaveLength(5);
  });

  it('has ready sets in both languages, each 5 to 20 sentences with a probe not in them', () => {
    for (const lang of ['en', 'zh'] as const) {
      expect(lesson.EXAMPLES[lang].map((e) => e.id)).toEqual(['food', 'pet', 'saying']);
      for (const set of lesson.EXAMPLES[lang]) {
        expect(lesson.checkSentences(set.sentences.join('\n')).problem).toBeNull();
        expect(lesson.inSentences(set.probe, set.sentences)).toBe(false);
      }
    }
  });

  it('offers a first beginning: the ready set’s own, else the first sentence cut', () => {
    const food = lesson.EXAMPLES.en[0];
    expect(lesson.firstProbe('en', food?.sentences ?? [])).toBe(food?.probe);
    expect(lesson.firstProbe('en', ['My cat is called Pip.'])).toBe('My cat is called');
    expect(lesson.firstProbe('zh', ['我的小猫叫豆豆。'])).toBe('我的小猫');
  });

  it('knows a beginning that is in the sentences', () => {
    const s = ["Lily's favorite food is soup."];
    expect(lesson.inSentences("lily's favorite food", s)).toBe(true);
    expect(lesson.inSentences("Ben's favorite food is", s)).toBe(false);
    expect(lesson.inSentences('  ', s)).toBe(true);
    expect(lesson.inSentences('小明最喜欢', ['小明最喜欢吃饺子。'])).toBe(true);
  });

  it('counts the words the change brought into the top 3: the player’s words, made much likelier', () => {
    const w = (id: number, p = 0.5, token = `w${id}`) => ({ id, token, p });
    const before = [w(1), w(2), w(3)];
    expect(lesson.newWords(before, [w(9, 0.3), w(1), w(2)], new Set([9]), [0.05, 0.3, 0.2])).toEqual([
      w(9, 0.3),
    ]);
    // Not much likelier than before, not the player's, or a mark: not counted.
    expect(lesson.newWords(before, [w(9, 0.3), w(1), w(2)], new Set([9]), [0.2, 0.3, 0.2])).toEqual([]);
    expect(lesson.newWords(before, [w(8), w(1)], new Set([9]), [0.001, 0.3])).toEqual([]);
    expect(lesson.newWords(before, [w(7, 0.5, '.'), w(1)], new Set([7]), [0.001, 0.3])).toEqual([]);
    expect(lesson.newWords(before, [w(1, 0.5, '<unk>')], new Set([1]), [0.001])).toEqual([]);
    expect(lesson.newWords([w(2)], [w(1, 0.16, '<unk>')], new Set([1]), [0.034])).toHaveLength(1);
    expect(lesson.newWords([w(2)], [w(5, 0.9, '饺')], new Set([5]), [0.001])).toHaveLength(1);
  });

  it('gives stars for training, a taught word on a new beginning, and little forgetting; the best stays', () => {
    let s = lesson.newGame();
    expect(lesson.stars(s)).toBe(0);
    s = lesson.trained(lesson.startTraining(s), 4, 0.02);
    expect(lesson.starsNow(s)).toBe(0);
    s = lesson.trained(s, 5, 0.2);
    expect(s.phase).toBe('compare');
    expect(lesson.starsNow(s)).toBe(1);
    expect(lesson.starsNow(lesson.compared(s, false, [{ id: 1, token: 'x' }]))).toBe(1);
    s = lesson.compared(s, true, [{ id: 1, token: 'x' }]);
    expect(lesson.starsNow(s)).toBe(2);
    s = lesson.compared(lesson.trained(s, 8, 0.05), true, [{ id: 1, token: 'x' }]);
    expect(lesson.stars(s)).toBe(3);
    // Teaching again harder does not take the stars away.
    s = lesson.trained(lesson.chooseSetting(s, 'hard'), 8, 0.5);
    expect(lesson.starsNow(s)).toBe(1);
    expect(lesson.stars(s)).toBe(3);
    s = lesson.changed(s, null);
    expect(s).toMatchObject({ phase: 'write', trainedOn: 0, forgetting: null });
    expect(lesson.backToWrite(lesson.trained(s, 5, 0)).phase).toBe('write');
  });
});

describe('the words the model does not know', () => {
  it('are the unknown words of the text, each once; marks and pictures are not words', () => {
    const known = new Map([
      ['my', 4],
      ['cat', 5],
      ['is', 6],
      ['called', 7],
      ['.', 8],
    ]);
    expect(lesson.unknownWords('en', 'My cat is called Zibble. 🐱 Zibble!', known)).toEqual(['zibble']);
    expect(
      lesson.unknownWords(
        'zh',
        '我的猫叫豆豆。',
        new Map([
          ['我', 4],
          ['的', 5],
        ]),
      ),
    ).toEqual(['猫', '叫', '豆']);
  });
});

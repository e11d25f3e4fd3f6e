import { describe, expect, it } from 'vitest';
import {
  BOS,
  EOS,
  SPECIALS,
  Tokenizer,
  UNK,
  type VocabFile,
  applyMerges,
  buildVocab,
  continuesWord,
  countTokens,
  learnMerges,
  normalize,
  tokenize,
  typedText,
  withMerges,
  zhMarks,
} from '../../src/lm/tokenizer';
import { readFileSync } from 'node:fs';

const enText = [
  'Once upon a time, there was a little girl named Lily.',
  '"Can you help me?" she asked. Her mom smiled and said, "Yes, we can!"',
  "Lily's dog didn't like the rain; he hid under the bed (it was warm).",
];
const zhText = ['从前，有一只小兔子。', '它说：“我们一起去玩吧！”', '天黑了，小兔子回家了。'];

const en = new Tokenizer(
  buildVocab('en', countTokens('en', enText), { coverage: 1, minCount: 1, maxSize: 1000 }),
);
const zh = new Tokenizer(
  buildVocab('zh', countTokens('zh', zhText), { coverage: 1, minCount: 1, maxSize: 1000 }),
);

describe('English tokenizer', () => {
  it('splits lower-cased words, contractions and punctuation', () => {
    expect(tokenize('en', "Lily's dog DIDN'T run, “really”!")).toEqual([
      'lily',
      "'s",
      'dog',
      'didn',
      "'t",
      'run',
      ',',
      '"',
      'really',
      '"',
      '!',
    ]);
  });

  it('decoding the encoding gives back the normalized text', () => {
    for (const text of enText) {
      const ids = en.encode(text);
      expect(ids).not.toContain(UNK);
      expect(en.decode(ids)).toBe(normalize('en', text));
    }
    expect(normalize('en', enText[1] as string)).toBe(
      '"can you help me?" she asked. her mom smiled and said, "yes, we can!"',
    );
    expect(normalize('en', enText[2] as string)).toBe(
      "lily's dog didn't like the rain; he hid under the bed (it was warm).",
    );
  });

  it('unknown words become <unk> and are reported', () => {
    const ids = en.encode('Lily saw a zebra.');
    expect(ids.filter((i) => i === UNK)).toHaveLength(2);
    expect(en.unknown('Lily saw a zebra.')).toEqual(['saw', 'zebra']);
    expect(en.decode(ids)).toBe('lily <unk> a <unk>.');
  });

  it('copes with empty input, emoji, Chinese in English and very long input', () => {
    expect(en.encode('')).toEqual([]);
    expect(en.encode('   \n\t ')).toEqual([]);
    expect(tokenize('en', 'I love 🐶 and 🍕!')).toEqual(['i', 'love', '🐶', 'and', '🍕', '!']);
    expect(en.encode('Lily 喜欢 dogs').length).toBe(4);
    const sentence = 'there was a little girl named lily. ';
    const long = sentence.repeat(277).padEnd(10_000, ' ');
    expect(long.length).toBe(10_000);
    const ids = en.encode(long);
    expect(ids.length).toBeGreaterThan(2000);
    expect(en.decode(ids)).toBe(normalize('en', long));
  });

  it('drops special tokens when decoding, except <unk>', () => {
    expect(en.decode([BOS, en.id('lily'), EOS, 0])).toBe('lily');
    expect(en.tokens.slice(0, 4)).toEqual([...SPECIALS]);
  });
});

describe('Chinese tokenizer', () => {
  it('one token per character, punctuation kept, whitespace dropped', () => {
    expect(tokenize('zh', '小兔子 说：“你好！”')).toEqual([
      '小',
      '兔',
      '子',
      '说',
      '：',
      '“',
      '你',
      '好',
      '！',
      '”',
    ]);
  });

  it('decoding the encoding gives back the normalized text', () => {
    for (const text of zhText) expect(zh.decode(zh.encode(text))).toBe(normalize('zh', text));
    expect(normalize('zh', '小兔子 回家了。')).toBe('小兔子回家了。');
  });

  it('mixed Chinese and English, emoji and unknown characters', () => {
    expect(tokenize('zh', 'AI 很棒🙂')).toEqual(['A', 'I', '很', '棒', '🙂']);
    expect(zh.unknown('小猫🙂')).toEqual(['猫', '🙂']);
    expect(zh.decode(zh.encode('小猫'))).toBe('小<unk>');
    expect(zh.encode('')).toEqual([]);
    const long = '小兔子回家了。'.repeat(1429).slice(0, 10_000);
    expect(zh.encode(long)).toHaveLength(10_000);
  });
});

describe('Chinese marks typed the ASCII way', () => {
  /** The shipped Chinese vocabulary: the marks it has are the full-width ones. */
  const shipped = new Tokenizer(JSON.parse(readFileSync('public/models/zh/vocab.json', 'utf8')) as VocabFile);

  it('an opening typed with ASCII or half-width marks, or folded by NFKC, reads as the full-width one', () => {
    const written = '小猫说：“我们去玩吧！”小狗问：“去哪儿？”它们走了，走了……';
    const typed = [
      '小猫说:"我们去玩吧!"小狗问:"去哪儿?"它们走了,走了......',
      written.normalize('NFKC'),
      '小猫说：「我们去玩吧！」小狗问：「去哪儿？」它们走了，走了……',
    ];
    for (const text of typed) {
      expect(tokenize('zh', text).join('')).toBe(written);
      expect(typedText('zh', text)).toBe(written);
    }
    // The shipped model knows every mark of it (whatever the characters).
    const marks = tokenize('zh', typed[0] as string).filter((c) => !/\p{Script=Han}/u.test(c));
    expect(marks.length).toBeGreaterThan(8);
    for (const m of marks) expect(shipped.has(m), `the vocabulary has “${m}”`).toBe(true);
    expect(shipped.unknown(typed[0] as string).filter((c) => !/\p{Script=Han}/u.test(c))).toEqual([]);
  });

  it('a full stop becomes 。 but a number keeps its point; English keeps its ASCII marks', () => {
    expect(zhMarks('天黑了.')).toBe('天黑了。');
    expect(zhMarks('小熊有3.5个苹果.')).toBe('小熊有3.5个苹果。');
    expect(zhMarks("他说'好'。")).toBe('他说‘好’。');
    expect(zhMarks('(答案:蜂鸟)')).toBe('（答案：蜂鸟）');
    expect(typedText('en', 'Hi, Tom!')).toBe('Hi, Tom!');
    expect(typedText('en', 'Ｈｉ，Tom！')).toBe('Hi,Tom!');
    expect(tokenize('en', 'hi, tom!')).toEqual(['hi', ',', 'tom', '!']);
  });

  it('text already written with the full-width marks is left as it was', () => {
    for (const text of zhText) expect(zhMarks(text)).toBe(text);
  });
});

describe('a whole word', () => {
  it('an English contraction piece continues the word before it; a 字 never does', () => {
    expect(continuesWord('en', "'t")).toBe(true);
    expect(continuesWord('en', "'s")).toBe(true);
    expect(continuesWord('en', "'")).toBe(false);
    expect(continuesWord('en', 'was')).toBe(false);
    expect(continuesWord('en', '.')).toBe(false);
    expect(continuesWord('zh', '子')).toBe(false);
    expect(continuesWord('zh', '。')).toBe(false);
  });
});

describe('vocabulary', () => {
  it('keeps the most frequent tokens until the coverage is reached', () => {
    const counts = new Map([
      ['the', 50],
      ['a', 30],
      ['cat', 15],
      ['zebra', 5],
    ]);
    expect(buildVocab('en', counts, { coverage: 0.8, minCount: 1, maxSize: 100 }).tokens.slice(4)).toEqual([
      'the',
      'a',
    ]);
    expect(buildVocab('en', counts, { coverage: 0.95, minCount: 1, maxSize: 100 }).tokens.slice(4)).toEqual([
      'the',
      'a',
      'cat',
    ]);
    expect(buildVocab('en', counts, { coverage: 1, minCount: 10, maxSize: 100 }).tokens.slice(4)).toEqual([
      'the',
      'a',
      'cat',
    ]);
    expect(() => new Tokenizer({ lang: 'en', tokens: ['a', 'b'] })).toThrow();
  });
});

describe('Chinese words: merges learned from the text (byte-pair encoding)', () => {
  const stories = [
    '妈妈说：“我们去公园。”爸爸说：“我们去公园吧！”',
    '妈妈和爸爸去公园，我们也去公园。',
    '小狗说：“妈妈，我们回家吧。”妈妈笑了。',
  ];
  const chars = buildVocab('zh', countTokens('zh', stories), { coverage: 1, minCount: 1, maxSize: 1000 });
  const known = new Set(chars.tokens);
  const learn = (count: number) =>
    learnMerges(stories, { count, minCount: 2, maxLength: 4, known: (c) => known.has(c) });

  it('joins the pair that comes most often first, and never across a mark', () => {
    const merges = learn(20);
    // Counted in runs of 字 between marks: 公园, 去公, 妈妈 and 我们 come 4 times each; the tie goes
    // to code order (公 < 去 < 妈 < 我), and once 公园 is a word, 去+公园 comes 4 times too.
    expect(merges.slice(0, 4)).toEqual(['公 园', '去 公园', '妈 妈', '我 们']);
    for (const m of merges) expect(m).toMatch(/^\p{Script=Han}+ \p{Script=Han}+$/u);
    // 园 is followed by a mark every time: no pair starts with it.
    expect(merges.some((m) => m.startsWith('园 '))).toBe(false);
    // The same text gives the same merges.
    expect(learn(20)).toEqual(merges);
    expect(learn(3)).toEqual(merges.slice(0, 3));
  });

  it('stops at the rarest pair it may join and at the longest word it may make', () => {
    const merges = learn(1000);
    const words = merges.map((m) => m.replace(' ', ''));
    for (const w of words) expect([...w].length).toBeLessThanOrEqual(4);
    const long = learnMerges(stories, { count: 1000, minCount: 2, maxLength: 2, known: (c) => known.has(c) });
    for (const m of long) expect([...m.replace(' ', '')]).toHaveLength(2);
    expect(learnMerges(stories, { count: 1000, minCount: 99, maxLength: 4, known: () => true })).toEqual([]);
  });

  it('encodes with the merges in their order and decodes back to the text', () => {
    const vocab = withMerges(chars, learn(20));
    const tok = new Tokenizer(vocab);
    expect(new Set(vocab.tokens).size).toBe(vocab.tokens.length);
    expect(tok.split('我们去公园，妈妈。')).toEqual(['我们', '去公园', '，', '妈妈', '。']);
    expect(tok.split('公园去')).toEqual(['公园', '去']);
    for (const text of [...stories, '小狗和妈妈回家了，我们去公园！'])
      expect(tok.decode(tok.encode(text))).toBe(normalize('zh', text));
    expect(tok.decode(tok.encode('妈妈🙂'))).toBe('妈妈<unk>');
    // An unknown 字 stays one unknown token and breaks the run around it.
    expect(tok.split('我们猫们')).toEqual(['我们', '猫', '们']);
    expect(tok.unknown('我们猫')).toEqual(['猫']);
    expect(applyMerges(['妈', '妈', '妈'], new Map([['妈 妈', 0]]))).toEqual(['妈妈', '妈']);
  });

  it('a vocabulary without merges (the shipped one) reads one token per 字', () => {
    const shipped = new Tokenizer(
      JSON.parse(readFileSync('public/models/zh/vocab.json', 'utf8')) as VocabFile,
    );
    expect(shipped.split('奶奶和妈妈说：“我们回家吧！”')).toEqual([...'奶奶和妈妈说：“我们回家吧！”']);
  });

  it('refuses a vocabulary whose merges are not its words', () => {
    expect(() => new Tokenizer({ ...chars, merges: ['妈 妈'] })).toThrow(/not a word/);
    expect(
      () => new Tokenizer({ lang: 'zh', tokens: [...SPECIALS, '。', '妈', '妈。'], merges: ['妈 。'] }),
    ).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { writtenStories } from '../../src/lm/corpus';
import {
  characterShares,
  charNgrams,
  distinctHan,
  duplicateSentenceShare,
  sentences,
  traditionalOnly,
  worstOverlap,
} from '../../src/lm/storyChecks';
import { loadStories, screenList, traditionalOnlyCharacters } from '../../scripts/stories-lib';

describe('the story checks themselves', () => {
  it('split sentences after 。！？ and a closing quote, keeping …… whole', () => {
    expect(sentences('小猫说：“你好！”小狗笑了。天黑了……月亮出来了？')).toEqual([
      '小猫说：“你好！”',
      '小狗笑了。',
      '天黑了……',
      '月亮出来了？',
    ]);
  });

  it('count a sentence repeated across stories as a duplicate', () => {
    const d = duplicateSentenceShare(['天亮了。小鸟叫了。', '天亮了。小狗跑了。', '天亮了。']);
    expect(d.total).toBe(5);
    expect(d.repeats).toBe(2);
    expect(d.share).toBeCloseTo(0.4);
  });

  it('find the pair of stories that share the most 8-grams, and none in unrelated text', () => {
    const a = '小兔子在森林里找到了一个红红的大苹果，她高兴地跳了起来。';
    const copy = '有一天，' + a;
    const other = '海边的螃蟹横着走路，小海龟笑他走得太慢了，可是浪来了。';
    expect(charNgrams('一二三四五六七八九', 8).size).toBe(2);
    const w = worstOverlap([other, a, copy]);
    expect([w.a, w.b]).toEqual([1, 2]);
    expect(w.share).toBe(1);
    expect(worstOverlap([a, other]).share).toBe(0);
  });

  it('know which characters only traditional Chinese writes', () => {
    const trad = traditionalOnlyCharacters();
    for (const c of ['們', '個', '發', '後', '裡', '麼', '載']) expect(trad.has(c), c).toBe(true);
    for (const c of ['们', '个', '发', '后', '里', '么', '着', '干', '小'])
      expect(trad.has(c), c).toBe(false);
    // From the tables' own format: 著 maps to itself too, so it stays.
    expect([...traditionalOnly('著 著 着|們 们', '们 們')]).toEqual(['們']);
  });

  it('read the story files: a # title, then paragraphs', () => {
    const docs = writtenStories('written/x.md', '# 小熊\n\n第一段。\n“第二段！”\n\n# 小鸟\n飞了。\n');
    expect(docs).toEqual([
      { id: 'written/x.md#小熊', text: '小熊第一段。“第二段！”' },
      { id: 'written/x.md#小鸟', text: '小鸟飞了。' },
    ]);
  });
});

describe('data/zh/stories-written', () => {
  const docs = loadStories();
  const texts = docs.map((d) => d.text);

  it('has at least 2,500 stories and 550,000 characters of text, each with a title and a body', () => {
    expect(docs.length).toBeGreaterThanOrEqual(2500);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    expect(texts.reduce((n, t) => n + [...t.replace(/\s/g, '')].length, 0)).toBeGreaterThanOrEqual(550_000);
    for (const d of docs) expect([...d.text].length, d.id).toBeGreaterThan(100);
  });

  it('uses at least 1,500 distinct characters and no traditional-only one', () => {
    const han = distinctHan(texts);
    expect(han.size).toBeGreaterThanOrEqual(1500);
    const trad = traditionalOnlyCharacters();
    expect([...han].filter((c) => trad.has(c))).toEqual([]);
  });

  it('repeats under 2 % of its sentences exactly', () => {
    expect(duplicateSentenceShare(texts).share).toBeLessThan(0.02);
  });

  it('has no two stories sharing more than 30 % of their character 8-grams', () => {
    const w = worstOverlap(texts);
    expect(w.share, `${docs[w.a]?.id} / ${docs[w.b]?.id}`).toBeLessThanOrEqual(0.3);
  }, 30_000);

  it('gives no character with a pet name (小杰, 阿福) a part in more than 2 % of the stories', () => {
    const shares = characterShares(texts);
    expect(shares.size).toBeGreaterThanOrEqual(150);
    const most = [...shares].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(most[0]?.[1] ?? 1, JSON.stringify(most)).toBeLessThanOrEqual(0.02);
  });

  it('contains nothing from the screen list', () => {
    const screen = screenList('zh');
    expect(screen.length).toBeGreaterThan(0);
    expect(docs.filter((d) => screen.some((w) => d.text.includes(w))).map((d) => d.id)).toEqual([]);
  });
});

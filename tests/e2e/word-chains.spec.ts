import type { Page } from '@playwright/test';
import {
  test,
  expect,
  checkControls,
  expectNoLongTask,
  fill,
  finishLevel,
  levelPhase,
  levelState,
  need,
  quiet,
  startLevel,
  watchLongTasks,
  TABLET_ZH,
  type Game,
  DESKTOP_EN,
} from './fixtures';
import * as lesson from '../../src/lessons/wordChains';
import enWC from '../../locales/en/wordChains.json' with { type: 'json' };
import zhWC from '../../locales/zh/wordChains.json' with { type: 'json' };
import enData from '../../public/data/word-chains/en.json' with { type: 'json' };
import zhData from '../../public/data/word-chains/zh.json' with { type: 'json' };

interface Question {
  options: number[];
  answer: number;
  tries: number[];
  solved: boolean;
}

interface ShownChain {
  words: string[];
  copy: lesson.Copy;
  copied: boolean;
}

interface ChainsState {
  phase: lesson.Phase;
  loaded: boolean;
  lang: 'en' | 'zh';
  start: string[];
  startMessage: string | null;
  followers: [string, number][];
  n: number;
  chains: ShownChain[];
  copying: boolean[];
  answerN: number;
  picks: number[];
  pairs: Question;
  real: Question;
  stars: number;
}

const state = (game: Game) => levelState<ChainsState>(game);
const DATA = { en: enData as lesson.WordChainsData, zh: zhData as lesson.WordChainsData };
const TEXT = { en: enWC, zh: zhWC };
const streams = { en: lesson.Stream.of(DATA.en), zh: lesson.Stream.of(DATA.zh) };
const locale = (lang: 'en' | 'zh') => (lang === 'zh' ? 'zh-CN' : 'en');

/** A big number as the level writes it (1.6 billion, 16亿). */
function big(n: number, lang: 'en' | 'zh'): string {
  const { value, level } = lesson.inWords(n, lang);
  const shown = value.toLocaleString(locale(lang));
  return level === 0 ? shown : fill(TEXT[lang][`num${level}`], { value: shown });
}

/**
 * The chains on screen are the shipped stories' chains: each word follows the words before it
 * there, the framed run is the longest run the copy finder finds in the shipped stream, and the
 * frame, its tag and the stamp say so in words.
 */
async function checkChains(page: Page, s: ChainsState): Promise<void> {
  const lang = s.lang;
  const stream = streams[lang];
  expect(s.chains).toHaveLength(lesson.CHAINS);
  await expect(page.getByTestId('chain')).toHaveCount(lesson.CHAINS);
  for (const [i, c] of s.chains.entries()) {
    const ids = c.words.map((w) => need(stream.id(w), `word ${w}`));
    expect(c.words.slice(0, s.start.length)).toEqual(s.start);
    expect(stream.longestCopy(ids)).toEqual(c.copy);
    const { run } = lesson.chainText(lang, c.words, c.copy);
    const item = page.getByTestId('chain').nth(i);
    await expect(item.getByTestId('copy')).toHaveText(`${TEXT[lang].copyTag}${run}`);
    await expect(item).toHaveAttribute('data-copied', c.copied ? 'true' : 'false');
    const stamp = c.copied ? TEXT[lang].copiedStamp : TEXT[lang].notCopiedStamp;
    await expect(item.getByTestId('stamp')).toHaveText(
      fill(stamp, { count: c.copy.length, all: c.words.length }),
    );
  }
}

/** The numbers of the last screen, from the shipped figures of the whole training text. */
async function checkDone(page: Page, lang: 'en' | 'zh'): Promise<void> {
  const c = DATA[lang].corpus;
  const n = (x: number) => x.toLocaleString(locale(lang));
  await expect(page.getByTestId('done-pairs')).toHaveText(
    fill(TEXT[lang].donePairs, { all: big(1_600_000_000, lang), pairs: n(c.pairs) }),
  );
  await expect(page.getByTestId('done-triples')).toHaveText(
    fill(TEXT[lang].doneTriples, { all: big(64_000_000_000_000, lang), triples: n(c.triples) }),
  );
  const empty = lesson.percentDown(lesson.emptyShare(c.words, c.pairs));
  expect(empty).toBeGreaterThan(99);
  expect(empty).toBeLessThan(100);
  await expect(page.getByTestId('done-empty')).toHaveText(
    fill(TEXT[lang].doneEmpty, { words: n(c.words), empty: empty.toLocaleString(locale(lang)) }),
  );
  await expect(page.getByTestId('plot-summary')).toHaveText(
    fill(TEXT[lang].pictureSummary, { all: big(1_600_000_000, lang), pairs: n(c.pairs) }),
  );
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('a start word (bad ones kindly refused), the biggest n not mostly copied, both numbers: three stars, kept on the map', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'word-chains', 'touch');
    let s = await levelPhase<ChainsState>(game, 'start');
    expect(s.lang).toBe('zh');
    await expect(page.getByTestId('start-goal')).toHaveText(zhWC.startChoose);
    await expect(page.getByTestId('unit-note')).toHaveText(zhWC.unitNote);
    await checkControls(page, 'start');

    // Bad input: empty, emoji, English, 100,000 characters: a kind word each, nothing lost.
    const input = page.getByTestId('start-input');
    const use = page.getByTestId('use');
    const message = page.getByTestId('start-message');
    await use.tap();
    await expect(message).toHaveText(zhWC.startEmpty);
    await input.fill('🙂🎉');
    await use.tap();
    await expect(message).toHaveText(zhWC.startNothing);
    await input.fill('cat');
    await use.tap();
    await expect(message).toHaveText(fill(zhWC.startUnknown, { word: 'cat' }));
    // A pasted 100,000 characters: the box keeps twice what is read, says it is too long, and no task of
    // the main thread is long.
    await input.fill('小猫'.repeat(50_000));
    await expect(input).toHaveValue('小猫'.repeat(lesson.MAX_TYPED));
    await quiet(page);
    const longest = await watchLongTasks(page);
    await use.tap();
    await expect(message).toHaveText(zhWC.startTooLong);
    expectNoLongTask('word-chains (zh, tablet): a typed start of 100,000 characters', await longest());
    s = await state(game);
    expect(s.start).toEqual([]);
    expect(s.phase).toBe('start');
    await expect(input).toHaveValue('小猫'.repeat(lesson.MAX_TYPED));

    // The book starts from "cat": 小猫, on its tile. What follows it is counted in the shipped stories.
    await page.getByTestId('starts').getByTestId('tile').filter({ hasText: '小猫' }).tap();
    await expect.poll(async () => (await state(game)).start).toEqual(['小猫']);
    const stream = streams.zh;
    const after = [...stream.followers([need(stream.id('小猫'))])].sort((a, b) => b[1] - a[1]);
    s = await state(game);
    expect(s.followers[0]?.[1]).toBe(after[0]?.[1]);
    await expect(page.getByTestId('follows')).toContainText('“小猫”后面：');
    await page.getByTestId('make-chains').tap();

    s = await levelPhase<ChainsState>(game, 'chain');
    await checkChains(page, s);
    await checkControls(page, 'chain');
    const want = s.answerN;
    expect(s.copying[want - 1]).toBe(false);
    for (let n = want + 1; n <= lesson.MAX_N; n++) expect(s.copying[n - 1]).toBe(true);
    const slider = page.getByTestId('slider');
    const box = need(await slider.boundingBox(), 'slider box');
    await slider.tap({ position: { x: 8 + ((want - 1) / 3) * (box.width - 16), y: box.height / 2 } });
    await expect.poll(async () => (await state(game)).n).toBe(want);
    s = await state(game);
    await checkChains(page, s);
    await page.getByTestId('pick-n').tap();

    await levelPhase<ChainsState>(game, 'pairs');
    const tiles = page.getByTestId('tiles').getByTestId('tile');
    await expect(tiles).toHaveCount(4);
    await checkControls(page, 'pairs');
    await tiles.filter({ hasText: big(1_600_000_000, 'zh') }).tap();
    await expect(page.getByTestId('message')).toHaveText(
      fill(zhWC.pairsRight, { answer: big(1_600_000_000, 'zh') }),
    );
    await page.getByTestId('next').tap();

    s = await levelPhase<ChainsState>(game, 'real');
    const c = DATA.zh.corpus;
    await expect(page.getByTestId('hint')).toHaveText(
      fill(zhWC.realHint, { tokens: big(lesson.rough(c.tokens), 'zh') }),
    );
    expect(s.real.answer).toBe(lesson.rough(c.pairs));
    await tiles.filter({ hasText: new RegExp(`^\\d${big(s.real.answer, 'zh')}$`) }).tap();
    await expect(page.getByTestId('message')).toHaveText(
      fill(zhWC.realRight, { exact: c.pairs.toLocaleString('zh-CN') }),
    );
    await page.getByTestId('next').tap();

    s = await levelPhase<ChainsState>(game, 'done');
    expect(s.stars).toBe(3);
    await checkDone(page, 'zh');
    await checkControls(page, 'done');
    expect(await finishLevel(game, 'word-chains', 'touch', '只靠数数，只能抄')).toEqual({
      id: 'word-chains',
      state: 'done',
      stars: 3,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use(DESKTOP_EN);

  test('keys alone win it: cat, a wrong n first, both numbers; an unknown word loses nothing', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'word-chains', 'keyboard');
    let s = await levelPhase<ChainsState>(game, 'start');
    expect(s.lang).toBe('en');
    const first = page.getByTestId('starts').getByTestId('tile').first();
    await expect(first).toBeFocused();
    await expect(first).toContainText('cat');
    await page.keyboard.press('1');
    await expect.poll(async () => (await state(game)).start).toEqual(['cat']);
    await expect(page.getByTestId('make-chains')).toBeFocused();
    const stream = streams.en;
    const top = need(
      [...stream.followers([need(stream.id('cat'))])].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0],
    );
    expect((await state(game)).followers[0]?.[1]).toBe(top[1]);

    // A word our stories never use: said kindly, and "cat" stays the start.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('start-input')).toBeFocused();
    await page.keyboard.type('Zzyzx');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('start-message')).toHaveText(fill(enWC.startUnknown, { word: 'zzyzx' }));
    expect((await state(game)).start).toEqual(['cat']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('make-chains')).toBeFocused();
    await page.keyboard.press('Enter');

    s = await levelPhase<ChainsState>(game, 'chain');
    await expect(page.getByTestId('slider')).toBeFocused();
    await checkChains(page, s);
    const want = s.answerN;
    // A wrong n first (one that copies, or one too small): this step earns no star.
    const wrong = want < lesson.MAX_N ? lesson.MAX_N : want - 1;
    await page.keyboard.press(String(wrong));
    await expect.poll(async () => (await state(game)).n).toBe(wrong);
    s = await state(game);
    await checkChains(page, s);
    for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
    await expect(page.getByTestId('pick-n')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message')).toHaveText(
      wrong > want ? fill(enWC.copies, { n: wrong }) : enWC.tooSmall,
    );
    await page.keyboard.press(String(want));
    await expect.poll(async () => (await state(game)).n).toBe(want);
    await page.keyboard.press('Enter');

    s = await levelPhase<ChainsState>(game, 'pairs');
    const tiles = page.getByTestId('tiles').getByTestId('tile');
    await expect(tiles.first()).toBeFocused();
    await page.keyboard.press(String(s.pairs.options.indexOf(1_600_000_000) + 1));
    await expect(page.getByTestId('message')).toHaveText(fill(enWC.pairsRight, { answer: '1.6 billion' }));
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');

    s = await levelPhase<ChainsState>(game, 'real');
    await expect(tiles.first()).toBeFocused();
    await page.keyboard.press(String(s.real.options.indexOf(s.real.answer) + 1));
    await expect(page.getByTestId('message')).toHaveText(
      fill(enWC.realRight, { exact: DATA.en.corpus.pairs.toLocaleString('en') }),
    );
    await page.keyboard.press('Enter');

    s = await levelPhase<ChainsState>(game, 'done');
    expect(s.stars).toBe(2);
    await checkDone(page, 'en');
    expect((await finishLevel(game, 'word-chains', 'keyboard', 'Counting can only copy')).stars).toBe(2);
  });
});

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
import enDice from '../../locales/en/letterDice.json' with { type: 'json' };
import zhDice from '../../locales/zh/letterDice.json' with { type: 'json' };
import enData from '../../public/data/letter-dice/en.json' with { type: 'json' };
import zhData from '../../public/data/letter-dice/zh.json' with { type: 'json' };

interface Question {
  options: string[];
  answer: string;
  tries: string[];
  solved: boolean;
}

interface DiceState {
  phase: 'intro' | 'letters' | 'pairs' | 'roll' | 'own';
  loaded: boolean;
  lang: 'en' | 'zh';
  letters: Question;
  pairs: Question;
  row: string;
  follows: [string, number][];
  n: number;
  rolls: string[];
  shares: number[];
  answerN: number;
  picks: number[];
  stars: number;
  own: { kind: string; counted: number; top: [string, number][] } | null;
  ownStatus: 'idle' | 'counting' | 'done';
}

/** The controls checked on each screen: the own text is a textarea. */
const CONTROLS = '#ui button:visible, #ui input:visible, #ui textarea:visible';
const state = (game: Game) => levelState<DiceState>(game);

/** What follows `row` in the shipped data, with the real count. */
function followerOf(data: { rows: string[]; follows: unknown[] }, row: string): [string, number] {
  return need((data.follows[data.rows.indexOf(row)] as [string, number][])[0], `followers of ${row}`);
}

/** Waits inside the page (no DevTools polling in a measured window) until the own text is counted. */
async function countedInPage(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const start = performance.now();
        const check = (): void => {
          const s = window.__owaat.level?.state as { ownStatus?: string } | undefined;
          if (s?.ownStatus === 'done') resolve();
          else if (performance.now() - start > 30_000) reject(new Error('never counted'));
          else setTimeout(check, 200);
        };
        check();
      }),
  );
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('the most common 字, what follows 蝴, the smallest n: three stars, kept on the map', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'letter-dice', 'touch');
    let s = await levelPhase<DiceState>(game, 'letters');
    expect(s.lang).toBe('zh');
    await checkControls(page, 'letters', CONTROLS);
    await expect(page.getByTestId('instruction')).toHaveText(zhDice.lettersChoose);
    await page.getByTestId('tile').filter({ hasText: s.letters.answer }).tap();
    await expect(page.getByTestId('message')).toContainText(`对了！“${s.letters.answer}”最常见`);
    await page.getByTestId('next').tap();

    await levelPhase<DiceState>(game, 'pairs');
    // A tap on the map picks the row under it: the first row is 一 … (the data's order).
    const plot = need(await page.getByTestId('playfield').boundingBox(), 'pair map box');
    await page.getByTestId('playfield').tap({ position: { x: plot.width / 2, y: plot.height / 2 } });
    await expect.poll(async () => (await state(game)).row).not.toBe(zhData.rows[0]);
    await page.getByTestId('row-蝴').tap();
    const [after, count] = followerOf(zhData, '蝴');
    expect(after).toBe('蝶');
    await expect(page.getByTestId('follows')).toContainText(`“蝴”后面：蝶 ${count}`);
    expect((await state(game)).row).toBe('蝴');
    await checkControls(page, 'pairs', CONTROLS);
    await page.getByTestId('tile').filter({ hasText: '蝶' }).tap();
    await expect(page.getByTestId('message')).toHaveText(
      fill(zhDice.pairsRight, { row: '蝴', answer: '蝶', count: String(count) }),
    );
    await page.getByTestId('next').tap();

    s = await levelPhase<DiceState>(game, 'roll');
    expect(s.rolls).toHaveLength(8);
    expect(s.shares).toHaveLength(4);
    // Real words are framed and ticked, not coloured alone.
    await expect(page.getByTestId('roll')).toHaveCount(8);
    await checkControls(page, 'roll', CONTROLS);
    const slider = page.getByTestId('slider');
    const box = need(await slider.boundingBox(), 'slider box');
    const want = s.answerN;
    await slider.tap({ position: { x: 8 + ((want - 1) / 3) * (box.width - 16), y: box.height / 2 } });
    await expect.poll(async () => (await state(game)).n).toBe(want);
    s = await state(game);
    expect(s.shares[want - 1]).toBeGreaterThan(0.5);
    for (let n = 1; n < want; n++) expect(s.shares[n - 1]).toBeLessThanOrEqual(0.5);
    if (s.rolls.some((r) => r.length > 1))
      await expect(page.locator('[data-real="true"] .dice-check').first()).toHaveText('✓');
    await page.getByTestId('pick-n').tap();
    s = await levelPhase<DiceState>(game, 'own');
    expect(s.stars).toBe(3);

    // The own text: empty gets a kind word, not a freeze.
    await page.getByTestId('count').tap();
    await expect(page.getByTestId('own-message')).toHaveText(zhDice.ownEmpty);
    await page.getByTestId('own-text').fill('小猫在花园里追蝴蝶，蝴蝶飞走了。');
    await page.getByTestId('count').tap();
    await expect.poll(async () => (await state(game)).own?.kind).toBe('han');
    await expect(page.getByTestId('own-message')).toContainText('数了 14 个字和空格。最常见的：蝴、蝶');
    await checkControls(page, 'own', CONTROLS);
    expect(await finishLevel(game, 'letter-dice', 'touch', '电脑靠数数找到机会。')).toEqual({
      id: 'letter-dice',
      state: 'done',
      stars: 3,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use(DESKTOP_EN);

  test('keys alone win it; the own text counts 100,000 characters without a long task', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'letter-dice', 'keyboard');
    let s = await levelPhase<DiceState>(game, 'letters');
    expect(s.letters.answer).toBe('e');
    await expect(page.getByTestId('tile').first()).toBeFocused();
    // A wrong guess first: this step earns no star.
    const wrong = s.letters.options.findIndex((o) => o !== 'e');
    await page.keyboard.press(String(wrong + 1));
    await expect(page.getByTestId('message')).toHaveText(
      fill(enDice.lettersWrong, { pick: need(s.letters.options[wrong]) }),
    );
    await page.keyboard.press(String(s.letters.options.indexOf('e') + 1));
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');

    s = await levelPhase<DiceState>(game, 'pairs');
    await page.keyboard.press('q');
    await expect(page.getByTestId('row-q')).toBeFocused();
    await expect(page.getByTestId('row-q')).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('row-r')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    const [after, count] = followerOf(enData, 'q');
    expect(after).toBe('u');
    await expect(page.getByTestId('follows')).toContainText(`After “q”: u ${count.toLocaleString('en')}`);
    expect((await state(game)).follows[0]).toEqual(['u', count]);
    await page.keyboard.press(String(s.pairs.options.indexOf('u') + 1));
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');

    s = await levelPhase<DiceState>(game, 'roll');
    await expect(page.getByTestId('slider')).toBeFocused();
    for (let n = 1; n < s.answerN; n++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await state(game)).n).toBe(s.answerN);
    s = await state(game);
    expect(s.rolls).toHaveLength(8);
    await expect(page.getByTestId('real-count')).toHaveText(
      fill(enDice.realCount, { count: String(Math.round(need(s.shares[s.n - 1]) * 8)) }),
    );
    await expect(page.locator('[data-testid="roll"] [data-real="true"]')).toHaveCount(
      Math.round(need(s.shares[s.n - 1]) * 8),
    );
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('reroll')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('pick-n')).toBeFocused();
    await page.keyboard.press('Enter');
    s = await levelPhase<DiceState>(game, 'own');
    expect(s.stars).toBe(2);
    await expect(page.getByTestId('own-text')).toBeFocused();

    // Only emoji: nothing to count, said kindly.
    await page.keyboard.type('🙂🎉');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('count')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('own-message')).toHaveText(enDice.ownNothing);

    // 100,000 characters of mixed scripts: counted in slices, no task of the main thread over 50 ms.
    const big = 'Once upon a time, a fox met a bird. 🙂 从前有一只小狐狸。'.repeat(2000).slice(0, 100_000);
    await page.getByTestId('own-text').fill(big);
    await quiet(page);
    const longest = await watchLongTasks(page);
    await page.getByTestId('own-text').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await countedInPage(page);
    expectNoLongTask('letter-dice (en, desktop): counting 100,000 characters', await longest());
    s = await state(game);
    expect(s.own?.kind).toBe('mixed');
    expect(s.own?.top[0]?.[0]).toBe(' ');
    expect(need(s.own).counted).toBeGreaterThan(50_000);
    await expect(page.getByTestId('own-message')).toContainText('Counted');

    await page.getByTestId('count').focus();
    await page.keyboard.press('Tab');
    expect(
      (await finishLevel(game, 'letter-dice', 'keyboard', 'A computer finds its chances by counting.')).stars,
    ).toBe(2);
  });
});

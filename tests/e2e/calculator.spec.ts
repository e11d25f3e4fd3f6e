import type { Page } from '@playwright/test';
import {
  test,
  expect,
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
import * as lesson from '../../src/lessons/calculator';
import enCalc from '../../locales/en/calculator.json' with { type: 'json' };
import zhCalc from '../../locales/zh/calculator.json' with { type: 'json' };
import card from '../../public/models/arith/card.json' with { type: 'json' };
import problems from '../../public/data/calculator/problems.json' with { type: 'json' };

interface CalcState {
  phase: lesson.Phase | 'loading';
  plugged: boolean;
  testing: { done: number; total: number } | null;
  guesses: Partial<Record<lesson.Mode, lesson.Guess>>;
  scores: Partial<Record<lesson.Mode, lesson.DigitScore[]>>;
  bestTries: lesson.Mode[];
  problems: number;
  stars: number;
}

const state = (game: Game) => levelState<CalcState>(game);
/** What PyTorch measured on the same held-out problems (training/arith.py), percent by digits. */
const MEASURED = card.accuracyByDigits as Record<lesson.Mode, Record<string, number>>;
const TOTAL = problems.problems.length;
/** What really happens to each team on 4-digit sums, by the card. */
const outcome = (m: lesson.Mode): lesson.Guess => (need(MEASURED[m]['4']) >= 50 ? 'mostRight' : 'mostWrong');
const other = (g: lesson.Guess): lesson.Guess => (g === 'mostRight' ? 'mostWrong' : 'mostRight');

/** Every visible control has a name and is at least 44 × 44 px. */
async function checkControls(page: Page, where: string): Promise<void> {
  const controls = page.locator('#ui button:visible, #ui input:visible');
  const count = await controls.count();
  expect(count, where).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    await expect(control, `${where}: control ${i} has a name`).toHaveAccessibleName(/\S/);
    const box = need(await control.boundingBox(), `${where}: control ${i} box`);
    expect(Math.min(box.width, box.height), `${where}: control ${i} is big enough`).toBeGreaterThanOrEqual(
      44,
    );
  }
}

/**
 * The test of a team ran in the browser (onnxruntime-web in the worker) and its bars show what it
 * got right: the same percent at every number of digits as PyTorch measured on the same problems.
 */
async function checkBoard(game: Game, mode: lesson.Mode): Promise<void> {
  const page = game.page;
  await expect
    .poll(async () => (await state(game)).scores[mode] !== undefined, { timeout: 60_000 })
    .toBe(true);
  const s = await state(game);
  const scores = need(s.scores[mode]);
  expect(scores.map((x) => x.digits)).toEqual([...lesson.DIGITS]);
  for (const sc of scores) {
    expect(sc.total).toBe(TOTAL / lesson.DIGITS.length);
    expect(sc.percent, `${mode}, ${sc.digits} digits`).toBe(MEASURED[mode][String(sc.digits)]);
    const cell = page.getByTestId(`cell-${mode}-${sc.digits}`);
    await expect(cell).toHaveAttribute('data-percent', String(sc.percent));
    await expect(cell).toContainText(`${Math.round(sc.percent)}%`);
  }
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('three teams tested live, the plug pulled, bad sums kindly refused, the best team named: three stars on the map', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'calculator', 'touch');
    let s = await levelPhase<CalcState>(game, 'guess');
    expect(s.problems).toBe(TOTAL);
    await expect(page.getByTestId('instruction')).toHaveText(zhCalc.guessStep);
    await expect(page.getByTestId('plug')).toBeHidden();
    await checkControls(page, 'guess');
    const guessTile = (g: lesson.Guess) => page.locator(`[data-testid="guesses"] [data-guess="${g}"]`);

    // No test before a guess.
    await page.getByTestId('test').tap();
    await expect(page.getByTestId('message')).toHaveText(zhCalc.pickGuessFirst);
    await guessTile(outcome('guess')).tap();
    await page.getByTestId('test').tap();
    await checkBoard(game, 'guess');
    const g4 = need(MEASURED.guess['4']);
    await expect(page.getByTestId('message')).toHaveText(fill(zhCalc.cameTrue, { percent: g4 }));
    // Its lines: one a number of digits, each marked right or wrong in words.
    await expect(page.getByTestId('line')).toHaveCount(4);
    await expect(page.locator('.calc-tool')).toHaveCount(0);
    // Another language mid-game: the texts follow, the scores stay; and back.
    await expect(page.getByTestId('instruction')).toBeHidden();
    await page.getByTestId('lang-switch').tap();
    await expect(page.getByTestId('head-plugged')).toHaveText(enCalc.teams.plugged);
    await expect(page.getByTestId('message')).toHaveText(fill(enCalc.cameTrue, { percent: g4 }));
    await expect(page.getByTestId('cell-guess-4')).toHaveAttribute('data-percent', String(g4));
    await page.getByTestId('lang-switch').tap();
    await expect(page.getByTestId('head-plugged')).toHaveText(zhCalc.teams.plugged);
    await page.getByTestId('next').tap();

    // With the calculator: its answers come from the calculator, marked so.
    s = await levelPhase<CalcState>(game, 'plugged');
    expect(s.plugged).toBe(true);
    await expect(page.getByTestId('plug')).toHaveAttribute('aria-pressed', 'true');
    await checkControls(page, 'plugged');
    await guessTile(outcome('plugged')).tap();
    await quiet(page);
    const longest = await watchLongTasks(page);
    await page.getByTestId('test').tap();
    await checkBoard(game, 'plugged');
    expectNoLongTask(`calculator (zh, tablet): testing ${TOTAL} sums with the calculator`, await longest());
    await expect(page.locator('[data-testid="examples"] .calc-tool').first()).toBeVisible();
    await page.getByTestId('next').tap();

    // Pull the plug: the test waits until it is pulled, then the bars fall again.
    await levelPhase<CalcState>(game, 'unplugged');
    await guessTile(outcome('unplugged')).tap();
    await page.getByTestId('test').tap();
    await expect(page.getByTestId('message')).toHaveText(zhCalc.pullPlugFirst);
    await page.getByTestId('plug').tap();
    await expect(page.getByTestId('plug')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('plug')).toContainText(zhCalc.plugOut);
    await page.getByTestId('test').tap();
    await checkBoard(game, 'unplugged');
    expect(need(MEASURED.unplugged['4'])).toBeLessThan(need(MEASURED.plugged['4']));

    // Your own sum: empty, emoji, too big, then a real one, both models answering.
    const input = page.getByTestId('own-input');
    const ask = page.getByTestId('ask');
    const own = page.getByTestId('own-message');
    await ask.tap();
    await expect(own).toHaveText(zhCalc.ownEmpty);
    await input.fill('🙂🎉');
    await ask.tap();
    await expect(own).toHaveText(zhCalc.ownNotSum);
    await input.fill('123456×7');
    await ask.tap();
    await expect(own).toHaveText(zhCalc.ownTooBig);
    await expect(input).toHaveValue('123456×7');
    await input.fill('３７乘４８');
    await ask.tap();
    const lines = page.getByTestId('own-out').getByTestId('line');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toHaveAttribute('data-mode', 'guess');
    await expect(lines.nth(1)).toHaveAttribute('data-mode', 'unplugged');
    await expect(lines.nth(0)).toContainText('37×48=');
    expect((await state(game)).phase).toBe('unplugged');
    await page.getByTestId('next').tap();

    // The best team: a wrong one first, then the one with the calculator.
    await levelPhase<CalcState>(game, 'best');
    const team = (m: lesson.Mode) => page.locator(`[data-testid="teams"] [data-team="${m}"]`);
    await checkControls(page, 'best');
    await team('guess').tap();
    await expect(page.getByTestId('message')).toHaveText(zhCalc.bestWrong);
    await team('plugged').tap();
    await expect(page.getByTestId('message')).toHaveText(zhCalc.bestRight);
    s = await levelPhase<CalcState>(game, 'done');
    expect(s.stars).toBe(3);
    await expect(page.getByTestId('done-text')).toHaveText(
      fill(zhCalc.done, { plugged: need(MEASURED.plugged['4']), guess: g4 }),
    );
    expect(await finishLevel(game, 'calculator', 'touch', '两个合作')).toEqual({
      id: 'calculator',
      state: 'done',
      stars: 3,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use(DESKTOP_EN);

  test('keys alone win it; one guess that does not come true costs a star', async ({ game, page }) => {
    await startLevel(game, 'calculator', 'keyboard');
    await levelPhase<CalcState>(game, 'guess');
    const first = page.locator('[data-testid="guesses"] button').first();
    await expect(first).toBeFocused();
    const key = (g: lesson.Guess) => String(lesson.GUESSES.indexOf(g) + 1);

    await page.keyboard.press(key(outcome('guess')));
    await expect(page.getByTestId('test')).toBeFocused();
    await expect(page.getByTestId('test')).toHaveText(fill(enCalc.test, { count: TOTAL }));
    // The first test (the guesser's first sums in the worker) watched for long tasks of the main thread.
    await quiet(page);
    const longest = await watchLongTasks(page);
    await page.keyboard.press('Enter');
    await checkBoard(game, 'guess');
    expectNoLongTask(
      `calculator (en, desktop): the first test, ${TOTAL} sums without a tool`,
      await longest(),
    );
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');

    // The wrong guess for the calculator team: it does not come true.
    await levelPhase<CalcState>(game, 'plugged');
    await page.keyboard.press(key(other(outcome('plugged'))));
    await page.keyboard.press('Enter');
    await checkBoard(game, 'plugged');
    await expect(page.getByTestId('message')).toHaveText(
      fill(enCalc.notTrue, { percent: need(MEASURED.plugged['4']) }),
    );
    await page.keyboard.press('Enter');

    // The plug by keyboard: back one control from the test button.
    await levelPhase<CalcState>(game, 'unplugged');
    await page.keyboard.press(key(outcome('unplugged')));
    await expect(page.getByTestId('test')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('plug')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('plug')).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await checkBoard(game, 'unplugged');
    await page.keyboard.press('Enter');

    await levelPhase<CalcState>(game, 'best');
    await expect(page.locator('[data-testid="teams"] button').first()).toBeFocused();
    await page.keyboard.press(String(lesson.MODES.indexOf('plugged') + 1));
    await expect(page.getByTestId('message')).toHaveText(enCalc.bestRight);
    const s = await levelPhase<CalcState>(game, 'done');
    expect(s.stars).toBe(2);
    expect(
      (await finishLevel(game, 'calculator', 'keyboard', 'Together they beat either one alone')).stars,
    ).toBe(2);
  });
});

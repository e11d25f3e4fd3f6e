import { test, expect, levelPhase, levelState } from './fixtures';
import { maxStars } from '../../src/lessons/levels';

test.use({ locale: 'en-US' });

test('the language switch changes every text at once and persists across a reload', async ({
  game,
  page,
}) => {
  await game.goto();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('One Word at a Time');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('一次一个词');
  await expect(page.getByTestId('level-card').getByRole('heading')).toHaveText('一次一个词');
  await expect(page.getByTestId('total-stars')).toHaveText(`共 ${maxStars()} 颗星，已得 0 颗`);
  expect((await game.hook()).lang).toBe('zh');
  await page.reload();
  await game.ready();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('一次一个词');
  expect((await game.hook()).lang).toBe('zh');
  await page.getByTestId('lang-switch').click();
  await page.reload();
  await game.ready();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('One Word at a Time');
});

test('switching language in the middle of a level keeps the game where it was', async ({ game, page }) => {
  await game.goto('#/play/one-word?seed=11');
  await page.getByTestId('start').click();
  const first = await game.levelState();
  await page.locator('[data-testid="tile"][data-index="0"]').click();
  await page.getByTestId('next').click();
  const before = await game.levelState();
  expect(before.sentence).toBe('The best thing about AI is its ability to learn');
  await page.getByTestId('lang-switch').click();
  const after = await game.levelState();
  expect(after.picks).toEqual(before.picks);
  expect(after.phase).toBe('choose');
  expect(after.round).toBe(2);
  expect(after.sentence).toBe('人工智能最厉害的地方，是它能够学习');
  await expect(page.getByTestId('sentence')).toContainText('人工智能最厉害的地方，是它能够学习');
  await expect(page.getByTestId('instruction')).toHaveText('模型最喜欢哪个词？点一下你猜的词。');
  await expect(page.getByTestId('tile')).toHaveCount(5);
  expect(first.seed).toBe(11);
});

test('switching language in a model level with points asks first: keep goes on with the points, restart starts again', async ({
  game,
  page,
}) => {
  type S = { phase: string; points: number; round: number; text: string };
  await game.goto('#/play/next-word?seed=2');
  await levelPhase<S>(game, 'intro');
  await page.getByTestId('start').click();
  await levelPhase<S>(game, 'choose');
  await page.locator('[data-testid="tile"]').first().click();
  const before = await levelPhase<S>(game, 'reveal');
  expect(before.points).toBeGreaterThan(0);
  // Points earned: the switch asks, in the new language, and nothing is lost meanwhile.
  await page.getByTestId('lang-switch').click();
  const dialog = page.getByTestId('switch-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).not.toHaveText('');
  expect((await game.hook()).lang).toBe('zh');
  // A dialog takes taps only once it has been on screen a moment (no tap meant for the level lands on it).
  await expect(dialog).toHaveAttribute('data-armed', 'true');
  await dialog.getByTestId('switch-keep').click();
  await expect(dialog).toBeHidden();
  const kept = await levelState<S>(game);
  expect(kept.points).toBe(before.points);
  expect(kept.round).toBe(before.round);
  expect(kept.text).toBe(before.text);
  // Back to English, the game's own language: nothing to ask, nothing lost.
  await page.getByTestId('lang-switch').click();
  expect((await game.hook()).lang).toBe('en');
  await expect(page.getByTestId('switch-dialog')).toHaveCount(0);
  expect((await levelState<S>(game)).points).toBe(before.points);
  // Asked again, the player chooses to start over in Chinese.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('switch-dialog')).toHaveAttribute('data-armed', 'true');
  await page.getByTestId('switch-dialog').getByTestId('switch-restart').click();
  const fresh = await levelPhase<S>(game, 'intro');
  expect(fresh.points).toBe(0);
  expect((await game.hook()).lang).toBe('zh');
});

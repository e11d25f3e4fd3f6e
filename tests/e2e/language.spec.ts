import { test, expect } from './fixtures';
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

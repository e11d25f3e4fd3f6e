import { test, expect } from './fixtures';

test.use({ locale: 'en-US' });

test('a deep link opens its level straight away', async ({ game, page }) => {
  await game.goto('#/play/one-word');
  await game.expectScene('level-one-word');
  await expect(page.getByTestId('intro')).toBeVisible();
  await page.getByTestId('back').click();
  await game.expectScene('map');
  await expect(page).toHaveURL(/#\/$/);
  await page.goBack();
  await game.expectScene('level-one-word');
});

test('a link to an unknown level goes to the map with a friendly message', async ({ game, page }) => {
  await game.goto('#/play/dragons');
  await game.expectScene('map');
  await expect(game.toast()).toContainText("We couldn't find that level, so here is the map.");
  await expect(page).toHaveURL(/#\/$/);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('a link to the last level opens it in the player’s language', async ({ game, page }) => {
    await game.goto('#/play/teach');
    await game.expectScene('level-teach');
    await expect(page.getByTestId('intro')).toContainText('教小模型学会你自己的词');
  });
});

test('settings and credits have their own links', async ({ game, page }) => {
  await game.goto('#/settings');
  await game.expectScene('settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await game.goto('#/credits');
  await game.expectScene('credits');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Credits');
});

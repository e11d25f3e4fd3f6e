import { test, expect } from './fixtures';

test.use({ locale: 'en-US' });

test('sound, less motion and language are saved', async ({ game, page }) => {
  await game.goto();
  await page.getByTestId('open-settings').click();
  await game.expectScene('settings');
  const sound = page.getByRole('switch', { name: 'Sound' });
  const motion = page.getByRole('switch', { name: /Less motion/ });
  await expect(sound).toBeChecked();
  await expect(motion).not.toBeChecked();
  await sound.uncheck();
  await motion.check();
  await expect(page.locator('html')).toHaveClass(/reduce-motion/);
  await page.getByRole('radio', { name: '中文' }).check();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await page.reload();
  await game.ready();
  await expect(page.getByRole('switch', { name: '声音' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: /减少动画/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: '中文' })).toBeChecked();
  await expect(page.locator('html')).toHaveClass(/reduce-motion/);
});

test.describe('with reduced motion asked for by the system', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the game starts with less motion', async ({ game, page }) => {
    await game.goto('#/settings');
    await expect(page.getByRole('switch', { name: /Less motion/ })).toBeChecked();
    await expect(page.locator('html')).toHaveClass(/reduce-motion/);
  });
});

test('reset progress asks first; cancel keeps it, confirm clears it', async ({ game, page }) => {
  await game.goto('#/play/one-word');
  await game.playOneWord('mouse', () => true);
  await page.getByTestId('to-map').click();
  expect((await game.stations())[0]?.state).toBe('done');

  await page.getByTestId('open-settings').click();
  await page.getByTestId('reset').click();
  const dialog = page.getByTestId('reset-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Start over?');
  await expect(page.getByTestId('reset-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('back').click();
  expect((await game.stations())[0]?.state).toBe('done');

  await page.getByTestId('open-settings').click();
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('reset-dialog')).toHaveAttribute('data-armed', 'true');
  await page.getByTestId('reset-confirm').click();
  await expect(game.toast()).toContainText('Progress cleared. Have fun starting again!');
  await page.getByTestId('back').click();
  expect((await game.stations())[0]).toEqual({ id: 'one-word', state: 'open', stars: 0 });
  await page.reload();
  await game.ready();
  expect((await game.stations())[0]).toEqual({ id: 'one-word', state: 'open', stars: 0 });
  // Settings were kept.
  expect((await game.hook()).lang).toBe('en');
});

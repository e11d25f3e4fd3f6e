import { test, expect, checkControls, type Game, DESKTOP_EN } from './fixtures';
import type { Page } from '@playwright/test';

async function tour(game: Game, page: Page): Promise<void> {
  await game.goto();
  await checkControls(page, 'map');
  await game.goto('#/play/one-word');
  await checkControls(page, 'level intro');
  await page.getByTestId('start').click();
  await checkControls(page, 'level choose');
  await page.getByTestId('tile').first().click();
  await checkControls(page, 'level reveal');
  // The levels on the model.
  await game.goto('#/play/next-word?seed=1');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 20_000 });
  await checkControls(page, 'next-word intro');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('tile').first()).toBeEnabled({ timeout: 20_000 });
  await checkControls(page, 'next-word choose');
  await page.getByTestId('tile').first().click();
  await expect(page.getByTestId('next')).toBeVisible();
  await checkControls(page, 'next-word reveal');
  await game.goto('#/play/temperature?seed=1');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 20_000 });
  await checkControls(page, 'temperature intro');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('slider')).toBeEnabled({ timeout: 30_000 });
  await checkControls(page, 'temperature match');
  await game.goto('#/play/grammar?seed=1');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 20_000 });
  await checkControls(page, 'grammar intro');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('basket-sense')).toBeVisible();
  await checkControls(page, 'grammar sort');
  await game.goto('#/play/inside?seed=1');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 20_000 });
  await checkControls(page, 'inside intro');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('head').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('head').first().click();
  await expect(page.getByTestId('switch')).toBeVisible();
  await checkControls(page, 'inside heads');
  // Letter dice, word chains, the maths levels, draw a digit, the semantic map, rule 30 and the calculator.
  for (const id of [
    'letter-dice',
    'word-chains',
    'knobs',
    'neuron',
    'loss-landscape',
    'semantic-map',
    'rule-30',
    'calculator',
  ]) {
    await game.goto(`#/play/${id}`);
    await checkControls(page, `${id} intro`);
    await page.getByTestId('start').click();
    await expect(page.getByTestId('intro')).toBeHidden();
    await checkControls(page, `${id} playing`);
  }
  await game.goto('#/settings');
  await checkControls(page, 'settings');
  await game.goto('#/credits');
  await checkControls(page, 'credits');
}

/** Teach it your words: the sentences, then before and after (trained in the worker). */
async function teachTour(game: Game, page: Page): Promise<void> {
  await game.goto('#/play/teach?seed=1');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 20_000 });
  await checkControls(page, 'teach intro');
  await page.getByTestId('start').click();
  await page.getByTestId('example-food').click();
  await checkControls(page, 'teach write');
  await page.getByTestId('teach').click();
  await expect(page.getByTestId('side-after')).toBeVisible({ timeout: 60_000 });
  await checkControls(page, 'teach compare');
}

test.describe('on a phone in portrait', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, locale: 'zh-CN' });
  test('controls are labelled and big enough to tap', async ({ game, page }) => tour(game, page));
  test('teach: controls are labelled and big enough to tap', async ({ game, page }) => teachTour(game, page));
});

test.describe('on a phone on its side', () => {
  test.use({ viewport: { width: 844, height: 390 }, hasTouch: true, locale: 'en-US' });
  test('the map card and its Play button stay on screen; every station scrolls into view', async ({
    game,
    page,
  }) => {
    await game.goto();
    await expect(page.getByTestId('play')).toBeInViewport({ ratio: 1 });
    // The journey through the book's parts scrolls inside the map; the card beside it stays.
    for (const s of await page.locator('.station').all()) {
      await s.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await expect(s).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('play')).toBeInViewport({ ratio: 1 });
    }
  });
});

test.describe('on a desktop', () => {
  test.use(DESKTOP_EN);
  test('controls are labelled and big enough to tap', async ({ game, page }) => tour(game, page));
  test('teach: controls are labelled and big enough to tap', async ({ game, page }) => teachTour(game, page));

  test('the map stations are real buttons with names that say their state', async ({ game, page }) => {
    await game.goto();
    for (const [id, name] of [
      ['one-word', 'Level 1: One word at a time. Ready to play'],
      ['next-word', 'Level 2: Guess the next word. Locked'],
    ] as const) {
      await expect(game.station(id)).toHaveRole('button');
      await expect(game.station(id)).toHaveAccessibleName(name);
    }
    const map = page.getByRole('navigation');
    await expect(map).toBeVisible();
    await expect(map).toHaveAccessibleName('Level map');
  });
});

import { test, expect, type Game } from './fixtures';
import type { Page } from '@playwright/test';

/** Every visible control has a name and is at least 44 × 44 px. */
async function checkControls(page: Page, where: string): Promise<void> {
  const controls = page.locator('#ui button:visible, #ui input:visible, #toast button:visible');
  const count = await controls.count();
  expect(count, where).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const box = await control.boundingBox();
    // The name assistive technology announces (aria-label, its label, its text…), as the browser computes it.
    await expect(control, `${where}: control ${i} has a name`).toHaveAccessibleName(/\S/);
    const label = (await control.ariaSnapshot()).split('\n')[0];
    const target = await control.evaluate((el) => {
      // A checkbox or radio is tapped through its whole label; anything else by itself.
      const input = el as HTMLInputElement;
      const viaLabel = input.type === 'checkbox' || input.type === 'radio';
      const r = ((viaLabel ? input.labels?.[0] : null) ?? el).getBoundingClientRect();
      return { w: r.width, h: r.height };
    });
    expect(
      Math.min(target.w, target.h),
      `${where}: ${label} is big enough to tap (${JSON.stringify(box)})`,
    ).toBeGreaterThanOrEqual(44);
  }
}

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
  // Letter dice, word chains and the maths levels.
  for (const id of ['letter-dice', 'word-chains', 'knobs', 'neuron', 'loss-landscape', 'draw-digit']) {
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

test.describe('on a phone in portrait', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, locale: 'zh-CN' });
  test('controls are labelled and big enough to tap', async ({ game, page }) => tour(game, page));
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
  test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  test('controls are labelled and big enough to tap', async ({ game, page }) => tour(game, page));

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

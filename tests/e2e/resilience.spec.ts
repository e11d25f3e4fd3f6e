import { test, expect } from './fixtures';

test.use({ locale: 'en-US', viewport: { width: 820, height: 1180 }, hasTouch: true });

test('turning the tablet mid-level keeps the game and redraws it', async ({ game, page }) => {
  await game.goto('#/play/one-word?seed=21');
  await page.getByTestId('start').tap();
  await page.locator('[data-testid="tile"][data-index="1"]').tap();
  const before = await game.levelState();
  for (const size of [
    { width: 1180, height: 820 },
    { width: 390, height: 844 },
    { width: 844, height: 390 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    // The game has taken the turn: its canvas fills the new screen (the scene lays itself out on
    // that resize), and the level is where it was.
    await page.waitForFunction(({ width, height }) => {
      const canvas = document.querySelector('#game canvas');
      return canvas?.clientWidth === width && canvas.clientHeight === height;
    }, size);
    expect(await game.levelState()).toEqual(before);
    await expect
      .poll(async () => (await page.getByTestId('playfield').boundingBox())?.width)
      .toBeGreaterThan(100);
    for (const id of ['next', 'sentence', 'back', 'lang-switch']) {
      await expect(page.getByTestId(id), `${id} at ${size.width}×${size.height}`).toBeInViewport({
        ratio: 1,
      });
    }
    for (const tile of await page.getByTestId('tile').all()) await expect(tile).toBeInViewport({ ratio: 1 });
  }
  await page.getByTestId('next').tap();
  expect((await game.levelState()).round).toBe(2);
});

test('fast taps and key presses during transitions do not break the game', async ({ game, page }) => {
  await game.goto('#/play/one-word?seed=4');
  await page.keyboard.press('Enter');
  // Mashing the number keys picks once per round.
  for (const key of ['1', '2', '3', '1', '5']) await page.keyboard.press(key);
  let state = await game.levelState();
  expect(state.picks.length).toBe(1);
  expect(state.phase).toBe('reveal');
  // Mashing Enter on "Next word" moves one round per press, never past the end.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
  }
  state = await game.levelState();
  expect(state.phase).toBe('done');
  expect(state.picks.length).toBe(3);
  await expect(page.getByTestId('learned-card')).toBeVisible();
  // The Enter presses that ended the level did not also close its card.
  expect((await game.hook()).scene).toBe('level-one-word');
  // Jumping between screens faster than they can draw leaves exactly one screen: each jump
  // follows the moment the page has told the game of the one before (its hashchange event).
  await page.evaluate(async () => {
    for (const hash of ['#/', '#/play/one-word', '#/settings', '#/credits', '#/', '#/play/one-word']) {
      const told = new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
      location.hash = hash;
      await told;
    }
  });
  await game.expectScene('level-one-word');
  await expect(page.locator('#ui .screen')).toHaveCount(1);
  await expect(page.getByTestId('intro')).toBeVisible();
  await expect(page.locator('dialog')).toHaveCount(0);
});

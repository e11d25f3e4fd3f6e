import { test, expect } from './fixtures';

// The map is HTML: it shows before the game engine (Phaser) or the model runtime is downloaded.
// The engine comes when the player first touches the map, so the level they choose opens at once.
test('the map paints without the game engine, which comes at the first touch and opens the level', async ({
  game,
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.split('/').pop() ?? '');
  });
  await game.goto();
  await game.expectScene('map');
  await expect(game.station('one-word')).toBeVisible();
  const engine = (names: string[]): string[] => names.filter((n) => /^(phaser|game|ort)[.-]/.test(n));
  expect(engine(scripts)).toEqual([]);
  // No canvas yet: nothing of the map is drawn by the engine.
  await expect(page.locator('#game canvas')).toHaveCount(0);

  await game.station('one-word').click();
  await expect
    .poll(() => engine(scripts).sort())
    .toEqual([expect.stringMatching(/^game-/), expect.stringMatching(/^phaser-/)]);
  await page.getByTestId('play').click();
  await game.expectScene('level-one-word');
  await expect(page.locator('#game canvas')).toHaveCount(1);
  // Back on the map, the engine sleeps behind it; the level opens again without a new download.
  await page.goBack();
  await game.expectScene('map');
  await expect(page.locator('#game')).toHaveCSS('visibility', 'hidden');
  const before = scripts.length;
  await page.getByTestId('play').click();
  await game.expectScene('level-one-word');
  await expect(page.locator('#game')).toHaveCSS('visibility', 'visible');
  expect(scripts.length).toBe(before);
});

test('a deep link to a level starts the engine at once and shows the level', async ({ game, page }) => {
  await game.goto('#/play/one-word?seed=3');
  await game.expectScene('level-one-word');
  await expect(page.getByTestId('starting')).toHaveCount(0);
});

// A model level chosen on the map starts loading the model there, so it is ready when it opens.
test('choosing a model level on the map loads its model before the level opens', async ({ game, page }) => {
  const models: string[] = [];
  page.on('request', (r) => {
    if (/models\/(en|zh)\/model\.onnx$/.test(r.url())) models.push(new URL(r.url()).pathname);
  });
  await game.goto('#/play/one-word?seed=2');
  await game.playOneWord('mouse', () => true);
  expect(models).toEqual([]);
  await page.getByTestId('to-map').click();
  await game.expectScene('map');
  // The map chooses the next level, next-word, which asks the model: it loads now.
  await expect(game.station('next-word')).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => models).toEqual([expect.stringMatching(/models\/en\/model\.onnx$/)]);
  await page.getByTestId('play').click();
  await game.expectScene('level-next-word');
  await expect(page.getByTestId('start')).toBeEnabled();
  // The level used the load the map started: the model was fetched once.
  expect(models).toHaveLength(1);
});

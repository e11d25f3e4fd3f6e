import { test, expect, levelPhase, startLevel, type Game, DESKTOP_EN } from './fixtures';
import enT from '../../locales/en/teach.json' with { type: 'json' };
import enCommon from '../../locales/en/common.json' with { type: 'json' };

test.use(DESKTOP_EN);

interface Tile {
  token: string;
}

/** Next-word with the player's own beginning: the five tiles the model offers after it. */
async function tilesAfter(game: Game, beginning: string): Promise<string[]> {
  const page = game.page;
  await game.goto('#/play/next-word?seed=2');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('free-input').fill(beginning);
  await page.getByTestId('free-input').press('Enter');
  await expect
    .poll(async () => ((await game.hook()).level?.state as { phase?: string } | undefined)?.phase)
    .toBe('choose');
  const s = (await game.hook()).level?.state as { text: string; tiles: Tile[] };
  expect(s.text).toBe(beginning);
  return s.tiles.map((t) => t.token);
}

// The player lets the other levels use what they taught: next-word's words then come from the
// taught model, and say so; switched off, the model as trained is back.
test('what was taught is used by next-word only when the player says so', async ({ game, page }) => {
  test.setTimeout(240_000);
  await startLevel(game, 'teach', 'keyboard');
  await levelPhase(game, 'write');
  await page.getByTestId('example-food').click();
  await page.getByTestId('teach').click();
  await levelPhase(game, 'compare', 90_000);
  const share = page.getByTestId('share');
  await expect(share).not.toBeChecked();
  await expect(page.getByText(enT.share)).toBeVisible();

  const beginning = "Grandpa's favorite food is";
  // Not shared yet: next-word shows the model as trained.
  const before = await tilesAfter(game, beginning);
  expect(before).not.toContain('soup');
  await expect(page.getByTestId('intro-status')).not.toHaveText(enCommon.level.usesTaught);

  // Back in teach, what was taught is kept, and the switch with it.
  await game.goto('#/play/teach');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('start').click();
  await expect(share).toBeVisible();
  await share.check();
  const after = await tilesAfter(game, beginning);
  expect(after).toContain('soup');
  await game.goto('#/play/next-word?seed=2');
  await expect(page.getByTestId('intro-status')).toHaveText(enCommon.level.usesTaught);

  // Switched off again (kept over a reload): the model as trained.
  await game.goto('#/play/teach');
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('start').click();
  await expect(share).toBeChecked();
  await share.uncheck();
  expect(await tilesAfter(game, beginning)).toEqual(before);
});

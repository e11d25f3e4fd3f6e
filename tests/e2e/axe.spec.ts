import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type Game } from './fixtures';
import { LEVELS } from '../../src/lessons/levels';

// axe-core on every screen and every level (its intro, then its first step of play), in both
// languages, on a phone and on a tablet: no serious or critical violation of WCAG 2.x A/AA.

/** The serious and critical violations on the page now, with where they are. */
async function violations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // The canvas underneath is a picture of what the HTML says (aria-hidden): not a control.
    .exclude('#game')
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function tour(game: Game, page: Page): Promise<{ screens: number; found: string[] }> {
  const found: string[] = [];
  let screens = 0;
  const check = async (where: string): Promise<void> => {
    found.push(...(await violations(page, where)));
    screens++;
  };
  for (const hash of ['#/', '#/settings', '#/credits']) {
    await game.goto(hash);
    await check(hash);
  }
  for (const level of LEVELS.filter((l) => l.built)) {
    await game.goto(`#/play/${level.id}?seed=1`);
    await game.expectScene(`level-${level.id}`);
    const start = page.getByTestId('start');
    // A level on the model can start once its model is loaded.
    await expect(start).toBeEnabled({ timeout: 30_000 });
    await check(`${level.id} intro`);
    await start.click();
    await expect(page.getByTestId('intro')).toBeHidden();
    await check(`${level.id} playing`);
  }
  return { screens, found };
}

for (const [device, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['tablet', { width: 1024, height: 768 }],
] as const)
  for (const locale of ['en-US', 'zh-CN'])
    test.describe(`on a ${device} in ${locale}`, () => {
      test.use({ viewport, hasTouch: true, locale });
      test('axe finds no serious or critical violation on any screen or level', async ({ game, page }) => {
        const { screens, found } = await tour(game, page);
        console.log(`axe (${device}, ${locale}): ${screens} screens, ${found.length} serious or critical`);
        expect(screens).toBe(3 + 2 * LEVELS.filter((l) => l.built).length);
        expect(found).toEqual([]);
      });
    });

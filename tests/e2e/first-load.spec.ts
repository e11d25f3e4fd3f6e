import { test, expect } from './fixtures';
import { LEVEL_IDS, maxStars } from '../../src/lessons/levels';

test.describe('first load in a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('shows the map in Chinese', async ({ game, page }) => {
    await game.goto();
    await game.expectScene('map');
    expect((await game.hook()).lang).toBe('zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('一次一个词');
    await expect(game.station('one-word')).toHaveAccessibleName(/第 1 关：一次一个词。可以玩了/);
    await expect(page.getByTestId('play')).toHaveText('开始');
  });
});

test.describe('first load in an English browser', () => {
  test.use({ locale: 'en-US' });

  test('shows the map in English, the first level open and the others locked', async ({ game, page }) => {
    await game.goto();
    await game.expectScene('map');
    expect((await game.hook()).lang).toBe('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('One Word at a Time');
    const stations = await game.stations();
    expect(stations.map((s) => s.id)).toEqual([...LEVEL_IDS]);
    expect(stations[0]).toEqual({ id: 'one-word', state: 'open', stars: 0 });
    expect(stations.slice(1).every((s) => s.state === 'locked')).toBe(true);
    await expect(game.station('one-word')).toBeFocused();
    // Stars are counted over the levels that play: three each.
    await expect(page.getByTestId('total-stars')).toHaveText(`0 of ${maxStars()} stars`);
    // The map is the book's parts, in order, each station inside its own part.
    const parts = page.locator('.chapter');
    await expect(parts).toHaveCount(6);
    await expect(parts.locator('.chapter-name')).toHaveText([
      'How it talks',
      'Where the chances come from',
      'What a model is',
      'Meaning',
      "What it can't do",
      'Make it yours',
    ]);
    await expect(page.getByTestId('chapter-model').locator('.station')).toHaveCount(4);
    await expect(page.getByTestId('chapter-talk').getByRole('heading')).toHaveAccessibleName(
      'Part 1: How it talks, 0 of 9 stars',
    );
    await expect(page.getByTestId('chapter-chances').getByRole('heading')).toHaveAccessibleName(
      'Part 2: Where the chances come from, 0 of 6 stars',
    );
    await expect(page.getByTestId('chapter-model').getByRole('heading')).toHaveAccessibleName(
      'Part 3: What a model is, 0 of 12 stars',
    );
    await expect(page.getByTestId('chapter-meaning').getByRole('heading')).toHaveAccessibleName(
      'Part 4: Meaning, 0 of 6 stars',
    );
    await expect(page.getByTestId('chapter-limits').getByRole('heading')).toHaveAccessibleName(
      "Part 5: What it can't do, 0 of 9 stars",
    );
    await expect(page.getByTestId('chapter-yours').getByRole('heading')).toHaveAccessibleName(
      'Part 6: Make it yours, 0 of 3 stars',
    );
    // The arrow keys walk the whole path, from one part into the next; Home and End jump to its ends.
    const key = async (k: string, id: string): Promise<void> => {
      await page.keyboard.press(k);
      await expect(game.station(id)).toBeFocused();
      expect((await game.hook()).view).toMatchObject({ selected: id });
    };
    await key('ArrowRight', 'next-word');
    await key('ArrowRight', 'temperature');
    await key('ArrowRight', 'letter-dice');
    await key('End', 'teach');
    await expect(game.station('teach')).toBeInViewport();
    await key('ArrowUp', 'grammar');
    await key('Home', 'one-word');
  });

  test('the manifest makes it installable', async ({ page, request }) => {
    await page.goto('./');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await request.get(new URL(href ?? '', page.url()).toString())).json();
    expect(manifest.name).toBe('One Word at a Time · 一次一个词');
    expect(manifest.display).toBe('standalone');
    const icons = manifest.icons as { sizes: string; purpose: string; src: string }[];
    expect(icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons)
      expect((await request.get(new URL(icon.src, page.url()).toString())).ok()).toBe(true);
  });
});

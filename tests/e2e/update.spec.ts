import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startPreview, stopPreview } from './server';

const PORT = 4181;

/**
 * Checks that the new service worker is waiting (installed, not active) while this page is still
 * controlled by the old one, then watches the page for `ms`: returns what happened in that time
 * (the waiting worker moving on, the page changing controller or starting to unload), [] when
 * nothing. A page that updated itself would start doing so as soon as the new worker waits (the
 * `waiting` event that shows the prompt, a skipWaiting, `controllerchange`, a reload: a few
 * hundred ms here), so a quiet 1.5 s after the prompt says it waits for the player. If the page
 * reloads meanwhile, the evaluation fails with its context gone.
 */
async function stillWaiting(page: Page, ms: number): Promise<string[]> {
  return page.evaluate(async (ms) => {
    const registration = await navigator.serviceWorker.getRegistration();
    const waiting = registration?.waiting;
    const seen: string[] = [];
    if (!waiting || waiting.state !== 'installed')
      seen.push(`no worker waiting (${waiting?.state ?? 'none'})`);
    if (!navigator.serviceWorker.controller || navigator.serviceWorker.controller === waiting)
      seen.push('the page is not controlled by the old worker');
    waiting?.addEventListener('statechange', () => seen.push(`waiting worker ${waiting.state}`));
    navigator.serviceWorker.addEventListener('controllerchange', () => seen.push('controllerchange'));
    window.addEventListener('beforeunload', () => seen.push('unload'));
    await new Promise((resolve) => setTimeout(resolve, ms));
    return seen;
  }, ms);
}
test.use({ baseURL: `http://127.0.0.1:${PORT}/`, locale: 'zh-CN' });

test('a waiting new version shows a prompt in the player’s language and reloads only when asked', async ({
  game,
  page,
}) => {
  test.setTimeout(180_000);
  let server = await startPreview(PORT, 'dist');
  try {
    await game.goto('#/play/one-word?seed=5');
    await game.waitForServiceWorker();
    expect((await game.hook()).version).toBe('0.1.0');
    await page.getByTestId('start').click();
    await page.locator('[data-testid="tile"][data-index="0"]').click();

    // The next build (dist-next) is deployed at the same address.
    await stopPreview(server);
    server = await startPreview(PORT, 'dist-next');
    // The game looks for a new version when it comes back into view; the test asks directly.
    // (Headless Chromium here answers the first update check about 60 s after registration.)
    void page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

    const prompt = game.message('common:pwa.updateReady');
    await expect(prompt).toContainText('游戏有新版本啦。', { timeout: 120_000 });
    await expect(prompt.getByTestId('update-reload')).toHaveText('现在更新');
    // Nothing reloads by itself: the new worker waits, and the page keeps its old one, its
    // document and the level where the player left it.
    expect(await stillWaiting(page, 1500)).toEqual([]);
    const state = await game.levelState();
    expect(state.phase).toBe('reveal');
    expect(state.picks).toEqual([0]);
    expect((await game.hook()).version).toBe('0.1.0');

    await prompt.getByTestId('update-reload').click();
    await expect
      .poll(async () => (await game.hook().catch(() => null))?.version, { timeout: 30_000 })
      .toBe('0.1.0+next');
    await game.ready();
    // Old precaches are cleaned up: one precache remains.
    const caches = await page.evaluate(async () =>
      (await window.caches.keys()).filter((k) => k.includes('precache')),
    );
    expect(caches.length).toBe(1);
  } finally {
    await stopPreview(server);
  }
});

import { test, expect } from './fixtures';
import { startPreview, stopPreview } from './server';

const PORT = 4180;
test.use({ baseURL: `http://127.0.0.1:${PORT}/`, locale: 'en-US' });

test('once the service worker controls the page, the game plays with the server gone', async ({
  game,
  page,
  context,
}) => {
  const server = await startPreview(PORT);
  try {
    await game.goto();
    await game.waitForServiceWorker();
    await expect(game.toast()).toContainText('The game now works without the internet.');
  } finally {
    await stopPreview(server);
  }
  // The server is stopped and the browser is offline: nothing can come from the network.
  await context.setOffline(true);
  const failed: string[] = [];
  // Chromium fetches the tab's favicon itself, past the service worker, whenever it likes: that
  // request is the browser's, not the game's (the icon is in the precache for the app's own use).
  const favicon = new URL('icons/icon.svg', `http://127.0.0.1:${PORT}/`).href;
  // A request cut short by the page's own navigation (the map may be loading the model for the
  // level it chose when the test opens the credits) is aborted, not failed for want of a network.
  page.on('requestfailed', (r) => {
    if (r.url() !== favicon && r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(r.url());
  });
  await page.reload();
  await game.ready();
  await game.expectScene('map');
  await page.getByTestId('play').click();
  const end = await game.playOneWord('mouse', () => true);
  expect(end.stars).toBe(3);
  await page.getByTestId('to-map').click();
  expect((await game.stations())[0]).toEqual({ id: 'one-word', state: 'done', stars: 3 });
  // Any address of the game opened while offline is served too (navigation fallback).
  await page.goto(`http://127.0.0.1:${PORT}/?from=home-screen#/credits`);
  await game.ready();
  await game.expectScene('credits');
  expect(failed).toEqual([]);
});

import type { Page } from '@playwright/test';
import { test, expect, type Game } from './fixtures';
import fixtureV1 from '../unit/fixtures/owaat-v1.json' with { type: 'json' };

test.use({ locale: 'en-US' });

/** Counts how many times the storage problem message was shown. */
async function countStorageMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __storageMessages: number }).__storageMessages = 0;
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof HTMLElement && n.dataset.key === 'common:errors.storageFailed')
            (window as unknown as { __storageMessages: number }).__storageMessages++;
    }).observe(document, { childList: true, subtree: true });
  });
}

const storageMessages = (page: Page) =>
  page.evaluate(() => (window as unknown as { __storageMessages: number }).__storageMessages);

const CANNOT_SAVE = "We can't save your progress on this device right now. You can keep playing!";
const SAVING_IN_MEMORY =
  'Saving is not possible on this device right now, so progress lasts until you close the page.';

/**
 * Another tab of the same origin without the game (the manifest: the browser asks a non-HTML
 * page for /favicon.ico, which the game does not have), to hold or upgrade the database there.
 */
async function otherTab(game: Game): Promise<Page> {
  const tab = await game.page.context().newPage();
  await tab.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await tab.goto('./manifest.webmanifest');
  // The game's tab is the one in view (a hidden tab's frames and timers are throttled).
  await game.page.bringToFront();
  return tab;
}

/** The game opened with saving on the device; storage messages are counted from the start. */
async function savingOnTheDevice(game: Game): Promise<void> {
  await countStorageMessages(game.page);
  await game.goto();
  expect((await game.hook()).storage).toBe('idb');
}

/** Wins the one-word level from its intro; its three stars show on the map. */
async function winOneWord(game: Game): Promise<void> {
  await game.playOneWord('mouse', () => true);
  await game.page.getByTestId('to-map').click();
  await game.expectScene('map');
  expect((await game.stations())[0]).toEqual({ id: 'one-word', state: 'done', stars: 3 });
}

/**
 * After a storage problem: the player was told once, a won level's stars still count on the map,
 * and the settings say progress lasts only until the page is closed.
 */
async function playsOnInMemory(game: Game): Promise<void> {
  const page = game.page;
  await expect(game.message('common:errors.storageFailed')).toHaveText(CANNOT_SAVE);
  await game.goto('#/play/one-word');
  await winOneWord(game);
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('storage-status')).toHaveText(SAVING_IN_MEMORY);
  expect(await storageMessages(page)).toBe(1);
}

test('corrupt records are skipped and the valid ones kept', async ({ game, page }) => {
  await game.goto();
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const req = indexedDB.open('owaat');
        req.onsuccess = () => {
          const tx = req.result.transaction(['progress', 'settings'], 'readwrite');
          const progress = tx.objectStore('progress');
          progress.put({ levelId: 'one-word', stars: 2, completedAt: 1, plays: 1 });
          progress.put({ levelId: 'next-word', stars: 'many', completedAt: 1, plays: 1 });
          progress.put({ levelId: 'neuron', stars: 3, completedAt: 'yesterday', plays: 1 });
          tx.objectStore('settings').put({ lang: 'tlh', sound: 'LOUD' }, 'app');
          tx.oncomplete = () => (req.result.close(), resolve());
        };
      }),
  );
  await page.reload();
  await game.ready();
  const stations = await game.stations();
  expect(stations.find((s) => s.id === 'one-word')).toEqual({ id: 'one-word', state: 'done', stars: 2 });
  expect(stations.find((s) => s.id === 'neuron')?.state).toBe('locked');
  expect((await game.hook()).lang).toBe('en');
  await expect(game.message('common:errors.storageFailed')).toHaveCount(0);
});

test.describe('an old (v1) database from an earlier build', () => {
  test.use({ locale: 'en-US' });
  test('is migrated: stars and language are kept', async ({ game, page }) => {
    // Any page of our origin without the game, to write the old database first
    // (the browser asks a non-HTML page for /favicon.ico, which the game does not have).
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await page.goto('./manifest.webmanifest');
    await page.evaluate(
      (fixture) =>
        new Promise<void>((resolve) => {
          const req = indexedDB.open(fixture.name, fixture.version);
          req.onupgradeneeded = () => {
            for (const [store, rows] of Object.entries(fixture.stores)) {
              const os = req.result.createObjectStore(store);
              for (const row of rows) os.put(row.value, row.key);
            }
          };
          req.onsuccess = () => (req.result.close(), resolve());
        }),
      fixtureV1,
    );
    await game.goto();
    expect((await game.hook()).lang).toBe('zh');
    expect((await game.stations())[0]).toEqual({ id: 'one-word', state: 'done', stars: 2 });
    expect((await game.hook()).storage).toBe('idb');
  });
});

test('without IndexedDB (private mode) the game plays on and says once that it cannot save', async ({
  game,
  page,
}) => {
  await countStorageMessages(page);
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await game.goto();
  expect((await game.hook()).storage).toBe('memory');
  await playsOnInMemory(game);
});

test('when storage is full, progress lives on in memory and the player is told once', async ({
  game,
  page,
}) => {
  await countStorageMessages(page);
  await game.goto();
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByTestId('play').click();
  await winOneWord(game);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('一次一个词');
  expect(await storageMessages(page)).toBe(1);
});

test('an older tab that keeps the old database open: the game waits a little, then plays on and says so once', async ({
  game,
}) => {
  await countStorageMessages(game.page);
  // An old build's tab holds version 1 open and never lets go.
  const old = await otherTab(game);
  await old.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const req = indexedDB.open('owaat', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('kv');
        req.onsuccess = () => {
          (window as unknown as { __old: IDBDatabase }).__old = req.result;
          resolve();
        };
      }),
  );
  await game.goto();
  expect((await game.hook()).storage).toBe('memory');
  await playsOnInMemory(game);
  await old.close();
});

test('a newer version upgrading in another tab: this tab lets go of the database, plays on and says so once', async ({
  game,
}) => {
  await savingOnTheDevice(game);
  const newer = await otherTab(game);
  // Version 3 opens without being blocked: the game's connection closed when asked.
  const events = await newer.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const seen: string[] = [];
        const req = indexedDB.open('owaat', 3);
        req.onblocked = () => seen.push('blocked');
        req.onupgradeneeded = () => seen.push('upgradeneeded');
        req.onsuccess = () => (req.result.close(), resolve(seen));
        req.onerror = () => reject(req.error);
      }),
  );
  expect(events).toEqual(['upgradeneeded']);
  await playsOnInMemory(game);
});

test('when the browser closes the database (site data cleared mid-game), progress lives on in memory and the player is told once', async ({
  game,
  page,
  context,
  baseURL,
}) => {
  await savingOnTheDevice(game);
  // What clearing the site's data in the browser does: its IndexedDB connections are closed by force.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(baseURL ?? page.url()).origin,
    storageTypes: 'indexeddb',
  });
  await playsOnInMemory(game);
});

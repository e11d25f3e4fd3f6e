/**
 * What a newcomer must be able to see and reach (issue 12, points 1–3): the canvas draws only inside
 * the level's play area, never over the top bar; the lab pictures stay on screen while they change;
 * messages make room for themselves instead of covering the play or a control, and follow the language.
 */
import { test, expect, levelPhase, need, type Game } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import zhCommon from '../../locales/zh/common.json' with { type: 'json' };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

/** Declares `tests` once per viewport, played by touch in English. */
function atEach(viewports: readonly (typeof VIEWPORTS)[number][], tests: () => void): void {
  for (const viewport of viewports) {
    test.describe(`${viewport.width}×${viewport.height}`, () => {
      test.use({ viewport, hasTouch: true, locale: 'en-US' });
      tests();
    });
  }
}

/** How many canvas pixels inside `box` (page coordinates) are not the background: something drawn. */
async function inkIn(page: Page, box: Box): Promise<number> {
  return page.evaluate((r) => {
    const canvas = document.querySelector('#game canvas') as HTMLCanvasElement;
    const c = canvas.getBoundingClientRect();
    const sx = canvas.width / c.width;
    const sy = canvas.height / c.height;
    const x0 = Math.max(0, Math.floor((r.x - c.left) * sx));
    const y0 = Math.max(0, Math.floor((r.y - c.top) * sy));
    const x1 = Math.min(canvas.width, Math.ceil((r.x + r.width - c.left) * sx));
    const y1 = Math.min(canvas.height, Math.ceil((r.y + r.height - c.top) * sy));
    if (x1 <= x0 || y1 <= y0) return 0;
    const data = need2d(canvas).getImageData(x0, y0, x1 - x0, y1 - y0).data;
    // The background is #fff8ec; anything clearly different was drawn.
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d =
        Math.abs((data[i] ?? 0) - 0xff) +
        Math.abs((data[i + 1] ?? 0) - 0xf8) +
        Math.abs((data[i + 2] ?? 0) - 0xec);
      if (d > 30) ink++;
    }
    return ink;
    function need2d(el: HTMLCanvasElement): CanvasRenderingContext2D {
      const ctx = el.getContext('2d');
      if (!ctx) throw new Error('the game canvas has no 2D context');
      return ctx;
    }
  }, box);
}

const boxOf = async (locator: Locator, what: string): Promise<Box> =>
  need(await locator.boundingBox(), `${what}'s box`);

/**
 * Nothing of the page lies over `locator`: no element outside it (its own boxes, the ones it sits in,
 * excepted) overlaps it. The picture boxes let taps through to the canvas, so this is read from the
 * layout, not from hit testing.
 */
async function expectUncovered(locator: Locator, what: string): Promise<void> {
  const over = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [...document.querySelectorAll('#ui *, #toast *')]
      .filter((o) => !o.contains(el) && !el.contains(o) && (o as HTMLElement).offsetParent !== null)
      .filter((o) => {
        // What shows of it: its box cut by every pane it scrolls in (a line scrolled out of the
        // controls' pane is hidden, not over the picture).
        const b = o.getBoundingClientRect();
        let [left, right, top, bottom] = [b.left, b.right, b.top, b.bottom];
        for (let p = o.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflowY === 'visible' && getComputedStyle(p).overflowX === 'visible')
            continue;
          const c = p.getBoundingClientRect();
          [left, right, top, bottom] = [
            Math.max(left, c.left),
            Math.min(right, c.right),
            Math.max(top, c.top),
            Math.min(bottom, c.bottom),
          ];
        }
        const w = Math.min(r.right, right) - Math.max(r.left, left);
        const h = Math.min(r.bottom, bottom) - Math.max(r.top, top);
        return w > 1 && h > 1;
      })
      .map((o) => `${o.tagName.toLowerCase()}.${o.className} “${(o.textContent ?? '').trim().slice(0, 30)}”`);
  });
  expect(over, `what lies over ${what}`).toEqual([]);
}

test.describe('1. the canvas draws inside the play area only', () => {
  atEach([VIEWPORTS[1], VIEWPORTS[2]], () => {
    test('temperature scrolled: no bar is drawn over the top bar or the back button', async ({
      game,
      page,
    }) => {
      await game.goto('#/play/temperature?seed=3');
      await expect(page.getByTestId('start')).toBeEnabled({ timeout: 30_000 });
      await page.getByTestId('start').tap();
      await levelPhase(game, 'match', 60_000);
      // The first visit's message has come and gone (the screen does not move while measured).
      await game.waitForServiceWorker();
      await expect(game.message('common:pwa.offlineReady')).toBeHidden({ timeout: 10_000 });
      const bars = page.getByTestId('playfield');
      // The bars are drawn in their box.
      await expect.poll(async () => inkIn(page, await boxOf(bars, 'bars'))).toBeGreaterThan(500);
      // The level scrolls until its bars pass under the top bar.
      const topBar = page.locator('.topbar');
      const bar = await boxOf(topBar, 'top bar');
      await page.locator('main.level-body').evaluate((body) => {
        const box = body.querySelector('[data-testid="playfield"]') as HTMLElement;
        body.scrollTop += box.getBoundingClientRect().top - body.getBoundingClientRect().top + 100;
      });
      const scrolled = await boxOf(bars, 'bars');
      expect(scrolled.y, 'the bars start above the top bar’s bottom').toBeLessThan(bar.y + bar.height);
      expect(scrolled.y + scrolled.height).toBeGreaterThan(bar.y + bar.height + 50);
      // What is still in view of the bars is drawn where the box now is…
      const visible = {
        ...scrolled,
        y: bar.y + bar.height,
        height: scrolled.y + scrolled.height - bar.y - bar.height,
      };
      await expect.poll(() => inkIn(page, visible)).toBeGreaterThan(100);
      // …and nothing of them over the top bar or its buttons.
      await expect.poll(() => inkIn(page, bar), 'canvas pixels under the top bar').toBe(0);
      expect(await inkIn(page, await boxOf(page.getByTestId('back'), 'back')), 'under Back').toBe(0);
      expect(await inkIn(page, await boxOf(page.getByTestId('lang-switch'), 'lang')), 'under 中文').toBe(0);
    });
  });
});

/** Scrolls the lab's controls to their end, as a child reaching for the last button would. */
async function scrollControlsToEnd(page: Page): Promise<void> {
  await page.locator('#ui .level-scroll').evaluateAll((panes) => {
    for (const el of panes) el.scrollTop = el.scrollHeight;
  });
}

test.describe('2. what changes stays on screen while it changes', () => {
  atEach(VIEWPORTS, () => {
    test('the ball rolls on screen, and its neuron beside it', async ({ game, page }) => {
      await game.goto('#/play/loss-landscape');
      await page.getByTestId('start').tap();
      await levelPhase(game, 'aim');
      await page.getByTestId('drop-C').tap();
      await scrollControlsToEnd(page);
      await page.getByTestId('roll').tap();
      expect((await game.levelState()).phase).toBe('rolling');
      for (const [id, what] of [
        ['playfield', 'the map'],
        ['neuron-view', 'the neuron'],
      ] as const) {
        const box = page.getByTestId(id);
        await expect(box, `${what} while the ball rolls`).toBeInViewport({ ratio: 1 });
        await expectUncovered(box, what);
        expect(await inkIn(page, await boxOf(box, what)), `${what} is drawn`).toBeGreaterThan(1000);
      }
      await expect(page.getByTestId('message')).toBeInViewport();
      await expect.poll(async () => (await game.levelState()).phase, { timeout: 20_000 }).not.toBe('rolling');
      await expect(page.getByTestId('playfield')).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('message')).toBeInViewport();
    });

    test('rule 30: the picture stays on screen while it is worked out row by row', async ({ game, page }) => {
      await game.goto('#/play/rule-30');
      await page.getByTestId('start').tap();
      await levelPhase(game, 'explore');
      await page.getByTestId('to-puzzle').tap();
      await levelPhase(game, 'predict');
      await page.getByTestId('tiles').getByTestId('tile').first().tap();
      await scrollControlsToEnd(page);
      await page.getByTestId('run').tap();
      const plot = page.getByTestId('playfield');
      await expect(plot, 'the picture while it is worked out').toBeInViewport({ ratio: 1 });
      await expectUncovered(plot, 'the picture');
      expect(await inkIn(page, await boxOf(plot, 'the picture')), 'the picture is drawn').toBeGreaterThan(
        1000,
      );
      await expect(page.getByTestId('next')).toBeVisible({ timeout: 20_000 });
      await expect(plot).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('message')).toBeInViewport();
      await expect(page.getByTestId('next')).toBeInViewport();
    });

    for (const [level, knobs] of [
      ['knobs', ['knob-a', 'knob-b', 'knob-c']],
      ['neuron', ['knob-w1', 'knob-w2', 'knob-b']],
    ] as const) {
      test(`${level}: the picture stays on screen while each knob turns`, async ({ game, page }) => {
        await game.goto(`#/play/${level}`);
        await page.getByTestId('start').tap();
        await expect(page.getByTestId('intro')).toBeHidden();
        await scrollControlsToEnd(page);
        for (const knob of knobs) {
          await page.getByTestId(`${knob}-more`).tap();
          const plot = page.getByTestId('playfield');
          await expect(plot, `the picture after ${knob} +`).toBeInViewport({ ratio: 1 });
          await expectUncovered(plot, 'the picture');
          await expect(page.getByTestId(`${knob}-more`)).toBeInViewport({ ratio: 0.9 });
        }
      });
    }
  });
});

const OFFLINE_READY = { en: enCommon.pwa.offlineReady, zh: zhCommon.pwa.offlineReady };

/** Waits for the first visit's "works without the internet" message. */
async function offlineMessage(game: Game): Promise<Locator> {
  const msg = game.message('common:pwa.offlineReady');
  await expect(msg).toBeVisible({ timeout: 30_000 });
  return msg;
}

/**
 * The message overlaps no control, sentence or picture of the screen, and the top bar's buttons are
 * the topmost element where they are (read at once: the message goes after a few seconds).
 */
async function expectNothingCovered(page: Page, msg: Locator, where: string): Promise<void> {
  const found = await msg.evaluate((m) => {
    const r = m.getBoundingClientRect();
    const things = [
      ...document.querySelectorAll('#ui .screen :is(button, input, .playfield, [data-testid="sentence"])'),
    ].filter((el) => !m.contains(el) && (el as HTMLElement).offsetParent !== null);
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? ''} “${(el.textContent ?? '').trim().slice(0, 30)}”`;
    const overlaps = things
      .filter((el) => {
        const b = el.getBoundingClientRect();
        return r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom;
      })
      .map(name);
    const covered = ['lang-switch', 'back', 'open-credits', 'open-settings', 'start']
      .map((id) => document.querySelector(`#ui [data-testid="${id}"]`))
      .filter((el): el is Element => el !== null && (el as HTMLElement).offsetParent !== null)
      .filter((el) => {
        const b = el.getBoundingClientRect();
        const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        return !(top && (top === el || el.contains(top)));
      })
      .map(name);
    return { count: things.length, overlaps, covered };
  });
  expect(found.count, `${where}: controls found`).toBeGreaterThan(2);
  expect(found.overlaps, `${where}: what the message covers`).toEqual([]);
  expect(found.covered, `${where}: buttons something lies over`).toEqual([]);
}

test.describe('3. messages never cover the play or a control, and follow the language', () => {
  atEach(VIEWPORTS, () => {
    test('the first visit’s offline message leaves one-word’s sentence, bars and tiles free', async ({
      game,
      page,
    }) => {
      await game.goto('#/play/one-word?seed=3');
      await page.getByTestId('start').tap();
      const msg = await offlineMessage(game);
      await expect(msg).toHaveText(OFFLINE_READY.en);
      await expectNothingCovered(page, msg, 'one-word');
      await expect(page.getByTestId('sentence')).toBeInViewport({ ratio: 1 });
      // The bars follow their box down: drawn inside it, not under the message.
      const field = await boxOf(page.getByTestId('playfield'), 'bars');
      expect(await inkIn(page, await boxOf(msg, 'message'))).toBe(0);
      await expect.poll(() => inkIn(page, field)).toBeGreaterThan(100);
      // It goes by itself; the level is as it was.
      await expect(msg).toBeHidden({ timeout: 10_000 });
      await expect(page.getByTestId('sentence')).toBeInViewport({ ratio: 1 });
    });

    test('on the map: the message leaves every button free, then speaks Chinese after the switch', async ({
      game,
      page,
    }) => {
      await game.goto();
      const msg = await offlineMessage(game);
      await expectNothingCovered(page, msg, 'map');
      await page.getByTestId('lang-switch').tap();
      await expect.poll(async () => (await game.hook()).lang).toBe('zh');
      await expect(msg).toHaveText(OFFLINE_READY.zh);
      await expectNothingCovered(page, msg, 'map in Chinese');
      // A tap puts it away.
      await msg.tap();
      await expect(msg).toBeHidden();
    });
  });
});

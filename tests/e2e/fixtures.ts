/**
 * Shared Playwright fixtures. Every test runs under a guard that fails it on any console
 * error, page error, Content-Security-Policy violation or request to another origin; and a
 * page object, `game`, that reads what the player sees through the `window.__owaat` hook.
 */
import { test as base, expect, type BrowserContext, type Page, type Locator } from '@playwright/test';
import type { HookView } from '../../src/hook';
import { favouriteOf, type WordTable } from '../../src/lessons/oneWord';
import enOneWord from '../../locales/en/oneWord.json' with { type: 'json' };
import zhOneWord from '../../locales/zh/oneWord.json' with { type: 'json' };

declare global {
  interface Window {
    __owaat: HookView;
    __cspViolations: string[];
  }
}

export interface OneWordState {
  phase: 'intro' | 'choose' | 'reveal' | 'done';
  seed: number;
  round: number;
  rounds: number;
  sentence: string;
  options: { index: number; word: string }[];
  bars: { index: number; word: string; p: number; picked: boolean; favourite: boolean }[];
  picks: number[];
  favouritesGuessed: number;
  stars: number;
}

export interface Station {
  id: string;
  state: 'done' | 'open' | 'locked' | 'soon';
  stars: number;
}

export class Game {
  constructor(readonly page: Page) {}

  async goto(hash = '#/'): Promise<void> {
    await this.page.goto(`./${hash}`);
    await this.ready();
  }

  async ready(): Promise<void> {
    // The screen of the address now shown is up (a hash change opens the next one a moment later).
    await this.page.waitForFunction(
      () => window.__owaat?.ready === true && window.__owaat.route === location.hash,
    );
  }

  hook(): Promise<HookView> {
    return this.page.evaluate(() => {
      const h = window.__owaat;
      return {
        ready: h.ready,
        route: h.route,
        scene: h.scene,
        lang: h.lang,
        level: h.level,
        view: h.view,
        storage: h.storage,
        version: h.version,
      };
    });
  }

  async expectScene(scene: string): Promise<void> {
    await expect.poll(async () => (await this.hook()).scene).toBe(scene);
  }

  async levelState(): Promise<OneWordState> {
    return (await this.hook()).level?.state as OneWordState;
  }

  /** The map's stations, once the map is on screen and has published them. */
  async stations(): Promise<Station[]> {
    const handle = await this.page.waitForFunction(() => {
      const h = window.__owaat;
      const view = h?.view as { stations?: unknown } | null | undefined;
      return h?.scene === 'map' && Array.isArray(view?.stations) ? view.stations : null;
    });
    return (await handle.jsonValue()) as Station[];
  }

  station(id: string): Locator {
    return this.page.getByTestId(`station-${id}`);
  }

  /** The message area; several messages can show at once. */
  toast(): Locator {
    return this.page.locator('#toast');
  }

  message(key: string): Locator {
    return this.page.locator(`#toast [data-key="${key}"]`);
  }

  /** Waits until the service worker controls the page (the game then works offline). */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(
      async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
      },
      null,
      { timeout: 30_000 },
    );
  }

  /**
   * Plays the whole one-word level from its intro. `favourite(round)` says whether the player
   * guesses the model's favourite word that round. Touch taps, keyboard uses keys only.
   */
  async playOneWord(
    by: 'touch' | 'keyboard' | 'mouse',
    favourite: (round: number) => boolean,
  ): Promise<OneWordState> {
    const page = this.page;
    await this.expectScene('level-one-word');
    await expect(page.getByTestId('intro')).toBeVisible();
    if (by === 'keyboard') {
      await expect(page.getByTestId('start')).toBeFocused();
      await page.keyboard.press('Enter');
    } else if (by === 'touch') await page.getByTestId('start').tap();
    else await page.getByTestId('start').click();

    for (let round = 1; round <= 10; round++) {
      await expect.poll(async () => (await this.levelState()).phase).toBe('choose');
      const state = await this.levelState();
      expect(state.round).toBe(round);
      const fav = await this.favouriteIndex(state);
      const index = favourite(round) ? fav : (state.options.find((o) => o.index !== fav)?.index ?? 0);
      const tile = page.locator(`[data-testid="tile"][data-index="${index}"]`);
      if (by === 'keyboard') {
        if (round > 1) await expect(page.getByTestId('tile').first()).toBeFocused();
        await page.keyboard.press(String(state.options.findIndex((o) => o.index === index) + 1));
      } else if (by === 'touch') await tile.tap();
      else await tile.click();
      await expect.poll(async () => (await this.levelState()).phase).toBe('reveal');
      const next = page.getByTestId('next');
      if (by === 'keyboard') {
        await expect(next).toBeFocused();
        await page.keyboard.press('Enter');
      } else if (by === 'touch') await next.tap();
      else await next.click();
      const after = await this.levelState();
      if (after.phase === 'done') {
        // The card ignores taps for a moment after it opens (against mashing): wait for it.
        await expect(page.getByTestId('learned-card')).toHaveAttribute('data-armed', 'true');
        return after;
      }
    }
    throw new Error('one-word did not end within 10 rounds');
  }

  /** The model's favourite this round, from the level's own tables and the picks so far. */
  async favouriteIndex(state: OneWordState): Promise<number> {
    const content = (await this.hook()).lang === 'zh' ? zhOneWord.content : enOneWord.content;
    let table = 0;
    for (const pick of state.picks) table = content.tables[table]?.options[pick]?.next ?? 0;
    return favouriteOf(content.tables[table] as WordTable);
  }
}

interface Guard {
  errors: string[];
  /** Console errors a test provokes on purpose (a missing file, say). */
  allow: RegExp[];
}

function watch(context: BrowserContext, page: Page, origin: string, guard: Guard): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !guard.allow.some((re) => re.test(msg.text()))) {
      guard.errors.push(`console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => guard.errors.push(`page error: ${err.message}`));
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      guard.errors.push(`request to another origin: ${url}`);
    }
  });
}

export const test = base.extend<{ game: Game; guard: Guard }>({
  guard: [
    async ({ context, page, baseURL }, use) => {
      const guard: Guard = { errors: [], allow: [] };
      await context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      watch(context, page, new URL(baseURL ?? 'http://127.0.0.1/').origin, guard);
      await use(guard);
      for (const p of context.pages()) {
        if (p.isClosed()) continue;
        const csp = await p.evaluate(() => window.__cspViolations ?? []).catch(() => [] as string[]);
        guard.errors.push(...csp.map((v) => `CSP violation: ${v}`));
      }
      expect(guard.errors, 'no console error, page error, CSP violation or foreign request').toEqual([]);
    },
    { auto: true },
  ],
  game: async ({ page }, use) => {
    await use(new Game(page));
  },
});

export { expect };

/** A desktop with a mouse and a keyboard, in English. */
export const DESKTOP_EN = { viewport: { width: 1280, height: 800 }, locale: 'en-US' } as const;

/** A 10-inch tablet held sideways, used by touch, in Chinese. */
export const TABLET_ZH = {
  viewport: { width: 1080, height: 810 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
} as const;

/** The value, or a failed test saying what was missing. */
export function need<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** A message as i18next fills it in (`{{name}}` placeholders, no escaping, as the game sets it up). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (all, name: string) => String(params[name] ?? all));
}

/** The current level's state, as the test hook reports it. */
export async function levelState<S>(game: Game): Promise<S> {
  return (await game.hook()).level?.state as S;
}

/** Waits until the level reaches `want` (a model level may take a while the first time). */
export async function levelPhase<S extends { phase: string }>(
  game: Game,
  want: string,
  timeout = 30_000,
): Promise<S> {
  await expect.poll(async () => (await levelState<S>(game))?.phase, { timeout }).toBe(want);
  return levelState<S>(game);
}

/** Cuts the network once the service worker controls the page: what follows must come from the cache. */
export async function goOffline(game: Game): Promise<void> {
  await game.goto();
  await game.waitForServiceWorker();
  await game.page.context().setOffline(true);
}

/**
 * Waits until the page has gone `ms` without a long task, for at most `within` ms: measurements of
 * one interaction then start from a quiet page, not in the middle of the first visit's own work
 * (the service worker's install and its message, the first Chinese glyphs). Fails when the page
 * never settles, saying what was still busy: the long tasks it saw and where the game was.
 */
export async function quiet(page: Page, ms = 1000, within = 10_000): Promise<void> {
  const busy = await page.evaluate(
    ({ ms, within }) =>
      new Promise<string | null>((resolve) => {
        const tasks: { at: number; duration: number; from: string }[] = [];
        const start = performance.now();
        let last = start;
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            const where = (
              e as PerformanceEntry & { attribution?: { containerType?: string; name?: string }[] }
            ).attribution?.[0];
            const from = [e.name, where?.containerType, where?.name].filter(Boolean).join(' ');
            tasks.push({ at: e.startTime - start, duration: e.duration, from });
            last = Math.max(last, e.startTime + e.duration);
          }
        });
        observer.observe({ type: 'longtask' });
        const check = (): void => {
          const now = performance.now();
          if (now - last < ms && now - start <= within) {
            setTimeout(check, 100);
            return;
          }
          observer.disconnect();
          if (now - last >= ms) {
            resolve(null);
            return;
          }
          const h = window.__owaat;
          const phase = (h?.level?.state as { phase?: string } | undefined)?.phase;
          const seen = tasks
            .slice(-8)
            .map(
              (t) => `${t.duration.toFixed(0)} ms at +${t.at.toFixed(0)} ms (${t.from || 'no attribution'})`,
            )
            .join('; ');
          resolve(
            `${tasks.length} long tasks, the last ${(now - last).toFixed(0)} ms ago; scene ${h?.scene ?? 'none'}` +
              `${phase ? `, phase ${phase}` : ''}; latest: ${seen}`,
          );
        };
        setTimeout(check, 100);
      }),
    { ms, within },
  );
  if (busy !== null)
    throw new Error(`quiet(): the page never went ${ms} ms without a long task in ${within} ms: ${busy}`);
}

/**
 * Waits inside the page, checking five times a second, until the level's phase is one of `phases`.
 * Made for measured windows: Playwright's own polling (every animation frame, over the DevTools
 * protocol) shows up as long tasks of 50–70 ms on a 2-core machine, a cost of the test, not the game.
 */
export async function phaseInPage(page: Page, phases: readonly string[], timeout = 30_000): Promise<string> {
  return page.evaluate(
    ({ phases, timeout }) =>
      new Promise<string>((resolve, reject) => {
        const start = performance.now();
        const check = (): void => {
          const phase = (window.__owaat.level?.state as { phase?: string } | undefined)?.phase ?? '';
          if (phases.includes(phase)) resolve(phase);
          else if (performance.now() - start > timeout) reject(new Error(`phase stayed ${phase}`));
          else setTimeout(check, 200);
        };
        check();
      }),
    { phases, timeout },
  );
}

/**
 * Watches the main thread from now on: tasks over 50 ms (a long-task observer) and the longest gap
 * between two animation frames. Returns a reader of both, in ms.
 */
export async function watchLongTasks(page: Page): Promise<() => Promise<{ task: number; frame: number }>> {
  await page.evaluate(() => {
    const w = window as unknown as { __watch: { task: number; frame: number; stop: () => void } };
    const seen = { task: 0, frame: 0, stop: (): void => undefined };
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.task = Math.max(seen.task, e.duration);
    });
    observer.observe({ type: 'longtask' });
    let last = performance.now();
    let frame = 0;
    const tick = (now: number) => {
      seen.frame = Math.max(seen.frame, now - last);
      last = now;
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    seen.stop = () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
    w.__watch = seen;
  });
  // Reading ends the watch: nothing of it keeps running into the next measurement.
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { __watch: { task: number; frame: number; stop: () => void } };
      w.__watch.stop();
      return { task: w.__watch.task, frame: w.__watch.frame };
    });
}

/** Drags the slider thumb across its track with the mouse, `steps` moves. */
export async function drag(page: Page, slider: Locator, from: number, to: number, steps = 40): Promise<void> {
  const box = need(await slider.boundingBox(), 'slider box');
  const x = (f: number) => box.x + 8 + f * (box.width - 16);
  const y = box.y + box.height / 2;
  await page.mouse.move(x(from), y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(x(from + ((to - from) * i) / steps), y);
  await page.mouse.up();
}

/** The number a knob shows beside its slider. */
export async function knobValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(`${testId}-value`).textContent());
}

/**
 * Sets a knob by touch, as a child would: a tap on the slider near the value, then taps on its
 * − and + buttons until the knob shows it.
 */
export async function setKnobByTouch(
  page: Page,
  testId: string,
  want: number,
  range: { min: number; max: number },
): Promise<void> {
  const slider = page.getByTestId(testId);
  const box = need(await slider.boundingBox(), `${testId} box`);
  const f = (want - range.min) / (range.max - range.min);
  await slider.tap({ position: { x: 8 + f * (box.width - 16), y: box.height / 2 } });
  for (let taps = 0; taps < 12; taps++) {
    const v = await knobValue(page, testId);
    if (Math.abs(v - want) < 1e-9) return;
    await page.getByTestId(v < want ? `${testId}-more` : `${testId}-less`).tap();
  }
  expect(await knobValue(page, testId), `${testId} after taps`).toBeCloseTo(want, 6);
}

/** Sets a knob from the keyboard: the slider must have focus; arrow keys move it a step each. */
export async function setKnobByKeys(page: Page, testId: string, want: number, step: number): Promise<void> {
  await expect(page.getByTestId(testId)).toBeFocused();
  const moves = Math.round((want - (await knobValue(page, testId))) / step);
  for (let i = 0; i < Math.abs(moves); i++) await page.keyboard.press(moves > 0 ? 'ArrowRight' : 'ArrowLeft');
  await expect.poll(() => knobValue(page, testId)).toBeCloseTo(want, 6);
}

export type By = 'touch' | 'keyboard';

/** Opens a level with the network cut (after the service worker took over) and starts it. */
export async function startLevel(game: Game, id: string, by: By): Promise<void> {
  const page = game.page;
  await goOffline(game);
  await game.goto(`#/play/${id}`);
  await game.expectScene(`level-${id}`);
  // A model level's start works once its model is loaded (slow on a busy machine).
  await expect(page.getByTestId('start')).toBeEnabled({ timeout: 60_000 });
  if (by === 'touch') await page.getByTestId('start').tap();
  else {
    await expect(page.getByTestId('start')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('intro')).toBeHidden();
}

/**
 * Ends a won level: "see my stars", the learned card (which must say `learned`), then back to
 * the map. Returns the level's station there.
 */
export async function finishLevel(
  game: Game,
  id: string,
  by: By,
  learned: string,
  onCard: (card: Locator) => Promise<void> = async () => undefined,
): Promise<Station> {
  const page = game.page;
  if (by === 'touch') await page.getByTestId('finish').tap();
  else {
    await expect(page.getByTestId('finish')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  const card = page.getByTestId('learned-card');
  await expect(card).toHaveAttribute('data-armed', 'true');
  await expect(card).toContainText(learned);
  await onCard(card);
  if (by === 'touch') await card.getByTestId('to-map').tap();
  else {
    await expect(card.getByTestId('to-map')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await game.expectScene('map');
  return need(
    (await game.stations()).find((x) => x.id === id),
    `station ${id}`,
  );
}

/** Prints a long-task reading for the notes and fails above 50 ms. */
export function expectNoLongTask(what: string, worst: { task: number; frame: number }): void {
  console.log(
    `${what}: longest task over 50 ms: ${worst.task.toFixed(0)} ms (0 = none), longest frame: ${worst.frame.toFixed(0)} ms`,
  );
  expect(worst.task, what).toBeLessThanOrEqual(50);
}

/**
 * Every visible control of the screen (`selector`: its buttons and fields and the toast's buttons
 * unless told) has a name and is at least 44 × 44 px.
 */
export async function checkControls(
  page: Page,
  where: string,
  selector = '#ui button:visible, #ui input:visible, #toast button:visible',
): Promise<void> {
  const controls = page.locator(selector);
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

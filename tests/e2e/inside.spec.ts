import type { Page } from '@playwright/test';
import {
  test,
  expect,
  expectNoLongTask,
  fill,
  finishLevel,
  levelPhase,
  levelState,
  need,
  quiet,
  goOffline,
  watchLongTasks,
  TABLET_ZH,
  type Game,
  DESKTOP_EN,
} from './fixtures';
import { shippedModel } from './shipped-model';
import { labelOf } from './labels';
import * as lesson from '../../src/lessons/inside';
import type { InsideData } from '../../src/lessons/inside';
import type { NextToken } from '../../src/model/lm';
import enText from '../../locales/en/inside.json' with { type: 'json' };
import zhText from '../../locales/zh/inside.json' with { type: 'json' };
import enNext from '../../locales/en/nextWord.json' with { type: 'json' };
import zhNext from '../../locales/zh/nextWord.json' with { type: 'json' };
import enData from '../../public/data/inside/en.json' with { type: 'json' };
import zhData from '../../public/data/inside/zh.json' with { type: 'json' };

type Lang = 'en' | 'zh';

interface InsideState {
  phase: string;
  text: string;
  tokens: string[];
  ids: number[];
  layers: number;
  heads: number;
  mask: number[];
  off: number[];
  selected: number | null;
  beams: number[];
  patterns: lesson.Pattern[];
  top: NextToken[];
  favourite: string | null;
  allOnFavourite: string | null;
  challenge: lesson.Challenge | null;
  verdict: lesson.Verdict | null;
  looked: number[];
  found: number | null;
  sized: boolean;
  won: boolean;
  stars: number;
  message: string | null;
}

const TEXT = { en: enText, zh: zhText };
const END = { en: enNext.end, zh: zhNext.end };
const DATA = { en: enData as InsideData, zh: zhData as InsideData };
const state = (game: Game) => levelState<InsideState>(game);

/** Opens the level offline, waits for the model (its first load takes a while), and starts it. */
async function start(game: Game, by: 'touch' | 'keyboard'): Promise<void> {
  const page = game.page;
  await goOffline(game);
  await game.goto('#/play/inside');
  await levelPhase<InsideState>(game, 'intro', 60_000);
  if (by === 'touch') await page.getByTestId('start').tap();
  else {
    await expect(page.getByTestId('start')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('intro')).toBeHidden();
}
const shown = (lang: Lang, token: string) =>
  token === '<bos>' ? TEXT[lang].startToken : labelOf(lang, token, END[lang]);

/** Waits for the model's answer to the last action, inside the page (no polling from outside while measured). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window.__owaat.level?.state as { phase?: string } | undefined)?.phase === 'shown',
    null,
    {
      polling: 200,
      timeout: 30_000,
    },
  );
}

/**
 * What the page shows is what the shipped model computes for the same text and head mask: the
 * tokens, where the selected head looks from the last word, and the next-word chances.
 */
async function checkModel(s: InsideState, lang: Lang): Promise<void> {
  const lm = await shippedModel(lang);
  const v = await lm.inside(s.text, 5, s.mask);
  expect(s.tokens).toEqual(v.tokens);
  expect(s.ids).toEqual(v.ids);
  expect(s.top.map((c) => c.token)).toEqual(v.top.map((c) => c.token));
  s.top.forEach((c, i) => expect(Math.abs(c.p - (v.top[i]?.p ?? -1))).toBeLessThan(1e-4));
  const t = v.ids.length;
  if (s.selected !== null) {
    const row = Array.from(v.lastRow.subarray(s.selected * t, s.selected * t + t));
    s.beams.forEach((w, i) => expect(Math.abs(w - (row[i] as number))).toBeLessThan(1e-4));
    expect(s.beams.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  }
}

/** On screen: a chip per token with its id, the blocks and heads, the favourite in words. */
async function checkPage(page: Page, s: InsideState, lang: Lang): Promise<void> {
  const t = s.ids.length;
  const chips = page.getByTestId('tokens').locator('li');
  await expect(chips).toHaveCount(t);
  await expect(chips.last()).toContainText(shown(lang, s.tokens[t - 1] as string));
  await expect(chips.first()).toContainText(fill(TEXT[lang].tokenId, { id: s.ids[0] as number }));
  await expect(page.getByTestId('favourite')).toHaveText(
    fill(TEXT[lang].favourite, { word: shown(lang, need(s.top[0], 'favourite').token) }),
  );
  await expect(page.getByTestId('block')).toHaveCount(s.layers);
  await expect(page.getByTestId('head')).toHaveCount(s.layers * s.heads);
}

async function checkAgainstModel(page: Page, game: Game, lang: Lang): Promise<InsideState> {
  const s = await state(game);
  await checkModel(s, lang);
  await checkPage(page, s, lang);
  return s;
}

interface Snapshot {
  pressed: number[];
  offShown: number[];
  headInfo: string;
  beams: string;
  favourite: string;
  challenge: string;
}

/** What the screen shows now, read once (no polling). */
function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const heads = [...document.querySelectorAll<HTMLElement>('[data-testid="head"]')];
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
    return {
      pressed: heads.flatMap((b, i) => (b.getAttribute('aria-pressed') === 'true' ? [i] : [])),
      offShown: heads.flatMap((b, i) => (b.classList.contains('inside-head-off') ? [i] : [])),
      headInfo: text('head-info'),
      beams: text('beams-summary'),
      favourite: text('favourite'),
      challenge: text('challenge-status'),
    };
  });
}

/** Waits inside the page until the challenge is set. */
async function challengeSet(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window.__owaat.level?.state as { challenge?: unknown } | undefined)?.challenge,
    null,
    { polling: 200, timeout: 30_000 },
  );
}

/** Each head button says in words what was measured about it (its pattern from the shipped data). */
async function checkHeadLabels(page: Page, lang: Lang): Promise<void> {
  const d = DATA[lang];
  const heads = page.getByTestId('head');
  for (const [i, rec] of d.table.entries()) {
    await expect(heads.nth(i)).toHaveAttribute('data-pattern', rec.pattern);
    await expect(heads.nth(i)).toContainText(TEXT[lang].pattern[rec.pattern]);
  }
  // Only the patterns the model has are named.
  const named = new Set(await heads.evaluateAll((b) => b.map((x) => x.getAttribute('data-pattern'))));
  expect([...named].sort()).toEqual(lesson.patternsFound(d.table).sort());
}

/** Every visible control has a name and is at least 44 × 44 px. */
async function checkControls(page: Page, where: string): Promise<void> {
  const controls = page.locator('#ui button:visible, #ui input:visible');
  const count = await controls.count();
  expect(count, where).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    await expect(control, `${where}: control ${i} has a name`).toHaveAccessibleName(/\S/);
    const box = need(await control.boundingBox(), `${where}: control ${i} box`);
    expect(Math.min(box.width, box.height), `${where}: control ${i} is big enough`).toBeGreaterThanOrEqual(
      44,
    );
  }
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('the three steps, three heads’ beams, a head off, the challenge and how big: three stars, kept on the map', async ({
    game,
    page,
  }) => {
    test.setTimeout(300_000);
    await start(game, 'touch');
    await levelPhase<InsideState>(game, 'shown');
    await checkAgainstModel(page, game, 'zh');
    await checkHeadLabels(page, 'zh');
    await checkControls(page, 'shown');

    // Bad input: nothing, emoji, a very long text: a kind word each, the level goes on.
    const typed = page.getByTestId('typed');
    await typed.fill('');
    await page.getByTestId('go').tap();
    await expect(page.getByTestId('message')).toHaveText(zhText.problem.empty);
    await typed.fill('🙂🐶小猫');
    await page.getByTestId('go').tap();
    await settled(page);
    await expect(page.getByTestId('message')).toContainText(
      fill(zhText.problem.unknown, { words: '' }).trim(),
    );
    await checkAgainstModel(page, game, 'zh');
    await typed.fill('小猫坐在树下。'.repeat(28));
    await page.getByTestId('go').tap();
    await settled(page);
    await expect(page.getByTestId('message')).toHaveText(fill(zhText.problem.cut, { n: 64 }));
    expect((await state(game)).tokens).toHaveLength(64);

    // A tile's beginning; three heads looked at, a head off, the challenge: the main thread
    // watched throughout. Inside the window only taps, waits inside the page and one-shot reads
    // (Playwright's polling assertions show up as long tasks themselves); the screen and the
    // shipped model (run here in Node) are checked after.
    await quiet(page);
    const worst = await watchLongTasks(page);
    const seen: { s: InsideState; dom: Snapshot; i: number }[] = [];
    await page.getByTestId('tile').nth(1).tap();
    await settled(page);
    for (const i of [0, 5, 10]) {
      await page.getByTestId('head').nth(i).tap();
      seen.push({ s: await state(game), dom: await snapshot(page), i });
    }
    let s = await state(game);
    expect(s.looked).toEqual([0, 5, 10]);

    // Switching the selected head off changes the chances.
    await page.getByTestId('switch').tap();
    await settled(page);
    seen.push({ s: await state(game), dom: await snapshot(page), i: 10 });
    await page.getByTestId('all-on').tap();
    await settled(page);
    expect((await state(game)).off).toEqual([]);

    // The challenge: try the heads in turn, as a child would, until the favourite changes.
    await page.getByTestId('challenge-go').tap();
    await challengeSet(page);
    await settled(page);
    s = await state(game);
    const ch = need(s.challenge, 'challenge');
    for (let i = 0; i < s.layers * s.heads; i++) {
      await page.getByTestId('head').nth(i).tap();
      await page.getByTestId('switch').tap();
      await settled(page);
      s = await state(game);
      seen.push({ s, dom: await snapshot(page), i });
      if (s.verdict === 'found') break;
    }
    expectNoLongTask('inside (zh, tablet): exploring heads and the challenge', await worst());

    // What each step showed.
    for (const [k, { s: x, dom, i }] of seen.entries()) {
      await checkModel(x, 'zh');
      const rec = need(DATA.zh.table[i], 'head record');
      expect(dom.pressed).toEqual([i]);
      expect(dom.headInfo).toContain(zhText.does[rec.pattern]);
      expect(dom.beams).toContain(`头 ${rec.layer + 1}.${rec.head + 1}`);
      expect(dom.favourite).toBe(
        fill(zhText.favourite, { word: shown('zh', need(x.top[0], 'favourite').token) }),
      );
      expect(dom.offShown).toEqual(x.off);
      if (k === 3) expect(x.off).toEqual([10]);
      if (k < 4 || x.verdict === 'found') continue;
      expect(x.verdict).toBe('notYet');
      expect(x.favourite).toBe(x.allOnFavourite);
      expect(dom.challenge).toBe(
        fill(zhText.challenge.notYet, {
          head: `${Math.floor(i / x.heads) + 1}.${(i % x.heads) + 1}`,
          word: shown('zh', need(x.favourite)),
        }),
      );
    }
    expect(ch.text).toBe(lesson.hardestChallenge(DATA.zh));
    expect(s.verdict).toBe('found');
    expect(s.found).not.toBeNull();
    expect(ch.changing).toContain(s.found);
    expect(s.favourite).not.toBe(s.allOnFavourite);
    await expect(page.getByTestId('challenge-status')).toContainText('找到啦');
    await checkPage(page, s, 'zh');

    // How big.
    await page.getByTestId('size-go').tap();
    await expect(page.getByTestId('size-gpt3')).toContainText('96');
    await expect(page.getByTestId('size-gpt2')).toContainText('12');
    await expect(page.getByTestId('size-times')).toHaveText(fill(zhText.size.times, { n: '11万' }));
    s = await state(game);
    expect(s.stars).toBe(3);
    expect(await finishLevel(game, 'inside', 'touch', '在模型里面')).toEqual({
      id: 'inside',
      state: 'done',
      stars: 3,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use(DESKTOP_EN);

  /** Tab until the element is focused (at most 80 presses). */
  async function tabTo(page: Page, selector: string): Promise<void> {
    for (let i = 0; i < 80; i++) {
      if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`never reached ${selector} by Tab`);
  }

  test('number keys for beginnings, Tab and Enter for heads, the challenge won: two stars, kept on the map', async ({
    game,
    page,
  }) => {
    test.setTimeout(300_000);
    await start(game, 'keyboard');
    await levelPhase<InsideState>(game, 'shown');
    await checkHeadLabels(page, 'en');
    await page.keyboard.press('3');
    await expect.poll(async () => (await state(game)).text).toBe(DATA.en.beginnings[2]);
    await settled(page);
    await checkAgainstModel(page, game, 'en');

    // Look at three heads with the keyboard; the focus stays where it was as the heads are drawn again.
    for (const i of [0, 1, 2]) {
      await tabTo(page, `[data-testid="head"][data-index="${i}"]`);
      await page.keyboard.press('Enter');
      await expect(page.locator(`[data-testid="head"][data-index="${i}"]`)).toBeFocused();
      await expect(page.locator(`[data-testid="head"][data-index="${i}"]`)).toHaveAttribute(
        'aria-pressed',
        'true',
      );
    }
    await checkAgainstModel(page, game, 'en');

    await tabTo(page, '[data-testid="challenge-go"]');
    await page.keyboard.press('Enter');
    await challengeSet(page);
    await settled(page);
    const ch = need((await state(game)).challenge, 'challenge');
    // Straight to a head that changes it: the model's own answer, checked in Node too.
    const lm = await shippedModel('en');
    const effects = await lm.headEffects(ch.text);
    const want = lesson.challengeFrom(ch.text, ch.favourite, effects, DATA.en.heads).changing;
    expect(ch.changing).toEqual(want);
    const target = need(want[want.length - 1], 'a changing head');
    await tabTo(page, `[data-testid="head"][data-index="${target}"]`);
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="switch"]');
    await page.keyboard.press('Enter');
    await settled(page);
    const s = await checkAgainstModel(page, game, 'en');
    expect(s.verdict).toBe('found');
    expect(s.found).toBe(target);
    await expect(page.getByTestId('challenge-status')).toContainText('You found it!');
    expect(s.stars).toBe(2);
    await tabTo(page, '[data-testid="finish"]');
    expect(
      (await finishLevel(game, 'inside', 'keyboard', 'Inside the model, words become numbers')).stars,
    ).toBe(2);
  });
});

import type { Page } from '@playwright/test';
import {
  test,
  expect,
  checkControls,
  expectNoLongTask,
  fill,
  finishLevel,
  levelPhase,
  levelState,
  need,
  quiet,
  startLevel,
  watchLongTasks,
  TABLET_ZH,
  type Game,
} from './fixtures';
import * as lesson from '../../src/lessons/rule30';
import type { DrawStats } from '../../scenes/cellPaint';
import enR from '../../locales/en/rule30.json' with { type: 'json' };
import zhR from '../../locales/zh/rule30.json' with { type: 'json' };

interface Rule30View {
  phase: lesson.Phase;
  rule: number;
  binary: string;
  steps: number;
  current: number;
  predictions: lesson.Prediction[];
  revealed: boolean;
  why: { options: lesson.WhyOption[]; tries: lesson.WhyOption[]; solved: boolean };
  picture: { rule: number; steps: number; width: number; row: number; cellsPerPixel: number } | null;
  drawing: boolean;
  lastDraw: DrawStats | null;
  stars: number;
}

const state = (game: Game) => levelState<Rule30View>(game);
const TEXT = { en: enR, zh: zhR };

/**
 * Waits inside the page (not by polling over the protocol, whose own work shows up as long tasks)
 * until the picture is fully drawn; with `steps`, a picture of that many steps.
 */
async function drawn(page: Page, steps?: number): Promise<void> {
  await page.evaluate(
    (steps) =>
      new Promise<void>((resolve, reject) => {
        const start = performance.now();
        const check = (): void => {
          const s = window.__owaat.level?.state as
            { drawing?: boolean; picture?: { steps: number } | null } | undefined;
          if (s && s.drawing === false && (steps === null || s.picture?.steps === steps)) resolve();
          else if (performance.now() - start > 20_000) reject(new Error('the picture never finished'));
          else setTimeout(check, 100);
        };
        check();
      }),
    steps ?? null,
  );
}

/** The 8 icons say the rule: each pressed exactly when the rule makes its pattern black. */
async function checkIcons(page: Page, rule: number, lang: 'en' | 'zh'): Promise<void> {
  const T = TEXT[lang];
  for (const p of lesson.PATTERNS) {
    const bit = lesson.ruleBit(rule, p);
    const icon = page.getByTestId(`icon-${p}`);
    await expect(icon).toHaveAttribute('aria-pressed', bit ? 'true' : 'false');
    await expect(icon.locator('.icon-bit')).toHaveAttribute('data-bit', String(bit));
    const cells = lesson
      .cellsOf(p)
      .map((c) => (c ? T.black : T.white))
      .join(T.listJoiner);
    await expect(icon).toHaveAccessibleName(fill(T.iconLabel, { cells, result: bit ? T.black : T.white }));
  }
  await expect(page.getByTestId('rule-is')).toHaveText(fill(T.ruleIs, { rule, binary: lesson.binary(rule) }));
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('icons and presets make rules, 1,000 steps draw without a long task, rule 90 has a shortcut and rule 30 none: two stars on the map', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'rule-30', 'touch');
    let s = await levelPhase<Rule30View>(game, 'explore');
    await drawn(page);
    expect(s.rule).toBe(30);
    await checkIcons(page, 30, 'zh');
    await checkControls(page, 'explore');

    // A tap on the 111 icon: it now makes black, and the rule is 30 + 128.
    await page.getByTestId('icon-7').tap();
    await expect.poll(async () => (await state(game)).rule).toBe(158);
    await checkIcons(page, 158, 'zh');
    await drawn(page);
    s = await state(game);
    expect(s.picture).toMatchObject({ rule: 158, steps: 20, row: 20 });
    await page.getByTestId('preset-110').tap();
    await expect(page.getByTestId('preset-110')).toHaveAttribute('aria-pressed', 'true');
    await checkIcons(page, 110, 'zh');

    // Rule 30, 1,000 steps: worked out and painted in slices, no main-thread task over 50 ms.
    await page.getByTestId('preset-30').tap();
    await drawn(page);
    await quiet(page);
    const longest = await watchLongTasks(page);
    await page.locator('label', { has: page.getByTestId('steps-1000') }).tap();
    await drawn(page, 1000);
    const worst = await longest();
    expectNoLongTask('rule-30 (zh, tablet): 1,000 steps of rule 30 drawn', worst);
    s = await state(game);
    expect(s.picture).toMatchObject({ rule: 30, steps: 1000, width: lesson.widthFor(1000), row: 1000 });
    console.log(`rule-30 (zh, tablet): 1,000 steps drawn: ${JSON.stringify(s.lastDraw)}`);
    expect(s.lastDraw?.steps).toBe(1000);
    await expect(page.getByTestId('rows-note')).toHaveText(fill(zhR.rowsNote, { steps: '1,000' }));

    await page.getByTestId('to-puzzle').tap();
    await levelPhase<Rule30View>(game, 'predict');
    const tiles = page.getByTestId('tiles').getByTestId('tile');
    for (let i = 0; i < 4; i++) {
      s = await state(game);
      const q = need(s.predictions[i]);
      expect(s.current).toBe(i);
      await expect(page.getByTestId('question')).toHaveText(
        fill(zhR.predictQuestion, { rule: q.rule, step: q.step }),
      );
      await expect(page.getByTestId('shown-note')).toHaveText(fill(zhR.predictShown, { shown: q.shown }));
      // Only the first steps are on screen while the player guesses.
      await drawn(page);
      expect((await state(game)).picture).toMatchObject({ rule: q.rule, steps: q.step, row: q.shown });
      await expect(page.getByTestId('run')).toBeDisabled();
      await expect(page.getByTestId('message')).toHaveText(zhR.pickFirst);
      // Rule 90 by its shortcut (the middle stays white); rule 30: black, whatever it is.
      const pick = q.rule === 90 ? lesson.rule90Centre(q.step) : 1;
      await tiles.filter({ hasText: pick ? zhR.blackTile : zhR.whiteTile }).tap();
      if (i === 3) {
        await quiet(page);
        const watch = await watchLongTasks(page);
        await page.getByTestId('run').tap();
        await drawn(page);
        expectNoLongTask('rule-30 (zh, tablet): rule 30 run row by row to its far step', await watch());
      } else {
        await page.getByTestId('run').tap();
        // Row by row: while the steps are worked out, the level says so.
        await expect(page.getByTestId('message')).toHaveText(fill(zhR.working, { step: q.step }));
        await drawn(page);
      }
      s = await state(game);
      expect(s.revealed).toBe(true);
      // With motion on, the hidden rows came one after another, over about a second.
      expect(need(s.lastDraw).wallMs).toBeGreaterThan(900);
      expect(need(s.lastDraw).frames).toBeGreaterThan(20);
      expect(s.picture).toMatchObject({ rule: q.rule, steps: q.step, row: q.step });
      const answer = lesson.run(q.rule, q.step).centre(q.step);
      expect(need(s.predictions[i]).answer).toBe(answer);
      const colour = answer ? zhR.black : zhR.white;
      const key =
        q.rule === 90
          ? pick === answer
            ? zhR.right90
            : zhR.wrong90
          : pick === answer
            ? zhR.right30
            : zhR.wrong30;
      await expect(page.getByTestId('message')).toHaveText(fill(key, { colour, step: q.step }));
      await expect(page.getByTestId('no-star')).toBeVisible({ visible: q.rule === 30 });
      await expect(page.getByTestId('plot-summary')).toHaveText(
        fill(zhR.summary, { rule: q.rule, steps: q.step, step: q.step, colour }),
      );
      await checkControls(page, `question ${i + 1}`);
      await page.getByTestId('next').tap();
    }

    // The last question: a wrong answer first, kindly; then every step.
    await levelPhase<Rule30View>(game, 'why');
    await page.locator('[data-option="pattern"]').tap();
    await expect(page.getByTestId('why-message')).toHaveText(zhR.whyWrong.pattern);
    expect((await state(game)).phase).toBe('why');
    await quiet(page);
    const atEnd = await watchLongTasks(page);
    await page.locator('[data-option="everyStep"]').tap();
    await drawn(page, 1000);
    expectNoLongTask('rule-30 (zh, tablet): the end, rule 30 after 1,000 steps', await atEnd());
    s = await levelPhase<Rule30View>(game, 'done');
    expect(s.stars).toBe(2);
    await expect(page.getByTestId('done-text')).toHaveText(
      fill(zhR.doneText, { cells: (1001 * lesson.widthFor(1000)).toLocaleString('zh-CN') }),
    );
    expect(
      await finishLevel(game, 'rule-30', 'touch', '规则 90 有捷径', async (card) => {
        // The next level that plays on the path is offered.
        await expect(card.getByTestId('next-level')).toBeVisible();
      }),
    ).toEqual({ id: 'rule-30', state: 'done', stars: 2 });
  });
});

test.describe('on a desktop, by keyboard, in English, offline, with reduced motion', () => {
  test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US', reducedMotion: 'reduce' });

  test('keys alone: flip an icon, pick rule 90, guess with 1 and 2, run with Enter: three stars', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'rule-30', 'keyboard');
    await levelPhase<Rule30View>(game, 'explore');
    await drawn(page);
    // The first icon (111) has the focus: Enter flips it, and again flips it back.
    await expect(page.getByTestId('icon-7')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state(game)).rule).toBe(158);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await state(game)).rule).toBe(30);
    await checkIcons(page, 30, 'en');
    // Past the other 7 icons to the presets.
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    await expect(page.getByTestId('preset-30')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state(game)).rule).toBe(90);
    await checkIcons(page, 90, 'en');
    await drawn(page);
    // The steps: a radio group, moved by the arrow keys.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('steps-20')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await state(game)).steps).toBe(100);
    await drawn(page);
    expect((await state(game)).picture).toMatchObject({ rule: 90, steps: 100, row: 100 });
    await expect(page.getByTestId('plot-summary')).toHaveText(
      fill(enR.summary, { rule: 90, steps: 100, step: 100, colour: enR.white }),
    );
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('to-puzzle')).toBeFocused();
    await page.keyboard.press('Enter');

    await levelPhase<Rule30View>(game, 'predict');
    let s: Rule30View;
    for (let i = 0; i < 4; i++) {
      s = await state(game);
      const q = need(s.predictions[i]);
      await expect(page.getByTestId('tiles').getByTestId('tile').first()).toBeFocused();
      // 1 is black, 2 is white: rule 90 by its shortcut, rule 30 the wrong colour (no star lost).
      const pick = q.rule === 90 ? lesson.rule90Centre(q.step) : q.answer ? 0 : 1;
      await page.keyboard.press(pick ? '1' : '2');
      await expect.poll(async () => need((await state(game)).predictions[i]).pick).toBe(pick);
      await expect(page.getByTestId('run')).toBeFocused();
      await page.keyboard.press('Enter');
      await drawn(page);
      // With reduced motion there is no row-by-row show: the picture is done in a few frames.
      expect(need((await state(game)).lastDraw).frames).toBeLessThan(8);
      await expect(page.getByTestId('next')).toBeFocused();
      const colour = q.answer ? enR.black : enR.white;
      await expect(page.getByTestId('message')).toHaveText(
        fill(q.rule === 90 ? enR.right90 : enR.wrong30, { colour, step: q.step }),
      );
      await page.keyboard.press('Enter');
    }
    s = await levelPhase<Rule30View>(game, 'why');
    await expect(page.getByTestId('why-tiles').getByTestId('tile').first()).toBeFocused();
    await page.keyboard.press(String(s.why.options.indexOf('everyStep') + 1));
    s = await levelPhase<Rule30View>(game, 'done');
    expect(s.stars).toBe(3);
    await drawn(page);
    expect((await state(game)).picture).toMatchObject({ rule: 30, steps: 1000, row: 1000 });
    expect((await finishLevel(game, 'rule-30', 'keyboard', 'Rule 90 has a shortcut')).stars).toBe(3);
  });
});

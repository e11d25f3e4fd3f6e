import {
  test,
  expect,
  drag,
  expectNoLongTask,
  finishLevel,
  levelPhase,
  levelState,
  need,
  phaseInPage,
  quiet,
  setKnobByKeys,
  setKnobByTouch,
  startLevel,
  watchLongTasks,
  TABLET_ZH,
  type Game,
} from './fixtures';
import { KNOB_RANGE, TARGET, TOWER, error, type Knobs } from '../../src/lessons/knobs';

interface KnobsState {
  phase: string;
  knobs: number[];
  shown: number[];
  error: number;
  target: number;
  bestError: number;
  computerStep: number;
  computerSteps: number;
  stars: number;
}

const state = (game: Game) => levelState<KnobsState>(game);
const NAMES = ['knob-a', 'knob-b', 'knob-c'] as const;
/** Knobs on the sliders' 0.05 grid that fit: the search in tests/unit/knobs.test.ts finds such points. */
const GOOD: Knobs = [1.75, 0.85, -0.1];
const BEST_ON_GRID: Knobs = [1.75, 0.8, -0.1];

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('tapping the knobs fits the curve; then the computer turns them itself', async ({ game, page }) => {
    await startLevel(game, 'knobs', 'touch');
    let s = await levelPhase<KnobsState>(game, 'fit');
    expect(s.error).toBeCloseTo(error([0, 0, 0], TOWER), 9);
    await expect(page.getByTestId('error')).toContainText('误差：33.6');
    // Each knob has its own job, named on screen.
    await expect(page.getByText('b（倾斜）', { exact: true })).toBeVisible();
    await expect(page.getByTestId('shapes')).toContainText('c 让它弯曲');

    await quiet(page);
    const longest = await watchLongTasks(page);
    for (const [i, id] of NAMES.entries())
      await setKnobByTouch(page, id, GOOD[i] as number, need(KNOB_RANGE[i]));
    expectNoLongTask('knobs (zh, tablet): while tapping the knobs', await longest());
    s = await levelPhase<KnobsState>(game, 'won');
    expect(s.knobs).toEqual([...GOOD]);
    expect(s.error).toBeCloseTo(error(GOOD, TOWER), 9);
    expect(s.error).toBeLessThan(TARGET);
    await expect(page.getByTestId('message')).toHaveText('曲线对上了！现在让电脑自己来试试。');

    // The computer starts from the flat line and goes downhill, a few steps a frame.
    const watching = await watchLongTasks(page);
    await page.getByTestId('computer').tap();
    // With motion on, the knobs turn a few steps a frame: the computer is at work now.
    expect((await state(game)).phase).toBe('computer');
    await phaseInPage(page, ['done']);
    expectNoLongTask('knobs (zh, tablet): while the computer turns the knobs', await watching());
    s = await state(game);
    expect(s.computerStep).toBe(s.computerSteps);
    expect(s.error).toBeLessThan(TARGET);
    await expect(page.getByTestId('message')).toContainText(`走了 ${s.computerSteps} 小步`);
    // The knobs show the computer's values.
    await expect(page.getByTestId('knob-b-value')).toHaveText((s.shown[1] as number).toFixed(2));
    expect(s.stars).toBe(2);

    const station = await finishLevel(game, 'knobs', 'touch', '梯度下降', async (card) => {
      // The next level to play is the neuron (the word levels before it are still being built).
      await expect(card.getByTestId('next-level')).toBeVisible();
    });
    expect(station).toEqual({ id: 'knobs', state: 'done', stars: 2 });
  });
});

test.describe('on a desktop, by keyboard, in English, offline, with reduced motion', () => {
  test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US', reducedMotion: 'reduce' });

  test('arrow keys turn the knobs to the best fit on the grid; the computer jumps to its end', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'knobs', 'keyboard');
    await levelPhase<KnobsState>(game, 'fit');

    // A mouse drag across a knob: the curve follows with no long task.
    await quiet(page);
    const longest = await watchLongTasks(page);
    await drag(page, page.getByTestId('knob-a'), 0.2, 0.8);
    await drag(page, page.getByTestId('knob-a'), 0.8, 0.3);
    expectNoLongTask('knobs (en, desktop): while dragging a knob', await longest());

    // Tab order: a's −, slider, + … so three Tabs go from one slider to the next.
    await page.getByTestId('knob-a').focus();
    for (const [i, id] of NAMES.entries()) {
      if (i > 0) for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
      await setKnobByKeys(page, id, BEST_ON_GRID[i] as number, 0.05);
    }
    // The + and − buttons work from the keyboard too.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('knob-c-more')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('knob-c-value')).toHaveText('-0.05');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('knob-c-less')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('knob-c-value')).toHaveText('-0.10');

    let s = await levelPhase<KnobsState>(game, 'won');
    expect(s.knobs).toEqual([...BEST_ON_GRID]);
    expect(s.stars).toBe(3);
    await expect(page.getByTestId('error')).toHaveText('Error: 0.008 · Goal: below 0.025');

    // Reduced motion: the computer's descent shows its end at once, no animation.
    await page.getByTestId('computer').focus();
    await page.keyboard.press('Enter');
    s = await state(game);
    expect(s.phase).toBe('done');
    expect(s.computerStep).toBe(s.computerSteps);
    expect((await finishLevel(game, 'knobs', 'keyboard', 'gradient descent')).stars).toBe(3);
  });
});

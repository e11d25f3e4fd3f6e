import {
  test,
  expect,
  expectNoLongTask,
  finishLevel,
  levelPhase,
  levelState,
  need,
  phaseInPage,
  quiet,
  startLevel,
  watchLongTasks,
  TABLET_ZH,
  type Game,
} from './fixtures';
import { B, DROPS, roll, RATES } from '../../src/lessons/landscape';
import { correct } from '../../src/lessons/neuron';

interface LandscapeState {
  phase: string;
  drop: number;
  rate: string;
  rolls: number;
  shown: number;
  ball: { w1: number; w2: number };
  height: number;
  right: number;
  last: { outcome: string; steps: number } | null;
  stars: number;
}

const state = (game: Game) => levelState<LandscapeState>(game);

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('a high lake traps the ball, giant steps fly off, medium steps from hill C reach the lowest lake', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'loss-landscape', 'touch');
    let s = await levelPhase<LandscapeState>(game, 'aim');
    expect(s.drop).toBe(0);
    expect(s.rate).toBe('medium');

    await quiet(page);
    // Each roll is watched on its own: no main-thread task over 50 ms while the ball rolls.
    const worst = { task: 0, frame: 0 };
    const rollWatched = async (): Promise<void> => {
      const longest = await watchLongTasks(page);
      await page.getByTestId('roll').tap();
      // With motion on, the ball takes its steps one tick at a time: it is rolling now.
      expect((await state(game)).phase).toBe('rolling');
      await phaseInPage(page, ['aim', 'done']);
      const seen = await longest();
      worst.task = Math.max(worst.task, seen.task);
      worst.frame = Math.max(worst.frame, seen.frame);
    };
    // Hill A, medium steps: the ball rolls (step by step, on screen) into the high lake.
    await rollWatched();
    s = await state(game);
    expect(s.phase).toBe('aim');
    expect(s.last).toEqual({ outcome: 'highLake', steps: roll(need(DROPS[0]), RATES.medium).steps });
    await expect(page.getByTestId('message')).toHaveText(
      '球卡在一个高处的湖里了。换个山头或者步子大小试试。',
    );

    // Hill C, giant steps: off the map.
    await page.getByTestId('drop-C').tap();
    await page.getByTestId('rate-giant').tap();
    await rollWatched();
    expect((await state(game)).last?.outcome).toBe('flewOff');
    await expect(page.getByTestId('message')).toHaveText('嗖！步子太大，球飞出了地图。');

    // Hill C, medium steps: the lowest lake in 6 steps.
    await page.getByTestId('rate-medium').tap();
    await rollWatched();
    s = await state(game);
    expectNoLongTask('loss-landscape (zh, tablet): while the ball rolls (three rolls)', worst);
    expect(s.last).toEqual({ outcome: 'lowest', steps: 6 });
    expect(s.rolls).toBe(3);
    expect(s.stars).toBe(2);
    await expect(page.getByTestId('message')).toHaveText(
      '扑通！球用 6 步滚进了最低的湖。在湖底，神经元把每只动物都分对了。',
    );
    await expect(page.getByTestId('steps')).toHaveText('步数：6 / 30 · 滚了 3 次');
    // The linked neuron has the ball's weights: in the lowest lake it sorts every animal.
    const n = { w1: s.ball.w1, w2: s.ball.w2, b: B, activation: 'sigmoid' as const };
    expect(correct(n).every(Boolean)).toBe(true);
    await expect(page.getByTestId('neuron-summary')).toHaveText(
      '用球的权重，12 只动物里有 12 只在对的一边。',
    );

    const station = await finishLevel(game, 'loss-landscape', 'touch', '上百万个权重', async (card) => {
      // Draw a digit is next on the path.
      await expect(card.getByTestId('next-level')).toBeVisible();
    });
    expect(station).toEqual({ id: 'loss-landscape', state: 'done', stars: 2 });
  });
});

test.describe('on a desktop, by keyboard, in English, offline, with reduced motion', () => {
  test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US', reducedMotion: 'reduce' });

  test('tiny steps crawl; medium steps from hill B win; with reduced motion a roll shows its end at once', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'loss-landscape', 'keyboard');
    await levelPhase<LandscapeState>(game, 'aim');
    await expect(page.getByTestId('drop-A')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('drop-B')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('rate-medium')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('rate-tiny')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('roll')).toBeFocused();
    await page.keyboard.press('Enter');
    // No animation: the roll is over as soon as the key is handled.
    let s = await state(game);
    expect(s.phase).toBe('aim');
    expect(s.last).toEqual({ outcome: 'tooSlow', steps: 30 });
    expect(s.shown).toBe(30);
    await expect(page.getByTestId('message')).toHaveText(
      'The steps were so tiny that the ball ran out of steps.',
    );

    await expect(page.getByTestId('roll')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('rate-tiny')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('rate-medium')).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    s = await state(game);
    expect(s.phase).toBe('done');
    expect(s.last).toEqual({ outcome: 'lowest', steps: 11 });
    expect(s.stars).toBe(2);
    await expect(page.getByTestId('message')).toHaveText(
      'Splash! The ball reached the lowest lake in 11 steps. At its bottom the neuron sorts every animal.',
    );
    await expect(page.getByTestId('steps')).toHaveText('Steps: 11 of 30 · Rolls: 2');
    // Hill B enters the lake at its edge, where one rabbit is still wrong: the ball rolls on to the
    // bottom, and the small neuron picture shows every animal sorted, as the message says.
    expect(s.right).toBe(12);
    await expect(page.getByTestId('neuron-summary')).toHaveText(
      "With the ball's weights, 12 of 12 animals are on the right side.",
    );
    expect((await finishLevel(game, 'loss-landscape', 'keyboard', 'millions of weights')).stars).toBe(2);
  });
});

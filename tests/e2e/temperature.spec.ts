import {
  test,
  expect,
  drag,
  goOffline,
  levelPhase,
  levelState,
  need,
  quiet,
  watchLongTasks,
  TABLET_ZH,
  type Game,
} from './fixtures';
import { readable } from '../../src/lessons/nextWord';

interface TemperatureState {
  phase: string;
  temperature: number;
  prompt: string;
  distribution: { id: number; token: string; p: number }[];
  bars: { token: string; p: number }[];
  match: { order: number[]; answers: (string | null)[]; checks: number; solved: boolean };
  matchTexts: string[];
  writes: number;
  written: { t: number; verdict: string; text: string; zero: string; hot: string } | null;
  writesToJustRight: number | null;
  stars: number;
}

const LABELS = ['boring', 'justRight', 'nonsense'];
const state = (game: Game) => levelState<TemperatureState>(game);

const phase = (game: Game, want: string) => levelPhase<TemperatureState>(game, want);

/** The bars are the model's own chances reshaped: p(T) ∝ p^(1/T), checked on pairs of words. */
function expectReshaped(s: TemperatureState): void {
  const model = new Map(s.distribution.map((d) => [d.token, d.p]));
  const shown = s.bars.filter((b) => model.has(b.token));
  expect(shown.length).toBeGreaterThan(1);
  const [first, ...others] = shown.map((b) => ({ p: b.p, model: need(model.get(b.token)) }));
  for (const b of others) {
    const want = Math.pow(b.model / need(first).model, 1 / s.temperature);
    expect(b.p / need(first).p).toBeCloseTo(want, 6);
  }
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('tapping the slider reshapes the bars; matching the three stories and a just-right one win', async ({
    game,
    page,
  }) => {
    await goOffline(game);
    await game.goto('#/play/temperature?seed=1');
    await game.expectScene('level-temperature');
    await phase(game, 'intro');
    await page.getByTestId('start').tap();
    let s = await phase(game, 'match');
    expect(s.matchTexts).toHaveLength(3);
    // At T = 1 the bars are exactly the model's own top ten.
    expect(s.temperature).toBe(1);
    expect(s.bars.map((b) => [b.token, b.p])).toEqual(s.distribution.map((d) => [d.token, d.p]));

    const slider = page.getByTestId('slider');
    const longest = await watchLongTasks(page);
    const box = need(await slider.boundingBox(), 'slider box');
    for (const f of [0, 0.25, 0.75, 1, 0.4]) {
      await slider.tap({ position: { x: 8 + f * (box.width - 16), y: box.height / 2 } });
      await expect.poll(async () => (await state(game)).temperature).toBeCloseTo(2 * f, 1);
      s = await state(game);
      if (s.temperature === 0) expect(s.bars[0]).toEqual({ token: need(s.distribution[0]).token, p: 1 });
      else expectReshaped(s);
    }
    const worst = await longest();
    console.log(
      `temperature (zh, tablet): while tapping the slider, longest task over 50 ms: ${worst.task.toFixed(0)} ms (0 = none), longest frame: ${worst.frame.toFixed(0)} ms`,
    );
    expect(worst.task).toBeLessThanOrEqual(50);
    await expect(page.getByTestId('value')).toHaveText('T = 0.80');

    // Step 1: label each story by the temperature that wrote it.
    for (const [pos, m] of s.match.order.entries()) await page.getByTestId(`label-${pos}-${LABELS[m]}`).tap();
    await page.getByTestId('check').tap();
    s = await phase(game, 'find');
    expect(s.match.solved).toBe(true);
    await expect(page.getByTestId('message')).toHaveText('三个都对了！');

    // Step 2: write at 0.8 until the story is just right (roll again otherwise).
    await page.getByTestId('write').tap();
    for (let tries = 1; ; tries++) {
      await expect.poll(async () => (await state(game)).writes).toBe(tries);
      s = await state(game);
      expect(s.written?.t).toBeCloseTo(0.8, 5);
      if (s.written?.verdict === 'justRight') break;
      expect(tries).toBeLessThan(6);
      await page.getByTestId('again-write').tap();
    }
    await expect(page.getByTestId('message')).toHaveText('刚刚好：既不重复，也不乱！');
    s = await phase(game, 'done');
    expect(s.stars).toBeGreaterThanOrEqual(2);
    await page.getByTestId('finish').tap();
    const card = page.getByTestId('learned-card');
    await expect(card).toHaveAttribute('data-armed', 'true');
    await expect(card).toContainText('温度决定模型多常选不太可能的字');
    await card.getByTestId('to-map').tap();
    await game.expectScene('map');
    expect((await game.stations()).find((x) => x.id === 'temperature')).toEqual({
      id: 'temperature',
      state: 'done',
      stars: s.stars,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });

  test('arrow keys move the temperature; labels, checks and writing all work from the keyboard', async ({
    game,
    page,
  }) => {
    await goOffline(game);
    await game.goto('#/play/temperature?seed=2');
    await phase(game, 'intro');
    await expect(page.getByTestId('start')).toBeFocused();
    await page.keyboard.press('Enter');
    await phase(game, 'match');
    const slider = page.getByTestId('slider');
    await expect(slider).toBeEnabled();

    // Dragging with the mouse: no main-thread task over 50 ms. (Measured from the first drag, once the
    // stories are on screen and the page has settled: it is the drag being measured, not the screen appearing.)
    await quiet(page);
    const longest = await watchLongTasks(page);
    await drag(page, slider, 0.5, 1);
    await drag(page, slider, 1, 0);
    await drag(page, slider, 0, 0.5);
    const worst = await longest();
    console.log(
      `temperature (en, desktop): while dragging the slider, longest task over 50 ms: ${worst.task.toFixed(0)} ms (0 = none), longest frame: ${worst.frame.toFixed(0)} ms`,
    );
    expect(worst.task).toBeLessThanOrEqual(50);

    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(async () => (await state(game)).temperature).toBe(0);
    for (let i = 0; i < 16; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('value')).toHaveText('T = 0.80');
    let s = await state(game);
    expectReshaped(s);

    // Step 1 by keyboard: Tab into each story's labels, arrows pick one; first a wrong set.
    const order = s.match.order;
    const pickLabels = async (labelOf: (pos: number) => string) => {
      await slider.focus();
      for (let pos = 0; pos < 3; pos++) {
        // Tab lands on the group's checked radio, or its first one when none is checked.
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
        const want = LABELS.indexOf(labelOf(pos));
        const moves = (want - LABELS.indexOf(at) + 3) % 3;
        if (moves === 0) await page.keyboard.press('Space');
        for (let k = 0; k < moves; k++) await page.keyboard.press('ArrowRight');
        await expect(page.getByTestId(`label-${pos}-${labelOf(pos)}`)).toBeChecked();
      }
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('check')).toBeFocused();
      await page.keyboard.press('Enter');
    };
    await pickLabels((pos) => need(LABELS[(need(order[pos]) + 1) % 3]));
    await expect(page.getByTestId('message')).toHaveText('Not yet: the ones with ✗ need another label.');
    await expect(page.getByTestId('mark-0')).toHaveText('✗');
    await pickLabels((pos) => need(LABELS[need(order[pos])]));
    s = await phase(game, 'find');
    expect(s.match.checks).toBe(2);

    // Step 2: T = 0 repeats itself; 0.8 is just right.
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByTestId('write').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state(game)).writes).toBe(1);
    s = await state(game);
    expect(s.written?.t).toBe(0);
    expect(s.written?.text).toBe(s.written?.zero);
    await slider.focus();
    for (let i = 0; i < 16; i++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('write').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state(game)).writes).toBe(2);
    s = await state(game);
    expect(s.written?.verdict).toBe('justRight');
    // Shown as the child reads it: sentences start with a capital.
    await expect(page.getByTestId('story-yours')).toContainText(
      readable('en', `${s.prompt} ${need(s.written).text}`),
    );
    await expect(page.getByTestId('finish')).toBeFocused();
    await page.keyboard.press('Enter');
    const card = page.getByTestId('learned-card');
    await expect(card).toHaveAttribute('data-armed', 'true');
    s = await state(game);
    expect(s.stars).toBe(1);
    await expect(card.getByTestId('to-map')).toBeFocused();
    await page.keyboard.press('Enter');
    await game.expectScene('map');
    expect((await game.stations()).find((x) => x.id === 'temperature')?.stars).toBe(1);
  });
});

import {
  test,
  expect,
  drag,
  expectNoLongTask,
  finishLevel,
  levelPhase,
  levelState,
  quiet,
  setKnobByKeys,
  setKnobByTouch,
  startLevel,
  watchLongTasks,
  TABLET_ZH,
  type Game,
  DESKTOP_EN,
} from './fixtures';
import { ANIMALS, SLIDER, stars, type Neuron } from '../../src/lessons/neuron';

interface NeuronState {
  phase: string;
  neuron: Neuron;
  right: number;
  total: number;
  correct: boolean[];
  hint: string | null;
  parts: string[] | null;
  stars: number;
}

const state = (game: Game) => levelState<NeuronState>(game);
/** Settings a search over the sliders finds (tests/unit/neuron.test.ts): every animal right. */
const SORTS: Neuron = { w1: 5, w2: -5, b: 0, activation: 'step' };
/** And with room to spare and a sure sigmoid: three stars. */
const SURE: Neuron = { w1: 8, w2: -9.5, b: 0, activation: 'sigmoid' };

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('tapping w1, w2 and b sorts every animal; then the nearest-point network', async ({ game, page }) => {
    await startLevel(game, 'neuron', 'touch');
    let s = await levelPhase<NeuronState>(game, 'sort');
    // At the start the neuron calls every animal a cat: the six cats are right, the six rabbits wrong.
    expect(s.right).toBe(6);
    await expect(page.getByTestId('score')).toHaveText('分对了：6 / 12');

    await quiet(page);
    const longest = await watchLongTasks(page);
    await expect(page.getByTestId('sort-hint')).toBeHidden();
    await setKnobByTouch(page, 'knob-w1', SORTS.w1, SLIDER);
    // One weight alone leaves every animal on one side, 6 of 12 right: the level says why.
    await expect(page.getByTestId('score')).toHaveText('分对了：6 / 12');
    await expect(page.getByTestId('sort-hint')).toHaveText(
      '只转一个旋钮，所有动物都会落在同一边。把别的旋钮也转一转！',
    );
    expect((await state(game)).hint).toBe('oneKnob');
    await setKnobByTouch(page, 'knob-w2', SORTS.w2, SLIDER);
    await expect(page.getByTestId('sort-hint')).toBeHidden();
    await setKnobByTouch(page, 'knob-b', SORTS.b, SLIDER);
    // The activation changes the picture, not the line: still all right.
    for (const a of ['relu', 'tanh', 'sigmoid', 'step']) {
      await page.getByTestId(`act-${a}`).tap();
      await expect.poll(async () => (await state(game)).neuron.activation).toBe(a);
      expect((await state(game)).right).toBe(12);
    }
    expectNoLongTask('neuron (zh, tablet): while tapping the sliders', await longest());
    s = await levelPhase<NeuronState>(game, 'sorted');
    expect(s.neuron).toEqual(SORTS);
    expect(s.correct.every(Boolean)).toBe(true);
    expect(s.stars).toBe(stars(SORTS));
    await expect(page.getByTestId('score')).toHaveText('分对了：12 / 12');
    await expect(page.getByTestId('message')).toHaveText('每只动物都在对的一边！');

    await page.getByTestId('nearest').tap();
    await levelPhase<NeuronState>(game, 'nearest');
    await expect(page.getByTestId('nearest-text')).toBeVisible();
    await expect(page.getByTestId('plot-summary')).toHaveText(
      '平面分成三块：兔子的、猫的，还有一块留给耳朵短、尾巴也短的新动物。',
    );
    // The animals stay in the picture, each in its own kind's part; the ◆ points are explained.
    s = await state(game);
    expect(s.parts).toEqual(ANIMALS.map((a) => (a.rabbit ? 'rabbit' : 'cat')));
    await expect(page.getByTestId('legend')).toHaveText(
      '有耳朵的圆圈是兔子，三角形是猫。每个 ◆ 是一个神经元的点，离它最近的地方就是它的那一块。',
    );
    await expect(page.getByText('斜坡')).toBeVisible();
    await expect(page.getByText('正负 S 形')).toBeVisible();
    await expect(page.getByTestId('knob-w1')).toBeDisabled();
    expect(await finishLevel(game, 'neuron', 'touch', '神经元把输入乘上权重')).toEqual({
      id: 'neuron',
      state: 'done',
      stars: 2,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use(DESKTOP_EN);

  test('arrow keys set a sure sigmoid neuron for three stars', async ({ game, page }) => {
    await startLevel(game, 'neuron', 'keyboard');
    await levelPhase<NeuronState>(game, 'sort');

    await quiet(page);
    const longest = await watchLongTasks(page);
    await drag(page, page.getByTestId('knob-w1'), 0.5, 1);
    await drag(page, page.getByTestId('knob-b'), 0.5, 0);
    expectNoLongTask('neuron (en, desktop): while dragging the sliders', await longest());

    await page.getByTestId('knob-w1').focus();
    await setKnobByKeys(page, 'knob-w1', SURE.w1, SLIDER.step);
    for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
    await setKnobByKeys(page, 'knob-w2', SURE.w2, SLIDER.step);
    for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
    await setKnobByKeys(page, 'knob-b', SURE.b, SLIDER.step);
    let s = await levelPhase<NeuronState>(game, 'sorted');
    expect(s.stars).toBe(2);
    // Tab to the activation (the checked one, step), arrows to sigmoid.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('act-step')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('act-sigmoid')).toBeChecked();
    s = await state(game);
    expect(s.neuron).toEqual(SURE);
    expect(s.stars).toBe(3);
    await expect(page.getByTestId('score')).toHaveText('Right: 12 of 12');

    await page.getByTestId('nearest').focus();
    await page.keyboard.press('Enter');
    await levelPhase<NeuronState>(game, 'nearest');
    expect((await finishLevel(game, 'neuron', 'keyboard', 'Many neurons together')).stars).toBe(3);
  });
});

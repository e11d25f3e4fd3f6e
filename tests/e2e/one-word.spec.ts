import { test, expect, TABLET_ZH, DESKTOP_EN } from './fixtures';
import { maxStars } from '../../src/lessons/levels';

test.describe('on a tablet, by touch, in Chinese', () => {
  test.use(TABLET_ZH);

  test('finishing one-word saves the stars and unlocks the next level, and it survives a reload', async ({
    game,
    page,
  }) => {
    // Count the requests for persistent storage (asked once, after the first finished level).
    await page.addInitScript(() => {
      const w = window as unknown as { __persistCalls: number };
      w.__persistCalls = 0;
      const original = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => (w.__persistCalls++, original());
    });
    const persistCalls = () =>
      page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls);
    await game.goto();
    await game.station('one-word').tap();
    await page.getByTestId('play').tap();
    const end = await game.playOneWord('touch', () => true);
    expect(end.stars).toBe(3);
    expect(end.favouritesGuessed).toBe(3);
    const card = page.getByTestId('learned-card');
    await expect(card).toBeVisible();
    await expect(card.getByRole('heading')).toHaveText('你学到了什么');
    await expect(card.getByRole('img')).toHaveAccessibleName('3 颗星');
    expect(await persistCalls()).toBe(1);
    await card.getByTestId('to-map').tap();
    await game.expectScene('map');
    const stations = await game.stations();
    expect(stations[0]).toEqual({ id: 'one-word', state: 'done', stars: 3 });
    expect(stations[1]?.state).toBe('open');
    await page.reload();
    await game.ready();
    expect((await game.stations()).slice(0, 2)).toEqual([
      { id: 'one-word', state: 'done', stars: 3 },
      { id: 'next-word', state: 'open', stars: 0 },
    ]);
    await expect(page.getByTestId('total-stars')).toHaveText(`共 ${maxStars()} 颗星，已得 3 颗`);
    // Asked once, never again. (The map now offers the next level: pick one-word again.)
    await game.station('one-word').tap();
    await page.getByTestId('play').tap();
    await game.playOneWord('touch', () => false);
    expect(await persistCalls()).toBe(0);
  });
});

test.describe('on a desktop, by keyboard, in English', () => {
  test.use(DESKTOP_EN);

  test('the whole level plays with the keyboard alone and the result is kept', async ({ game, page }) => {
    await game.goto();
    await expect(game.station('one-word')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(game.station('next-word')).toBeFocused();
    await expect(page.getByTestId('card-hint')).toHaveText(
      'Finish “One word at a time” first to open this level.',
    );
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('play')).toBeFocused();
    await page.keyboard.press('Enter');
    const end = await game.playOneWord('keyboard', (round) => round === 2);
    expect(end.favouritesGuessed).toBe(1);
    expect(end.stars).toBe(2);
    expect(end.sentence.startsWith('The best thing about AI is its ability to ')).toBe(true);
    expect(end.sentence.split(' ').length).toBe(9 + 3);
    const card = page.getByTestId('learned-card');
    await expect(card).toBeVisible();
    await expect(card).toContainText('ChatGPT writes one word at a time.');
    await expect(card.getByTestId('to-map')).toBeFocused();
    await page.keyboard.press('Enter');
    await game.expectScene('map');
    expect((await game.stations())[0]).toEqual({ id: 'one-word', state: 'done', stars: 2 });
    await page.reload();
    await game.ready();
    expect((await game.stations()).slice(0, 2).map((s) => s.state)).toEqual(['done', 'open']);
    // Playing again with a worse result keeps the best stars.
    await game.goto('#/play/one-word');
    await game.playOneWord('mouse', () => false);
    await page.getByTestId('to-map').click();
    expect((await game.stations())[0]).toEqual({ id: 'one-word', state: 'done', stars: 2 });
  });

  test('the bars show exactly the table’s probabilities, the pick marked', async ({ game, page }) => {
    await game.goto('#/play/one-word?seed=3');
    await page.getByTestId('start').click();
    await page.locator('[data-testid="tile"][data-index="4"]').click();
    const state = await game.levelState();
    expect(state.bars.map((b) => [b.word, b.p, b.picked, b.favourite])).toEqual([
      ['learn', 4.5, false, true],
      ['predict', 3.5, false, false],
      ['make', 3.2, false, false],
      ['understand', 3.1, false, false],
      ['do', 2.9, true, false],
    ]);
    await expect(page.getByTestId('bars-summary')).toHaveText(
      'learn 4.5%, predict 3.5%, make 3.2%, understand 3.1%, do 2.9%. You picked “do”.',
    );
    await expect(page.getByTestId('instruction')).toHaveText(
      'Good try! The model likes “learn” best. Your word “do” joins the sentence anyway.',
    );
  });
});

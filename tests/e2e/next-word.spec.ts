import { test, expect, goOffline, levelPhase, levelState, need, TABLET_ZH, type Game } from './fixtures';

interface NextWordState {
  phase: string;
  seed: number;
  round: number;
  rounds: number;
  text: string;
  tiles: { id: number; token: string }[];
  distribution: { id: number; token: string; p: number }[];
  bars: { id: number; token: string; p: number; picked: boolean }[];
  pick: { token: string; p: number; rank: number; rating: string } | null;
  ratings: string[];
  points: number;
  stars: number;
  message: string | null;
}

const state = (game: Game) => levelState<NextWordState>(game);

const phase = (game: Game, want: string) => levelPhase<NextWordState>(game, want);

/** The bars show exactly what the model returned: its top ten, with the pick added when it is not among them. */
function expectBarsMatchModel(s: NextWordState): void {
  expect(s.distribution).toHaveLength(10);
  const top = s.bars.slice(0, 10);
  expect(top.map((b) => [b.id, b.p])).toEqual(s.distribution.map((d) => [d.id, d.p]));
  const sum = s.distribution.reduce((a, d) => a + d.p, 0);
  expect(sum).toBeGreaterThan(0);
  expect(sum).toBeLessThanOrEqual(1 + 1e-9);
  for (let i = 1; i < top.length; i++) expect(need(top[i - 1]).p).toBeGreaterThanOrEqual(need(top[i]).p);
  const picked = s.bars.filter((b) => b.picked);
  expect(picked).toHaveLength(1);
  expect(need(picked[0]).token).toBe(s.pick?.token);
  if (!s.distribution.some((d) => d.token === s.pick?.token)) expect(s.bars).toHaveLength(11);
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('guessing the model’s favourite 字 each round wins three stars, and bad input loses nothing', async ({
    game,
    page,
  }) => {
    await goOffline(game);
    await game.goto('#/play/next-word?seed=1');
    await game.expectScene('level-next-word');
    await phase(game, 'intro');
    await expect(page.getByTestId('intro')).toContainText('猜');
    await page.getByTestId('start').tap();

    for (let round = 1; round <= 5; round++) {
      const s = await phase(game, 'choose');
      expect(s.tiles).toHaveLength(5);
      for (const tile of s.tiles) expect(tile.token).toMatch(/^(\p{Script=Han}|[，。！？])$/u);
      // The favourite a player can pick: the model's likeliest 字 or mark (not "the end").
      const favourite = need(s.distribution.find((d) => d.token !== '<eos>'));
      expect(s.tiles.map((t) => t.id)).toContain(favourite.id);
      if (round === 2) {
        // Bad input first: each gets a kind message and the round goes on.
        const typed = page.getByTestId('typed');
        for (const [input, message] of [
          ['', '请先写一个字。'],
          ['🐱', '请写一个汉字。'],
          ['小猫咪', '只写一个字就好。'],
          ['龘', '我们的模型没读过“龘”这个字，换一个试试吧！'],
          ['一'.repeat(40), '太长啦！只写一个字就好。'],
        ] as const) {
          await typed.fill(input);
          await page.getByTestId('use').tap();
          await expect(page.getByTestId('message')).toHaveText(message);
          expect((await state(game)).phase).toBe('choose');
        }
        // Then the favourite, typed.
        await typed.fill(favourite.token);
        await page.getByTestId('use').tap();
      } else {
        await page.locator(`[data-testid="tile"][data-id="${favourite.id}"]`).tap();
      }
      const after = await phase(game, 'reveal');
      expect(after.pick?.rating).toBe('favourite');
      expect(after.text.endsWith(favourite.token)).toBe(true);
      expectBarsMatchModel(after);
      await expect(page.getByTestId('bars-summary')).toContainText(`你选了“${favourite.token}”`);
      await page.getByTestId('next').tap();
    }
    const end = await phase(game, 'done');
    expect(end.points).toBe(15);
    expect(end.stars).toBe(3);
    const card = page.getByTestId('learned-card');
    await expect(card).toHaveAttribute('data-armed', 'true');
    await expect(card).toContainText('一次又一次地加上一个合适的字');
    await card.getByTestId('to-map').tap();
    await game.expectScene('map');
    expect((await game.stations()).find((s) => s.id === 'next-word')).toEqual({
      id: 'next-word',
      state: 'done',
      stars: 3,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });

  test('the level plays with keys alone; an unlikely word scores less; the player’s own beginning works', async ({
    game,
    page,
  }) => {
    await goOffline(game);
    await game.goto('#/play/next-word?seed=2');
    await phase(game, 'intro');
    await expect(page.getByTestId('start')).toBeFocused();
    await page.keyboard.press('Enter');
    for (let round = 1; round <= 5; round++) {
      const s = await phase(game, 'choose');
      await expect(page.getByTestId('tile').first()).toBeFocused();
      // Round 3: the least likely tile; the others: the favourite, by its number key.
      const ranked = (id: number) => s.distribution.findIndex((d) => d.id === id);
      const choice =
        round === 3
          ? s.tiles.reduce((worst, t) => (ranked(t.id) === -1 || ranked(t.id) > ranked(worst.id) ? t : worst))
          : need(s.tiles.find((t) => t.id === need(s.distribution.find((d) => d.token !== '<eos>')).id));
      await page.keyboard.press(String(s.tiles.indexOf(choice) + 1));
      const after = await phase(game, 'reveal');
      expectBarsMatchModel(after);
      expect(after.pick?.token).toBe(choice.token);
      expect(after.pick?.rating).toBe(round === 3 ? 'surprising' : 'favourite');
      await expect(page.getByTestId('message')).toHaveText(
        round === 3 ? 'That surprised the model! +0' : "The model's favourite word! +3",
      );
      await expect(page.getByTestId('next')).toBeFocused();
      await page.keyboard.press('Enter');
    }
    const end = await phase(game, 'done');
    expect(end.points).toBe(12);
    expect(end.stars).toBe(3);
    const card = page.getByTestId('learned-card');
    await expect(card).toHaveAttribute('data-armed', 'true');
    await expect(card).toContainText('All ChatGPT does is add one reasonable word, again and again.');

    // Again, with the player's own beginning: unknown words and emoji are read as "?", the game goes on.
    await card.getByTestId('again').click();
    await phase(game, 'intro');
    await page.getByTestId('free-input').fill('');
    await page.getByTestId('free-input').press('Enter');
    await expect(page.getByTestId('free-message')).toHaveText('Type a few words first.');
    await page.getByTestId('free-input').fill('The zorblax 🐸 was very');
    await page.getByTestId('free-input').press('Enter');
    const own = await phase(game, 'choose');
    expect(own.text).toBe('The zorblax 🐸 was very');
    await expect(page.getByTestId('message')).toHaveText(
      "The model doesn't know “zorblax, 🐸”. It reads them as “?” and goes on.",
    );
    // Typing a word by keyboard: Tab to the field, type, Enter.
    await page.getByTestId('typed').focus();
    await page.keyboard.type('happy');
    await page.keyboard.press('Enter');
    const typed = await phase(game, 'reveal');
    expect(typed.pick?.token).toBe('happy');
    expectBarsMatchModel(typed);
    expect(typed.text).toBe('The zorblax 🐸 was very happy');
  });
});

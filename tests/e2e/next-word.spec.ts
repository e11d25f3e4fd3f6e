import {
  test,
  expect,
  fill,
  goOffline,
  levelPhase,
  levelState,
  need,
  TABLET_ZH,
  type Game,
  DESKTOP_EN,
} from './fixtures';
import { expectChances, ranking, shippedModel } from './shipped-model';
import { labelOf } from './labels';
import {
  bars,
  isTileToken,
  isWordToken,
  percent,
  points,
  score,
  TOP,
  type Candidate,
  type Rating,
} from '../../src/lessons/nextWord';
import type { Lang } from '../../src/lm/tokenizer';
import enNextWord from '../../locales/en/nextWord.json' with { type: 'json' };
import zhNextWord from '../../locales/zh/nextWord.json' with { type: 'json' };

interface NextWordState {
  phase: string;
  seed: number;
  round: number;
  rounds: number;
  text: string;
  tiles: { id: number; token: string; label: string }[];
  distribution: { id: number; token: string; p: number }[];
  bars: { id: number; token: string; label: string; p: number; picked: boolean }[];
  pick: { token: string; p: number; rank: number; rating: string } | null;
  ratings: string[];
  points: number;
  stars: number;
  message: string | null;
}

const LOCALE = { en: enNextWord, zh: zhNextWord };

const state = (game: Game) => levelState<NextWordState>(game);

const phase = (game: Game, want: string) => levelPhase<NextWordState>(game, want);

/** A round about to be played: the page's state, and the model's own ranking after its text. */
interface Round {
  readonly s: NextWordState;
  readonly ranked: Candidate[];
  /** The likeliest token a player can pick (a word or a mark, never "the end"). */
  readonly favourite: Candidate;
}

/** Waits for the next round and checks that it offers what the model computes for its text. */
async function nextRound(game: Game, lang: Lang): Promise<Round> {
  const s = await phase(game, 'choose');
  const ranked = await ranking(lang, s.text);
  expectChances(s.distribution, ranked.slice(0, TOP), `after “${s.text}”`);
  const favourite = need(
    ranked.find((c) => isTileToken(lang, c.token)),
    'a token the player can pick',
  );
  expect(s.tiles).toHaveLength(5);
  expect(s.tiles.map((t) => t.id)).toContain(favourite.id);
  // Each tile says its word, or what its mark does ("end of the sentence ."), never a bare mark.
  const shown = s.tiles.map((t) => labelOf(lang, t.token, LOCALE[lang].end));
  expect(s.tiles.map((t) => t.label)).toEqual(shown);
  await expect(game.page.getByTestId('tile').locator('.tile-word')).toHaveText(shown);
  return { s, ranked, favourite };
}

/**
 * After a pick: the rating, the bars and the chart's spoken summary are what the model's ranking
 * gives for it (its top ten, the pick added when it is not among them). Returns the rating.
 */
async function expectReveal(game: Game, lang: Lang, round: Round, pickId: number): Promise<NextWordState> {
  const page = game.page;
  const want = score(lang, round.s.text, round.ranked, pickId);
  const after = await phase(game, 'reveal');
  expect(after.pick?.token).toBe(want.pick.token);
  expect(after.pick?.rating).toBe(want.rating);
  const shown = bars(round.ranked, pickId, want.favourite.id);
  // The bars are exactly the model's chances; only their labels say marks in words.
  expectChances(after.bars, shown, 'the bars');
  expect(after.bars.map((b) => b.picked)).toEqual(shown.map((b) => b.picked));
  const locale = LOCALE[lang];
  const name = (token: string) => labelOf(lang, token, locale.end);
  expect(after.bars.map((b) => b.label)).toEqual(shown.map((b) => name(b.token)));
  await expect(page.getByTestId('bars-summary')).toHaveText(
    fill(locale.barsSummary, {
      list: shown.map((b) => `${name(b.token)} ${percent(b.p)}`).join(', '),
      word: name(want.pick.token),
      p: percent(want.pick.p),
    }),
  );
  await expect(page.getByTestId('message')).toHaveText(locale.rating[want.rating]);
  return after;
}

/** A 字 the model never read, found in its vocabulary at test time. */
async function unknownHan(): Promise<string> {
  const { tokenizer } = await shippedModel('zh');
  return need(
    ['龘', '齉', '靐', '麤', '爩', '龖', '䨻'].find((c) => !tokenizer.has(c)),
    'a 字 the model does not know',
  );
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
      const r = await nextRound(game, 'zh');
      for (const tile of r.s.tiles) expect(tile.token).toMatch(/^(\p{Script=Han}|[，。！？])$/u);
      const favourite = r.favourite;
      if (round === 2) {
        // Bad input first: each gets a kind message and the round goes on.
        const typed = page.getByTestId('typed');
        const unknown = await unknownHan();
        for (const [input, message] of [
          ['', '请先写一个字。'],
          ['🐱', '请写一个汉字。'],
          ['小猫咪', '只写一个字就好。'],
          [unknown, `我们的模型没读过“${unknown}”这个字，换一个试试吧！`],
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
      const after = await expectReveal(game, 'zh', r, favourite.id);
      expect(after.pick?.rating).toBe('favourite');
      expect(after.text).toBe(r.s.text + favourite.token);
      await expect(page.getByTestId('bars-summary')).toContainText(
        `你选了“${labelOf('zh', favourite.token, zhNextWord.end)}”`,
      );
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
  test.use(DESKTOP_EN);

  test('the level plays with keys alone; an unlikely word scores less; the player’s own beginning works', async ({
    game,
    page,
  }) => {
    await goOffline(game);
    await game.goto('#/play/next-word?seed=2');
    await phase(game, 'intro');
    await expect(page.getByTestId('start')).toBeFocused();
    await page.keyboard.press('Enter');
    const ratings: Rating[] = [];
    for (let round = 1; round <= 5; round++) {
      const r = await nextRound(game, 'en');
      await expect(page.getByTestId('tile').first()).toBeFocused();
      // Round 3: the tile the model finds least likely; the others: the favourite, by its number key.
      const rank = (id: number) => r.ranked.findIndex((c) => c.id === id);
      const choice =
        round === 3
          ? r.s.tiles.reduce((worst, t) => (rank(t.id) > rank(worst.id) ? t : worst))
          : need(r.s.tiles.find((t) => t.id === r.favourite.id));
      await page.keyboard.press(String(r.s.tiles.indexOf(choice) + 1));
      const after = await expectReveal(game, 'en', r, choice.id);
      const rating = need(after.pick?.rating) as Rating;
      // The favourite scores best; an unlikely tile (ranked far below the model's top five) less.
      if (round === 3) expect(points(rating)).toBeLessThan(points('favourite'));
      else expect(rating).toBe('favourite');
      ratings.push(rating);
      await expect(page.getByTestId('next')).toBeFocused();
      await page.keyboard.press('Enter');
    }
    const end = await phase(game, 'done');
    expect(end.ratings).toEqual(ratings);
    expect(end.points).toBe(ratings.reduce((sum, r) => sum + points(r), 0));
    // Four favourites make 12 points whatever the unlikely word scored: three stars.
    expect(end.stars).toBe(3);
    const card = page.getByTestId('learned-card');
    await expect(card).toHaveAttribute('data-armed', 'true');
    await expect(card).toContainText('All ChatGPT does is add one reasonable word, again and again.');

    // Again, with the player's own beginning: words the model does not know (and emoji) are read
    // as "?", the game goes on.
    await card.getByTestId('again').click();
    await phase(game, 'intro');
    await page.getByTestId('free-input').fill('');
    await page.getByTestId('free-input').press('Enter');
    await expect(page.getByTestId('free-message')).toHaveText('Type a few words first.');
    const beginning = 'The zorblax 🐸 was very';
    const unknown = (await shippedModel('en')).tokenizer.unknown(beginning);
    expect(unknown).toContain('🐸');
    await page.getByTestId('free-input').fill(beginning);
    await page.getByTestId('free-input').press('Enter');
    const own = await nextRound(game, 'en');
    expect(own.s.text).toBe(beginning);
    await expect(page.getByTestId('message')).toHaveText(
      fill(enNextWord.free.unknown, { words: unknown.join(', ') }),
    );
    // Typing a word by keyboard: Tab to the field, type, Enter. The word: the likeliest one the
    // model knows that is not on a tile.
    const word = need(
      own.ranked.find((c) => isWordToken('en', c.token) && !own.s.tiles.some((t) => t.id === c.id)),
      'a word to type',
    );
    await page.getByTestId('typed').focus();
    await page.keyboard.type(word.token);
    await page.keyboard.press('Enter');
    const typed = await expectReveal(game, 'en', own, word.id);
    expect(typed.pick?.token).toBe(word.token);
    expect(typed.text).toBe(`${beginning} ${word.token}`);
  });
});

test.describe('on a tablet, by touch, in Chinese: the player’s own beginning', () => {
  test.use(TABLET_ZH);

  test('a Chinese beginning with ，！？ (or typed with , ! ?) is read with the marks the model knows', async ({
    game,
    page,
  }) => {
    const written = '小猫说：“我们去玩吧！”小狗问：“去哪儿？”';
    const { tokenizer } = await shippedModel('zh');
    expect(tokenizer.unknown(written), 'the model knows every 字 and mark of the beginning').toEqual([]);
    // As a Chinese keyboard writes it, then as an ASCII one does.
    for (const [seed, typed] of [
      [3, written],
      [4, '小猫说:"我们去玩吧!"小狗问:"去哪儿?"'],
    ] as const) {
      await game.goto(`#/play/next-word?seed=${seed}`);
      await phase(game, 'intro');
      await page.getByTestId('free-input').fill(typed);
      await page.getByTestId('free-go').tap();
      const own = await nextRound(game, 'zh');
      expect(own.s.text).toBe(written);
      // No word of it is unknown: nothing to say about the beginning.
      expect(own.s.message).toBeNull();
      await expect(page.getByTestId('message')).toHaveText('');
      await expect(page.getByTestId('sentence')).toContainText(written);
    }
  });
});

test.describe('on a phone, by touch, in English: marks', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'en-US' });

  test('a mark is offered in words (“end of the sentence .”) and its bar keeps the model’s chance', async ({
    game,
    page,
  }) => {
    // A beginning after which the model likes a mark best, found with the shipped model.
    const beginnings = [
      'Lily played with her dog all day and she was very happy',
      'The sun was hot and the dog was very tired',
      'Tom ate the cake and said it was good',
    ];
    let beginning: string | undefined;
    for (const b of beginnings) {
      const favourite = (await ranking('en', b)).find((c) => isTileToken('en', c.token));
      if (favourite && !isWordToken('en', favourite.token)) {
        beginning = b;
        break;
      }
    }
    await game.goto('#/play/next-word?seed=5');
    await phase(game, 'intro');
    await page.getByTestId('free-input').fill(need(beginning, 'a beginning the model ends with a mark'));
    await page.getByTestId('free-go').tap();
    const r = await nextRound(game, 'en');
    const mark = r.favourite;
    const tile = page.locator(`[data-testid="tile"][data-id="${mark.id}"]`);
    const words = labelOf('en', mark.token, enNextWord.end);
    expect(words).not.toBe(mark.token);
    await expect(tile).toContainText(words);
    await expect(tile).toBeInViewport({ ratio: 1 });
    await tile.tap();
    const after = await expectReveal(game, 'en', r, mark.id);
    expect(after.pick?.rating).toBe('favourite');
    expect(after.bars.find((b) => b.picked)).toMatchObject({ token: mark.token, label: words });
  });
});

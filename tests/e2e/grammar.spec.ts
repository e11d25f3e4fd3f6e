import type { Locator, Page } from '@playwright/test';
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
  phaseInPage,
  quiet,
  startLevel,
  watchLongTasks,
  TABLET_ZH,
  type Game,
  DESKTOP_EN,
} from './fixtures';
import { shippedModel } from './shipped-model';
import * as lesson from '../../src/lessons/grammar';
import { closers } from '../../src/lessons/brackets';
import enG from '../../locales/en/grammar.json' with { type: 'json' };
import zhG from '../../locales/zh/grammar.json' with { type: 'json' };

type Lang = 'en' | 'zh';

interface GrammarView {
  phase: string;
  items: lesson.SortItem[];
  at: number;
  tries: lesson.Basket[];
  sortMistakes: number;
  scores: (lesson.Scored | null)[];
  means: Record<lesson.Basket, number> | null;
  most: lesson.Basket | null;
  guess: lesson.Basket | null;
  viewing: number;
  own: lesson.Own | null;
  words: string[];
  pieces: string[];
  complete: boolean;
  depth: number;
  won: boolean;
  refused: { kind: string } | null;
  round: number;
  brackets: { start: string; typed: string; wrong: string | null };
  bracketMistakes: number;
  mistakes: number;
  stars: number;
}

const TEXT = { en: enG, zh: zhG };
const state = (game: Game) => levelState<GrammarView>(game);

/** Presses Tab until `target` has the focus (a keyboard player's way to a control). */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/**
 * The surprise the page shows is the shipped model's: the same tokens for every sentence and each
 * chance within 0.1 % of what the model computes here (the page reads a growing text from
 * remembered keys and values). Then the meter's words are checked against the page's own numbers.
 */
async function checkMeter(page: Page, lang: Lang, s: GrammarView): Promise<void> {
  const lm = await shippedModel(lang);
  const t = TEXT[lang];
  for (const [i, item] of s.items.entries()) {
    const shown = need(s.scores[i], `score of ${item.text}`);
    const model = await lm.surprise(item.text);
    expect(model.unknown, item.text).toEqual([]);
    expect(shown.tokens, item.text).toEqual(model.tokens);
    shown.p.forEach((p, k) => {
      const want = model.p[k] as number;
      expect(Math.abs(p - want), `${item.text}: token ${k}`).toBeLessThanOrEqual(1e-3 * want + 1e-9);
    });
  }
  const means = lesson.basketMeans(s.items, s.scores);
  expect(need(s.means)).toEqual(means);
  const name = (b: lesson.Basket) => t.basket[b];
  await expect(page.getByTestId('meter-summary')).toHaveText(
    fill(t.meterSummary, {
      list: lesson.BASKETS.map((b) => `${name(b)} ${fill(t.bitsValue, { bits: means[b].toFixed(1) })}`).join(
        ', ',
      ),
    }),
  );
  const most = lesson.mostSurprising(means);
  expect(s.most).toBe(most);
  await expect(page.getByTestId('guess-result')).toHaveText(
    fill(t.guessResult, { guess: name(need(s.guess)), most: name(most) }),
  );
  const wrongPair = lesson.EXPECTED.find(([lo, hi]) => means[lo] >= means[hi]);
  await expect(page.getByTestId('verdict')).toHaveText(
    wrongPair ? fill(t.outOfOrder, { low: name(wrongPair[0]), high: name(wrongPair[1]) }) : t.inOrder,
  );
  const miss = lesson.worstMiss(s.items, s.scores);
  const item = (i: number) => need(s.items[i]);
  await expect(page.getByTestId('miss')).toHaveText(
    miss
      ? fill(t.miss, {
          low: item(miss.low).text,
          lowBasket: name(item(miss.low).basket),
          high: item(miss.high).text,
          highBasket: name(item(miss.high).basket),
        })
      : t.noMiss,
  );
  await expect(page.getByTestId('untrue')).toHaveText(
    lesson.untrueLikeSense(means) ? t.untrueLike : t.untrueUnlike,
  );
  console.log(
    `grammar (${lang}) surprise by basket, bits per token: ${lesson.BASKETS.map((b) => `${b} ${means[b].toFixed(2)}`).join(', ')}`,
  );
}

/** The words of the sentence being viewed, each with its surprise, said in words for screen readers. */
async function checkWords(page: Page, s: GrammarView): Promise<void> {
  const sc = need(s.viewing === s.items.length ? s.own : s.scores[s.viewing]);
  // A word the model never saw is drawn as "?".
  const top = sc.tokens[lesson.peak(sc)] === '<unk>' ? '?' : (sc.tokens[lesson.peak(sc)] as string);
  // A name is shown with its capital (the model's token has none).
  await expect(page.getByTestId('words-summary')).toContainText(top, { ignoreCase: true });
  await expect(page.getByTestId('peak')).toContainText(top, { ignoreCase: true });
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('four baskets (one wrong try), the meter against the shipped model, a 的-clause, three bracket rounds: three stars, kept on the map', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'grammar', 'touch');
    let s = await levelPhase<GrammarView>(game, 'sort');
    await expect(page.getByTestId('instruction')).toHaveText(zhG.sortChoose);
    await checkControls(page, 'sort');
    // One wrong basket first: a hint for the right one, the sentence stays.
    const first = need(s.items[0]);
    const wrong = need(lesson.BASKETS.find((b) => b !== first.basket));
    await page.getByTestId(`basket-${wrong}`).tap();
    await expect(page.getByTestId('message')).toHaveText(
      fill(zhG.wrongHint[first.basket], { pick: zhG.basket[wrong] }),
    );
    await expect(page.getByTestId('sentence')).toHaveText(first.text);
    await expect(page.getByTestId(`basket-${wrong}`)).toBeDisabled();
    for (let i = 0; i < s.items.length; i++) {
      const item = need(s.items[i]);
      await expect(page.getByTestId('sentence')).toHaveText(item.text);
      await page.getByTestId(`basket-${item.basket}`).tap();
    }
    s = await levelPhase<GrammarView>(game, 'guess', 60_000);
    expect(s.sortMistakes).toBe(1);
    await expect(page.getByTestId('instruction')).toHaveText(zhG.guessChoose);
    await page.getByTestId('basket-broken').tap();
    s = await levelPhase<GrammarView>(game, 'meter');
    await checkMeter(page, 'zh', s);
    await checkControls(page, 'meter');
    await page.getByTestId('sentence-tile').nth(3).tap();
    await expect.poll(async () => (await state(game)).viewing).toBe(3);
    await checkWords(page, await state(game));

    // The player's own sentence: bad ones refused kindly, in Chinese, with what was typed kept.
    const input = page.getByTestId('own-input');
    const go = page.getByTestId('own-go');
    const ownMessage = page.getByTestId('own-message');
    await go.tap();
    await expect(ownMessage).toHaveText(zhG.own.empty);
    await input.fill('🙂🎉');
    await go.tap();
    await expect(ownMessage).toHaveText(zhG.own.noWords);
    // A pasted page: the box keeps its first 400 characters, and the meter says it is too long.
    await input.fill('小猫'.repeat(50_000));
    await expect(input).toHaveValue('小猫'.repeat(lesson.OWN_BOX / 2));
    await quiet(page);
    const longest = await watchLongTasks(page);
    await go.tap();
    await expect(ownMessage).toHaveText(fill(zhG.own.tooLong, { max: lesson.MAX_OWN }));
    expectNoLongTask('grammar (zh, tablet): an own sentence of 100,000 characters pasted', await longest());
    await expect(input).toHaveValue('小猫'.repeat(lesson.OWN_BOX / 2));
    expect((await state(game)).own).toBeNull();
    const lm = await shippedModel('zh');
    const mine = '小猫在床上睡觉。';
    await input.fill(mine);
    await go.tap();
    await expect(page.getByTestId('own-tile')).toHaveText(`✎${mine}`);
    s = await state(game);
    const read = await lm.surprise(mine);
    expect(need(s.own).tokens).toEqual(read.tokens);
    expect(s.viewing).toBe(s.items.length);
    await expect(ownMessage).toHaveText('');
    await checkWords(page, s);
    // Words the model never saw are said, and still measured.
    const odd = '我的猫叫 Zed。';
    await input.fill(odd);
    await go.tap();
    const unknown = lm.prepare(odd).unknown;
    expect(unknown.length).toBeGreaterThan(0);
    await expect(ownMessage).toHaveText(fill(zhG.own.unknown, { words: unknown.join(zhG.wordJoiner) }));
    await page.getByTestId('to-build').tap();

    // Building: a wrong measure word is refused, saying which one the noun takes.
    await levelPhase<GrammarView>(game, 'build');
    const card = (w: string) => page.locator(`[data-testid="card"][data-word="${w}"]`);
    await card('一').tap();
    await card('本').tap();
    await card('猫').tap();
    await expect(page.getByTestId('build-message')).toHaveText(
      fill(zhG.refuse.measure, { noun: '猫', cl: '本', right: '只' }),
    );
    expect((await state(game)).words).toEqual(['一', '本']);
    await page.getByTestId('clear').tap();
    // A whole sentence without a clause is not yet the goal.
    for (const w of ['那', '只', '猫', '跑', '了', '。']) await card(w).tap();
    await expect(page.getByTestId('build-message')).toHaveText(zhG.needsClause);
    await page.getByTestId('clear').tap();
    for (const w of ['狗', '追', '的', '那', '只', '猫', '跑', '了', '。']) await card(w).tap();
    s = await state(game);
    expect(s.won).toBe(true);
    expect(s.pieces).toEqual(['[', '狗', '追', '的', ']', '那', '只', '猫', '跑', '了', '。']);
    await expect(page.getByTestId('tree').getByTestId('clause')).toHaveText('狗追的');
    await expect(page.getByTestId('build-message')).toHaveText(fill(zhG.buildWon, { depth: 1 }));
    await checkControls(page, 'build');
    await page.getByTestId('to-brackets').tap();

    for (const depth of lesson.BRACKET_DEPTHS) {
      s = await levelPhase<GrammarView>(game, 'brackets');
      const close = need(closers(s.brackets.start));
      expect(close).toHaveLength(depth);
      for (const ch of close) await page.getByTestId(ch === ')' ? 'close-round' : 'close-square').tap();
      await expect(page.getByTestId('bracket-message')).toContainText('全都关上了');
      await page.getByTestId('next-round').tap();
    }
    s = await levelPhase<GrammarView>(game, 'done');
    expect(s.mistakes).toBe(1);
    expect(s.stars).toBe(3);
    await expect(page.getByTestId('done')).toContainText(zhG.bookPoint);
    expect(await finishLevel(game, 'grammar', 'touch', zhG.learned)).toEqual({
      id: 'grammar',
      state: 'done',
      stars: 3,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use(DESKTOP_EN);

  test('keys alone win it: 1–4 sort, a wrong a/an refused, ) and ] close; no long task while the model reads', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'grammar', 'keyboard');
    let s = await levelPhase<GrammarView>(game, 'sort');
    await expect(page.getByTestId('basket-sense')).toBeFocused();
    const key = (b: lesson.Basket) => String(lesson.BASKETS.indexOf(b) + 1);
    // Two wrong tries on the first sentence.
    const first = need(s.items[0]);
    const wrongs = lesson.BASKETS.filter((b) => b !== first.basket).slice(0, 2);
    for (const b of wrongs) await page.keyboard.press(key(b));
    await expect.poll(async () => (await state(game)).sortMistakes).toBe(2);
    for (let i = 0; i < s.items.length - 1; i++) {
      await expect(page.getByTestId('sentence')).toHaveText(need(s.items[i]).text);
      await page.keyboard.press(key(need(s.items[i]).basket));
    }
    await expect(page.getByTestId('sentence')).toHaveText(need(s.items[s.items.length - 1]).text);
    // The last one starts the model reading all eight: the page stays free.
    await quiet(page);
    const longest = await watchLongTasks(page);
    await page.keyboard.press(key(need(s.items[s.items.length - 1]).basket));
    await phaseInPage(page, ['guess'], 60_000);
    expectNoLongTask('grammar (en, desktop): the model reads eight sentences', await longest());

    await page.keyboard.press('3');
    s = await levelPhase<GrammarView>(game, 'meter');
    await checkMeter(page, 'en', s);
    const tiles = page.getByTestId('sentence-tile');
    await expect(tiles.first()).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state(game)).viewing).toBe(1);
    await checkWords(page, await state(game));
    await tabTo(page, page.getByTestId('to-build'));
    await page.keyboard.press('Enter');

    await levelPhase<GrammarView>(game, 'build');
    const card = (w: string) => page.locator(`[data-testid="card"][data-word="${w}"]`);
    await expect(card('the')).toBeFocused();
    const pick = async (w: string) => {
      await tabTo(page, card(w));
      await page.keyboard.press('Enter');
    };
    // "a owl" is refused: an owl. Then the book's kind of sentence, two clauses deep.
    await pick('a');
    await pick('owl');
    await expect(page.getByTestId('build-message')).toHaveText(fill(enG.refuse.useAn, { noun: 'owl' }));
    await pick('the');
    await expect(page.getByTestId('build-message')).toHaveText(
      fill(enG.refuse.notHere, { word: 'the', list: enG.cat.noun }),
    );
    await tabTo(page, page.getByTestId('undo'));
    await page.keyboard.press('Enter');
    expect((await state(game)).words).toEqual([]);
    for (const w of 'the cat that the dog that an owl saw chased ran .'.split(' ')) await pick(w);
    s = await state(game);
    expect(s.won).toBe(true);
    expect(s.depth).toBe(2);
    await expect(page.getByTestId('tree').getByTestId('clause').first()).toHaveText(
      'that the dog that an owl saw chased',
    );
    await expect(page.getByTestId('build-message')).toHaveText(fill(enG.buildWonDeep, { depth: 2 }));
    await expect(page.getByTestId('to-brackets')).toBeFocused();
    await page.keyboard.press('Enter');

    for (const [round, depth] of lesson.BRACKET_DEPTHS.entries()) {
      s = await levelPhase<GrammarView>(game, 'brackets');
      expect(s.round).toBe(round);
      const close = need(closers(s.brackets.start));
      expect(close).toHaveLength(depth);
      if (round === 2) {
        // One wrong closer: refused, saying why, and counted.
        const wrong = close[0] === ')' ? ']' : ')';
        await page.keyboard.press(wrong);
        await expect(page.getByTestId('bracket-message')).toHaveText(fill(enG.bracketWrong, { ch: wrong }));
        expect((await state(game)).brackets.typed).toBe('');
      }
      for (const ch of close) await page.keyboard.press(ch);
      await expect(page.getByTestId('bracket-message')).toHaveText(fill(enG.bracketRight, { depth }));
      await expect(page.getByTestId('next-round')).toBeFocused();
      await page.keyboard.press('Enter');
    }
    s = await levelPhase<GrammarView>(game, 'done');
    expect(s.mistakes).toBe(3);
    expect(s.stars).toBe(2);
    expect((await finishLevel(game, 'grammar', 'keyboard', 'Grammar is the shape of a sentence')).stars).toBe(
      2,
    );
  });
});

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
  startLevel,
  watchLongTasks,
  TABLET_ZH,
  type Game,
  DESKTOP_EN,
} from './fixtures';
import * as lesson from '../../src/lessons/semanticMap';
import enSM from '../../locales/en/semanticMap.json' with { type: 'json' };
import zhSM from '../../locales/zh/semanticMap.json' with { type: 'json' };
import gloveData from '../../public/data/semantic-map/glove.json' with { type: 'json' };
import oursEn from '../../public/data/semantic-map/model-en.json' with { type: 'json' };
import oursZh from '../../public/data/semantic-map/model-zh.json' with { type: 'json' };

type Spot = { x: number; y: number } | null;

interface MapState {
  phase: lesson.Phase;
  loaded: boolean;
  lang: 'en' | 'zh';
  which: 'big' | 'ours';
  me: { x: number; y: number };
  view: { cx: number; cy: number; zoom: number };
  walking: boolean;
  reached: string | null;
  closest: { target: string; answer: string; tries: string[]; solved: boolean };
  whichQ: { target: string; options: string[]; answer: string; tries: string[]; solved: boolean };
  book: { pairs: string[][]; answer: 0 | 1; tries: number[]; solved: boolean };
  fruit: { fruits: string[]; found: string[]; misses: string[] };
  oppositesSeen: boolean;
  path: { words: string[]; skipped: string[] } | null;
  spots: Record<string, Spot>;
  stepDone: boolean;
  misses: number;
  stars: number;
}

const MAP = new lesson.SemanticMap(gloveData as unknown as lesson.GloveMapData);
const TEXT = { en: enSM, zh: zhSM };
const OURS = { en: oursEn as unknown as lesson.ModelMapData, zh: oursZh as unknown as lesson.ModelMapData };
const state = (game: Game) => levelState<MapState>(game);
const label = (en: string, lang: 'en' | 'zh') => MAP.label(MAP.index(en), lang);
const sim = (x: number, lang: 'en' | 'zh') =>
  x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Waits until the walker has stopped, then reads the state. */
async function settled(game: Game): Promise<MapState> {
  await expect.poll(async () => (await state(game)).walking).toBe(false);
  return state(game);
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

/** The honest card lists the word's true five nearest in 50-D, with their similarity. */
async function checkHonest(page: Page, en: string, lang: 'en' | 'zh'): Promise<void> {
  const i = MAP.index(en);
  await expect(page.getByTestId('honest')).toContainText(
    fill(TEXT[lang].honestTitle, { word: label(en, lang) }),
  );
  await expect(page.getByTestId('honest-list').locator('li')).toHaveText(
    MAP.nearest(i, 5).map((n) =>
      fill(TEXT[lang].honestItem, { word: MAP.label(n.index, lang), sim: sim(n.sim, lang) }),
    ),
  );
}

/** A tap on a word of the map (where the game says it is drawn): the walker goes there and picks it. */
async function tapWord(game: Game, en: string): Promise<MapState> {
  // A message over the top bar moves the map when it goes: tap once the page stands still.
  await expect(game.toast().locator('.toast')).toHaveCount(0, { timeout: 15_000 });
  const s = await settled(game);
  const spot = need(s.spots[en], `${en} on screen`);
  await game.page.touchscreen.tap(spot.x, spot.y);
  await expect.poll(async () => (await state(game)).reached).toBe(en);
  return settled(game);
}

test.describe('on a tablet, by touch, in Chinese, offline', () => {
  test.use(TABLET_ZH);

  test('every challenge won by tapping, checked in 50-D; the same map in English; bad sentences kindly refused; three stars on the map', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'semantic-map', 'touch');
    let s = await levelPhase<MapState>(game, 'closest');
    expect(s.lang).toBe('zh');
    const zh = TEXT.zh;
    await expect(page.getByTestId('goal')).toHaveText(
      fill(zh.closestGoal, { word: label(s.closest.target, 'zh') }),
    );
    // The answer is the target's nearest word in 50-D.
    const target = MAP.index(s.closest.target);
    expect(s.closest.answer).toBe(MAP.words[need(MAP.nearest(target, 1)[0]).index]?.en);
    await checkHonest(page, s.closest.target, 'zh');
    await checkControls(page, 'closest');

    // The labels switch language on the same geometry: the answer stands on the same spot.
    const before = need(s.spots[s.closest.answer]);
    await page.getByTestId('lang-switch').tap();
    await expect.poll(async () => (await state(game)).lang).toBe('en');
    await expect(page.getByTestId('goal')).toHaveText(fill(enSM.closestGoal, { word: s.closest.target }));
    expect((await state(game)).spots[s.closest.answer]).toEqual(before);
    await page.getByTestId('lang-switch').tap();
    await expect.poll(async () => (await state(game)).lang).toBe('zh');

    s = await tapWord(game, s.closest.answer);
    expect(s.closest.solved).toBe(true);
    await expect(page.getByTestId('message')).toHaveText(
      fill(zh.closestRight, {
        pick: label(s.closest.answer, 'zh'),
        word: label(s.closest.target, 'zh'),
        sim: sim(MAP.sim(target, MAP.index(s.closest.answer)), 'zh'),
      }),
    );
    await checkHonest(page, s.closest.answer, 'zh');
    await page.getByTestId('next').tap();

    // Which is closer: the tile of the word more alike by cosine. Then the opposites card.
    s = await levelPhase<MapState>(game, 'which');
    const w = s.whichQ;
    const closer = lesson.closerOf(
      MAP,
      MAP.index(w.target),
      w.options.map((o) => MAP.index(o)),
    );
    expect(w.answer).toBe(MAP.words[closer]?.en);
    await page
      .getByTestId('which')
      .getByTestId('tile')
      .filter({ hasText: label(w.answer, 'zh') })
      .tap();
    await expect(page.getByTestId('opposites')).toBeVisible();
    await expect(page.getByTestId('opposites-list').locator('li')).toHaveText(
      lesson.OPPOSITES.map(([a, b]) =>
        fill(zh.oppositesPair, {
          a: label(a, 'zh'),
          b: label(b, 'zh'),
          sim: sim(MAP.sim(MAP.index(a), MAP.index(b)), 'zh'),
        }),
      ),
    );
    await expect(page.getByTestId('next')).toBeHidden();
    await page.getByTestId('opposites-ok').tap();
    await page.getByTestId('next').tap();

    // The book's test: the closer pair.
    s = await levelPhase<MapState>(game, 'book');
    await expect(page.getByTestId('goal')).toHaveText(zh.bookGoal);
    const [near, far] = s.book.pairs.map(([a, b]) => MAP.sim(MAP.index(need(a)), MAP.index(need(b))));
    expect(need(near)).toBeGreaterThan(need(far));
    await page.getByTestId('pairs').getByTestId('tile').nth(s.book.answer).tap();
    await expect(page.getByTestId('message')).toContainText(sim(need(near), 'zh'));
    await page.getByTestId('next').tap();

    // Every fruit, each tapped where it stands on the whole map.
    s = await levelPhase<MapState>(game, 'fruit');
    expect([...s.fruit.fruits].sort()).toEqual(['apple', 'banana', 'grape', 'lemon', 'mango', 'orange']);
    await checkControls(page, 'fruit');
    for (const [k, f] of s.fruit.fruits.entries()) {
      s = await tapWord(game, f);
      expect(s.fruit.found).toHaveLength(k + 1);
      await expect(page.getByTestId('fruit-count')).toHaveText(fill(zh.fruitCount, { found: k + 1, all: 6 }));
    }
    await expect(page.getByTestId('message')).toContainText(label('orange', 'zh'));
    await page.getByTestId('next').tap();

    // A sentence's path: bad ones refused kindly, nothing lost; then a sentence of the game.
    await levelPhase<MapState>(game, 'path');
    const input = page.getByTestId('path-input');
    const show = page.getByTestId('show-path');
    const message = page.getByTestId('path-message');
    await show.tap();
    await expect(message).toHaveText(zh.pathEmpty);
    await input.fill('🙂🎉');
    await show.tap();
    await expect(message).toHaveText(zh.pathNothing);
    // A pasted 100,000 characters: the box keeps twice what is read, and says it is too long.
    await input.fill('小猫'.repeat(50_000));
    await expect(input).toHaveValue('小猫'.repeat(lesson.MAX_SENTENCE));
    await quiet(page);
    const longest = await watchLongTasks(page);
    await show.tap();
    await expect(message).toHaveText(fill(zh.pathTooLong, { max: lesson.MAX_SENTENCE }));
    expectNoLongTask('semantic-map (zh, tablet): a pasted sentence of 100,000 characters', await longest());
    expect((await state(game)).path).toBe(null);
    await page.getByTestId('sentences').getByTestId('tile').filter({ hasText: zh.sentence.school }).tap();
    await expect
      .poll(async () => (await state(game)).path?.words)
      .toEqual(['mother', 'father', 'drive', 'go', 'school']);
    await expect(message).toHaveText(
      `${fill(zh.pathShown, { words: '妈妈 → 爸爸 → 开车 → 去 → 学校' })} ${fill(zh.pathSkipped, { words: '和' })}`,
    );
    // Our tiny model's map beside the big one, with the same neighbour figure.
    await page.getByTestId('map-ours').tap();
    await expect(page.getByTestId('figure')).toHaveText(
      fill(zh.figureOurs, {
        count: OURS.zh.tokens.length,
        kept: Math.round(OURS.zh.kept * 100),
        agree: Math.round(OURS.zh.agreeWithGlove * 100),
      }),
    );
    await page.getByTestId('map-big').tap();
    await expect(page.getByTestId('figure')).toHaveText(
      fill(zh.figureBig, { kept: Math.round(MAP.data.kept * 100) }),
    );
    expect((await state(game)).stars).toBe(3);
    expect(await finishLevel(game, 'semantic-map', 'touch', zh.learned.slice(0, 12))).toEqual({
      id: 'semantic-map',
      state: 'done',
      stars: 3,
    });
  });
});

test.describe('on a desktop, by keyboard, in English, offline', () => {
  test.use(DESKTOP_EN);

  test('keys alone win it: arrow keys walk to the closest word, typed words walk to the fruit; two misses, two stars; pan and zoom with every label stay smooth', async ({
    game,
    page,
  }) => {
    await startLevel(game, 'semantic-map', 'keyboard');
    let s = await levelPhase<MapState>(game, 'closest');
    expect(s.lang).toBe('en');
    const plot = page.getByTestId('playfield');
    await expect(plot).toBeFocused();
    // Enter on the target itself: said kindly, not a miss.
    expect(s.reached).toBe(s.closest.target);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message')).toHaveText(fill(enSM.closestSame, { word: s.closest.target }));
    expect((await state(game)).misses).toBe(0);

    // Arrow keys, one step at a time, towards the answer until the walker reaches it.
    const goal = MAP.words[MAP.index(s.closest.answer)] as lesson.MapWord;
    for (let k = 0; k < 80 && s.reached !== s.closest.answer; k++) {
      const dx = goal.x - s.me.x;
      const dy = goal.y - s.me.y;
      await page.keyboard.press(
        Math.abs(dx) > Math.abs(dy)
          ? dx > 0
            ? 'ArrowRight'
            : 'ArrowLeft'
          : dy > 0
            ? 'ArrowDown'
            : 'ArrowUp',
      );
      s = await state(game);
    }
    expect(s.reached).toBe(s.closest.answer);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message')).toHaveText(
      fill(enSM.closestRight, {
        pick: s.closest.answer,
        word: s.closest.target,
        sim: sim(MAP.sim(MAP.index(s.closest.target), MAP.index(s.closest.answer)), 'en'),
      }),
    );
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');

    s = await levelPhase<MapState>(game, 'which');
    const tiles = page.getByTestId('which').getByTestId('tile');
    await expect(tiles.first()).toBeFocused();
    if (s.whichQ.options.indexOf(s.whichQ.answer) === 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('opposites-ok')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');

    s = await levelPhase<MapState>(game, 'book');
    await expect(page.getByTestId('pairs').getByTestId('tile').first()).toBeFocused();
    if (s.book.answer === 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('message')).toHaveText(
      fill(enSM.bookRight, {
        a: 'whale',
        b: 'dolphin',
        c: 'potato',
        d: 'eagle',
        sim: sim(MAP.sim(MAP.index('whale'), MAP.index('dolphin')), 'en'),
        sim2: sim(MAP.sim(MAP.index('potato'), MAP.index('eagle')), 'en'),
      }),
    );
    await page.keyboard.press('Enter');

    // The fruit: walk by typed words, pick by the pick button; two vegetables first (two misses).
    s = await levelPhase<MapState>(game, 'fruit');
    await expect(plot).toBeFocused();
    const goInput = page.getByTestId('go-input');
    for (let k = 0; k < 20 && !(await goInput.evaluate((el) => el === document.activeElement)); k++)
      await page.keyboard.press('Tab');
    await expect(goInput).toBeFocused();
    // Bad input: an empty box, an unknown word, emoji: a kind word each.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('go-message')).toHaveText(enSM.goEmpty);
    await page.keyboard.type('zzyzx🙂');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('go-message')).toHaveText(fill(enSM.goUnknown, { word: 'zzyzx🙂' }));
    for (const word of ['potato', 'tomato', ...s.fruit.fruits]) {
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(word);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await state(game)).reached).toBe(word);
      await settled(game);
      await page.keyboard.press('Shift+Tab');
      await expect(page.getByTestId('pick')).toBeFocused();
      await expect(page.getByTestId('pick')).toHaveText(fill(enSM.pick, { word }));
      await page.keyboard.press('Enter');
      await checkHonest(page, word, 'en');
      if ((await state(game)).phase === 'fruit' && (await state(game)).stepDone) break;
      await page.keyboard.press('Tab');
      await expect(goInput).toBeFocused();
    }
    s = await state(game);
    expect(s.fruit.misses).toEqual(['potato', 'tomato']);
    expect(s.fruit.found).toHaveLength(6);
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');

    await levelPhase<MapState>(game, 'path');
    await expect(page.getByTestId('sentences').getByTestId('tile').first()).toBeFocused();
    for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
    await expect(page.getByTestId('path-input')).toBeFocused();
    await page.keyboard.type('The cat ran to the zorp park');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state(game)).path?.words).toEqual(['cat', 'park']);
    s = await state(game);
    expect(s.path?.skipped).toEqual(['the', 'ran', 'to', 'the', 'zorp']);
    await expect(page.getByTestId('path-message')).toHaveText(
      `${fill(enSM.pathShown, { words: 'cat → park' })} ${fill(enSM.pathSkipped, { words: 'the, ran, to, the, zorp' })}`,
    );

    // Pan and zoom the whole map with every label shown: no long task (and the frame time, against
    // the same time on the page without moving).
    await page.getByTestId('zoom-all').focus();
    await page.keyboard.press('Enter');
    await quiet(page);
    const idle = await watchLongTasks(page);
    await page.waitForTimeout(1500);
    const still = await idle();
    const box = need(await plot.boundingBox(), 'map box');
    const longest = await watchLongTasks(page);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (let k = 0; k < 6; k++) {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, k < 3 ? -120 : 120);
    }
    await page.mouse.move(cx + 100, cy + 80);
    await page.mouse.down();
    for (let k = 1; k <= 20; k++) await page.mouse.move(cx + 100 - 8 * k, cy + 80 - 6 * k);
    await page.mouse.up();
    const moving = await longest();
    console.log(
      `semantic-map: frame while still ${still.frame.toFixed(0)} ms, while panning and zooming ${moving.frame.toFixed(0)} ms`,
    );
    expectNoLongTask('semantic-map (en, desktop): panning and zooming with every label shown', moving);
    expect((await state(game)).view.zoom).toBeGreaterThanOrEqual(1);

    // Our tiny model's map, by keys.
    await page.getByTestId('map-ours').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('figure')).toHaveText(
      fill(enSM.figureOurs, {
        count: OURS.en.tokens.length,
        kept: Math.round(OURS.en.kept * 100),
        agree: Math.round(OURS.en.agreeWithGlove * 100),
      }),
    );
    for (
      let k = 0;
      k < 10 && !(await page.getByTestId('finish').evaluate((el) => el === document.activeElement));
      k++
    )
      await page.keyboard.press('Tab');
    expect((await state(game)).stars).toBe(2);
    expect((await finishLevel(game, 'semantic-map', 'keyboard', enSM.learned.slice(0, 20))).stars).toBe(2);
  });
});

// The rule-30 level in headless Chromium (part of `npm run bench`): 1,000 steps of a rule drawn
// by the level itself, worked out and painted into its canvas texture in slices of at most 8 ms
// a frame. Each preset tap draws the 1,000-step picture again; the level reports the time spent
// (work) and from the tap to the whole picture on its texture (wall), with the frames it took.
const RUNS = 6;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

export async function benchRule30Page(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const drawn = () =>
    page.waitForFunction(() => window.__owaat.level?.state?.drawing === false, null, { timeout: 30_000 });
  try {
    await page.goto(`${url}#/play/rule-30`);
    await page.waitForFunction(() => window.__owaat?.ready);
    await page.getByTestId('start').click();
    await page.getByTestId('steps-1000').check();
    await drawn();
    const draws = [];
    for (let i = 0; i < RUNS; i++) {
      await page.getByTestId(i % 2 ? 'preset-30' : 'preset-90').click();
      await page.waitForFunction(
        (rule) => window.__owaat.level?.state?.lastDraw?.rule === rule,
        i % 2 ? 30 : 90,
      );
      await drawn();
      draws.push(await page.evaluate(() => window.__owaat.level.state.lastDraw));
    }
    const pick = (k) => draws.map((d) => d[k]);
    return {
      steps: draws[0].steps,
      width: draws[0].width,
      cellsPerPixel: draws[0].cellsPerPixel,
      runs: RUNS,
      workMs: median(pick('workMs')),
      wallMs: median(pick('wallMs')),
      frames: median(pick('frames')),
      longestFrameMs: Math.max(...pick('longestFrameMs')),
      maxWallMs: Math.max(...pick('wallMs')),
    };
  } finally {
    await context.close();
  }
}

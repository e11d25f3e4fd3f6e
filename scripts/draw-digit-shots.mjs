// `node scripts/draw-digit-shots.mjs OUTDIR`: screenshots of level "draw-digit" (phone, tablet,
// desktop; English and Chinese) at the digits step with a drawing read, and at the signs step.
import { readFileSync } from 'node:fs';
import { startServer, launch } from './lib.mjs';

const out = process.argv[2] ?? '.';
const traces = JSON.parse(
  readFileSync(new URL('../tests/e2e/fixtures/digit-traces.json', import.meta.url), 'utf8'),
).digits;
const server = await startServer(4198);
const browser = await launch();
const sizes = [
  ['phone', 390, 844],
  ['tablet', 768, 1024],
  ['desktop', 1280, 800],
];
try {
  for (const locale of ['en-US', 'zh-CN']) {
    for (const [name, width, height] of sizes) {
      const context = await browser.newContext({ viewport: { width, height }, locale });
      const page = await context.newPage();
      await page.goto(`${server.url}#/play/draw-digit?seed=3`);
      await page.waitForFunction(() => window.__owaat?.ready);
      await page.getByTestId('start').click();
      await page.waitForFunction(() => window.__owaat.level?.state?.loaded === true, null, {
        timeout: 30_000,
      });
      const asked = await page.evaluate(() => window.__owaat.level.state.asked);
      const t = traces.find((x) => x.label === asked);
      const box = await page.getByTestId('pad').boundingBox();
      for (const s of t.strokes) {
        const p = s.map(([x, y]) => [
          box.x + (0.15 + (x / 28) * 0.7) * box.width,
          box.y + (0.1 + (y / 28) * 0.7) * box.height,
        ]);
        await page.mouse.move(p[0][0], p[0][1]);
        await page.mouse.down();
        for (const q of p.slice(1)) await page.mouse.move(q[0], q[1], { steps: 2 });
        await page.mouse.up();
      }
      await page.waitForTimeout(800);
      await page.getByTestId('read').click();
      await page.waitForTimeout(500);
      const lang = locale.slice(0, 2);
      await page.screenshot({ path: `${out}/digits-${name}-${lang}.png` });
      if (process.env.FULL) {
        await page.locator('.lab-controls').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${out}/digits-${name}-${lang}-scrolled.png` });
      }
      if (process.env.SIGNS) {
        // On through the digits with prepared drawings, then a sign taught and tested.
        for (let i = 0; i < 30; i++) {
          const st = await page.evaluate(() => window.__owaat.level.state);
          if (st.phase !== 'digits') break;
          await page.getByTestId('prepared').click();
          await page.waitForTimeout(400);
          await page.getByTestId('read').click();
          await page.waitForTimeout(300);
        }
        await page.getByTestId('teach').click();
        await page.getByTestId('sign-star').click();
        for (let n = 0; n < 5; n++) {
          await page.getByTestId('prepared').click();
          await page.waitForTimeout(400);
          await page.getByTestId('add-example').click();
          await page.waitForTimeout(300);
          if (n === 2) await page.screenshot({ path: `${out}/signs-${name}-${lang}.png` });
        }
        await page.getByTestId('train').click();
        await page.waitForFunction(() => window.__owaat.level.state.phase === 'test', null, {
          timeout: 30_000,
        });
        for (let n = 0; n < 5; n++) {
          await page.getByTestId('prepared').click();
          await page.waitForTimeout(400);
          await page.getByTestId('read').click();
          await page.waitForTimeout(300);
          if (n === 0) await page.screenshot({ path: `${out}/test-${name}-${lang}.png` });
        }
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${out}/result-${name}-${lang}.png` });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

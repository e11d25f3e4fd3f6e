// `node scripts/teach-shots.mjs OUTDIR`: screenshots of level "teach" (phone 390 × 844, tablet
// 1024 × 768, desktop 1440 × 900; English and Chinese) at the write, train and compare screens,
// the "pet" ready set taught (it has a name the model does not know). Needs `npm run build`.
import { startServer, launch } from './lib.mjs';

const out = process.argv[2] ?? '.';
const server = await startServer(4199);
const browser = await launch();
const sizes = [
  ['phone', 390, 844],
  ['tablet', 1024, 768],
  ['desktop', 1440, 900],
];
const phase = (page, want) =>
  page.waitForFunction((w) => window.__owaat.level?.state?.phase === w, want, { timeout: 60_000 });
try {
  for (const locale of ['en-US', 'zh-CN']) {
    for (const [name, width, height] of sizes) {
      const context = await browser.newContext({ viewport: { width, height }, locale });
      const page = await context.newPage();
      const lang = locale.slice(0, 2);
      await page.goto(`${server.url}#/play/teach?seed=3`);
      await page.waitForFunction(() => window.__owaat?.ready);
      await page.getByTestId('start').click({ timeout: 60_000 });
      await phase(page, 'write');
      await page.getByTestId('example-pet').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/write-${name}-${lang}.png` });
      await page.getByTestId('teach').click();
      await phase(page, 'train');
      await page.waitForFunction(() => window.__owaat.level.state.losses.count >= 3, null, {
        timeout: 60_000,
      });
      await page.screenshot({ path: `${out}/train-${name}-${lang}.png` });
      await phase(page, 'compare');
      await page.waitForFunction(() => window.__owaat.level.state.compare !== null);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${out}/compare-${name}-${lang}.png` });
      await page.locator('.level-body.teach').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/compare-${name}-${lang}-scrolled.png` });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

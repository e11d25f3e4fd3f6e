// `npm run screenshot -- <hash> <out.png> [width] [height] [locale]`: a picture of the built game,
// e.g. for the README. CLICKS="sel1,sel2" clicks through first; WAIT=ms waits before the shot.
import { startServer, launch } from './lib.mjs';

const [hash = '#/', out = 'screenshot.png', width = '1000', height = '600', locale = 'en-US'] =
  process.argv.slice(2);
const server = await startServer(4197);
const browser = await launch();
try {
  const context = await browser.newContext({
    viewport: { width: Number(width), height: Number(height) },
    locale,
  });
  const page = await context.newPage();
  await page.goto(server.url + hash);
  await page.waitForFunction(() => window.__owaat?.ready);
  for (const selector of (process.env.CLICKS ?? '').split(',').filter(Boolean)) {
    await page.click(selector);
    await page.waitForTimeout(600);
  }
  await page.waitForTimeout(Number(process.env.WAIT ?? 7000));
  await page.screenshot({ path: out });
  console.log(`Saved ${out}`);
} finally {
  await browser.close();
  await server.close();
}

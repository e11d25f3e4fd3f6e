import { startServer, launch } from './lib.mjs';
import { readdirSync } from 'node:fs';
const worker = readdirSync('dist/assets').find((f) => /^worker-.*\.js$/.test(f));
const server = await startServer(4197);
const browser = await launch();
for (const lang of ['en','zh','en']) {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.text().startsWith('[t]')) console.log(lang, m.text()); });
  await page.goto(server.url);
  await page.waitForFunction(() => window.__owaat?.ready);
  const r = await page.evaluate(async ({ url, lang }) => {
    const w = new Worker(url, { type: 'module' });
    const t0 = performance.now();
    console.log('[t] start', performance.timeOrigin + t0);
    const files = { model: new URL(`models/${lang}/model.onnx`, document.baseURI).href, vocab: new URL(`models/${lang}/vocab.json`, document.baseURI).href, card: new URL(`models/${lang}/card.json`, document.baseURI).href };
    await new Promise((res) => { w.onmessage = (e) => { if (e.data.type === 'result' || e.data.type === 'error') res(e.data); }; w.postMessage({ id: 1, type: 'load', lang, files, allowGpu: true }); });
    return performance.now() - t0;
  }, { url: `${server.url}assets/${worker}`, lang });
  console.log(lang, 'total', r.toFixed(0));
  await page.close();
}
await browser.close(); await server.close();

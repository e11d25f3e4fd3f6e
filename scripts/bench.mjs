// `npm run bench`: measured figures for the built app in headless Chromium (run `npm run build`
// first). Prints a table and writes bench-results/bench.json.
//  - first scene: milliseconds from navigation to the first screen (the map) being built, over
//    cold loads (a new browser context each time: no HTTP cache, no service worker);
//  - offline reload: the same once the service worker controls the page and the network is off;
//  - Lighthouse on the first screen (scripts/bench-lighthouse.mjs), then the model and the levels.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServer, launch, table } from './lib.mjs';
import { benchModels } from './bench-model.mjs';
import { benchRule30Page } from './bench-rule30-page.mjs';
import { benchLighthouse } from './bench-lighthouse.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MARK = 'owaat:first-scene';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const firstScene = (page) =>
  page
    .waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, MARK)
    .then((h) => h.jsonValue());

const server = await startServer(4198);
const browser = await launch();
const cold = [];
const offline = [];
let rule30Page;
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    cold.push(await firstScene(page));
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    });
    await context.setOffline(true);
    await page.reload();
    offline.push(await firstScene(page));
    await context.close();
  }
  rule30Page = await benchRule30Page(browser, server.url);
} finally {
  await browser.close();
  await server.close();
}

const row = (name, xs) => ({
  measure: name,
  runs: xs.length,
  median: `${median(xs).toFixed(0)} ms`,
  min: `${Math.min(...xs).toFixed(0)} ms`,
  max: `${Math.max(...xs).toFixed(0)} ms`,
});
const rows = [row('first scene, cold load', cold), row('first scene, offline reload', offline)];
console.log(table(rows, ['measure', 'runs', 'median', 'min', 'max']));
const lighthouse = await benchLighthouse();
const model = await benchModels();
// Letter dice counting the player's own text (scripts/bench-count.ts).
const counting = JSON.parse(execFileSync('npx', ['tsx', 'scripts/bench-count.ts'], { encoding: 'utf8' }));
console.log(
  `\nletter dice, own text of ${counting.characters} characters: ${counting.totalMs} ms in all, longest slice ${counting.longestSliceMs} ms (median of ${counting.runs}; first run ${counting.longestSliceMsFirstRun} ms)`,
);
// Word chains: the stream's index, drawing chains and finding their copies (scripts/bench-chains.ts).
const chains = JSON.parse(execFileSync('npx', ['tsx', 'scripts/bench-chains.ts'], { encoding: 'utf8' }));
for (const [lang, c] of Object.entries(chains))
  console.log(
    `word chains (${lang}, ${c.words} words shipped): index ${c.loadMs} ms (first run ${c.loadMsFirstRun} ms); 12 chains with their copies ${c.twelveChainsMs} ms (first run ${c.twelveChainsMsFirstRun} ms); a typed start of 100,000 characters ${c.typed100kMs} ms (median of ${c.runs})`,
  );
// Rule 30: 1,000 steps worked out and painted, in Node (scripts/bench-rule30.ts) and by the level in Chromium.
const rule30 = JSON.parse(execFileSync('npx', ['tsx', 'scripts/bench-rule30.ts'], { encoding: 'utf8' }));
for (const [name, r] of Object.entries(rule30))
  console.log(
    `rule 30 (${name}: ${r.steps} steps × ${r.width} cells, ${r.cellsPerPixel} × ${r.cellsPerPixel} cells a pixel): worked out ${r.workOutMs} ms, painted ${r.paintMs} ms, ${r.totalMs} ms in all (median of ${r.runs}; first run ${r.totalMsFirstRun} ms)`,
  );
console.log(
  `rule 30 in the level (Chromium, ${rule30Page.steps} steps × ${rule30Page.width} cells): ${rule30Page.workMs} ms of work over ${rule30Page.frames} frames, ${rule30Page.wallMs} ms from the tap to the whole picture (median of ${rule30Page.runs}; slowest ${rule30Page.maxWallMs} ms; longest frame's work ${rule30Page.longestFrameMs} ms)`,
);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/bench.json',
  JSON.stringify(
    {
      date: new Date().toISOString(),
      cold,
      offline,
      lighthouse,
      model,
      counting,
      chains,
      rule30,
      rule30Page,
    },
    null,
    2,
  ),
);
console.log('\nWritten to bench-results/bench.json');

// The first-screen part of `npm run bench`: Lighthouse (mobile, its default simulated throttling)
// on the built app's map, a fresh browser profile each run. Performance, accessibility and best
// practices scores; first and largest contentful paint, total blocking time, speed index.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { startServer, table } from './lib.mjs';

const AUDITS = {
  fcpMs: 'first-contentful-paint',
  lcpMs: 'largest-contentful-paint',
  tbtMs: 'total-blocking-time',
  speedIndexMs: 'speed-index',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function benchLighthouse(runs = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3)) {
  const server = await startServer(4195);
  const results = [];
  let version = '';
  try {
    for (let i = 0; i < runs; i++) {
      const chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM_PATH,
        chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
      });
      try {
        const { lhr } = await lighthouse(
          server.url,
          { port: chrome.port, logLevel: 'error', output: 'json' },
          {
            extends: 'lighthouse:default',
            settings: { onlyCategories: ['performance', 'accessibility', 'best-practices'] },
          },
        );
        version = lhr.lighthouseVersion;
        const run = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score]));
        for (const [key, id] of Object.entries(AUDITS)) run[key] = lhr.audits[id].numericValue;
        results.push(run);
      } finally {
        await chrome.kill();
      }
    }
  } finally {
    await server.close();
  }
  const keys = ['performance', 'accessibility', 'best-practices', ...Object.keys(AUDITS)];
  const summary = Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k]))]));
  console.log(
    `\nFirst screen, Lighthouse ${version} mobile (median of ${runs})\n` +
      table(
        keys.map((k) => ({
          measure: k,
          median: k.endsWith('Ms') ? `${summary[k].toFixed(0)} ms` : summary[k].toFixed(2),
          runs: results.map((r) => (k.endsWith('Ms') ? r[k].toFixed(0) : r[k].toFixed(2))).join(' '),
        })),
        ['measure', 'median', 'runs'],
      ),
  );
  return { version, runs: results, median: summary };
}

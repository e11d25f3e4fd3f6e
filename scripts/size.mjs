// `npm run size`: raw, gzip and brotli bytes of what the first screen loads (recorded in
// headless Chromium on a cold visit) and of the whole service-worker precache, per file.
// Run after `npm run build`.
import { readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, sizes, kb, table } from './lib.mjs';

const dist = 'dist';
if (!existsSync(join(dist, 'sw.js'))) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}

function report(title, files) {
  const rows = files.map((f) => ({ file: f, ...sizes(readFileSync(join(dist, f))) }));
  const total = rows.reduce(
    (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
  const fmt = (r) => ({ file: r.file, raw: kb(r.raw), gzip: kb(r.gzip), brotli: kb(r.brotli) });
  console.log(
    `\n${title}\n${table([...rows.map(fmt), fmt({ file: 'TOTAL', ...total })], ['file', 'raw', 'gzip', 'brotli'])}`,
  );
  return { files: rows, total };
}

// What the first screen loads: every same-origin request of a cold visit until the map is drawn.
const server = await startServer(4199);
const browser = await launch();
const page = await browser.newPage();
const loaded = new Set();
page.on('requestfinished', (req) => {
  const url = new URL(req.url());
  if (url.origin === new URL(server.url).origin)
    loaded.add(decodeURIComponent(url.pathname.slice(1)) || 'index.html');
});
await page.goto(server.url);
await page.waitForFunction(() => window.__owaat?.scene === 'map');
await page.waitForLoadState('networkidle');
await browser.close();
await server.close();

const firstScreen = [...loaded].filter((f) => existsSync(join(dist, f))).sort();
const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const precache = [...sw.matchAll(/\{url:"([^"]+)",revision:(?:"[^"]*"|null)\}/g)].map((m) => m[1]);
const precacheFiles = [...new Set(precache)].sort();
if (precacheFiles.length !== precache.length) console.warn('The precache lists a file twice.');

const result = {
  firstScreen: report(
    'First screen (page requests of a cold visit until the map is drawn; the service worker then fetches the precache in the background)',
    firstScreen,
  ),
  precache: report('Service-worker precache (everything offline play needs)', precacheFiles),
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/size.json', JSON.stringify(result, null, 2));
console.log('\nWritten to bench-results/size.json');

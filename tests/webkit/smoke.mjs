// `npm run test:webkit`: an end-to-end smoke run in a real WebKit engine (Debian's WebKitGTK, the
// engine of Safari and of every browser on a school iPad), driven over WebDriver under Xvfb.
// Against the built app (`npm run build` first) served by `vite preview`, it checks what the
// Chromium suite checks in depth, once, in WebKit: the service worker controls the page; one-word
// plays to its "what you learned" card; the stars survive a reload; with the server stopped the
// app still starts (offline, from the service worker); Chinese glyphs render. It prints the WebKit
// version and the timings, and exits non-zero on the first thing that is wrong.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const { Builder, By, until } = require('selenium-webdriver');

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const APP_PORT = Number(process.env.WEBKIT_APP_PORT ?? 4391);
const DRIVER_PORT = Number(process.env.WEBKIT_DRIVER_PORT ?? 4392);
const URL = `http://127.0.0.1:${APP_PORT}/`;
const children = [];

function fail(message) {
  throw new Error(message);
}

/** A free X display from Xvfb itself (-displayfd), so parallel runs never collide. */
async function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  children.push(xvfb);
  const display = await new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return `:${display}`;
}

async function waitForHttp(url, what, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  fail(`${what} did not answer at ${url} within ${ms / 1000} s`);
}

function startPreview() {
  const preview = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(APP_PORT),
      '--strictPort',
    ],
    { stdio: 'ignore', detached: true },
  );
  children.push(preview);
  return preview;
}

function stop(child) {
  try {
    if (child.spawnargs.includes('preview')) process.kill(-child.pid, 'SIGTERM');
    else child.kill('SIGTERM');
  } catch {
    // already gone
  }
}

async function main() {
  if (!existsSync('dist/index.html')) fail('dist/ is missing: run `npm run build` first');
  if (!existsSync(MINIBROWSER)) fail(`${MINIBROWSER} is missing: apt-get install webkit2gtk-driver xvfb`);
  const display = await startXvfb();
  const driverProc = spawn('WebKitWebDriver', [`--port=${DRIVER_PORT}`], {
    stdio: 'ignore',
    env: { ...process.env, DISPLAY: display },
  });
  children.push(driverProc);
  const preview = startPreview();
  await waitForHttp(`http://127.0.0.1:${DRIVER_PORT}/status`, 'WebKitWebDriver');
  await waitForHttp(URL, 'vite preview');

  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${DRIVER_PORT}`)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    })
    .build();
  const timings = {};
  const hook = () =>
    driver.executeScript(
      'const h = window.__owaat; return h ? { ready: h.ready, scene: h.scene, lang: h.lang, view: h.view, level: h.level } : null;',
    );
  const waitFor = async (what, check, ms = 30_000) => {
    const end = Date.now() + ms;
    let last;
    while (Date.now() < end) {
      last = await hook();
      if (last && check(last)) return last;
      await sleep(100);
    }
    fail(`${what}: not seen within ${ms / 1000} s (last: ${JSON.stringify(last)?.slice(0, 300)})`);
  };
  const stations = async () =>
    (await waitFor('the map with its stations', (h) => h.scene === 'map' && Array.isArray(h.view?.stations)))
      .view.stations;
  const click = async (testId) => {
    const el = await driver.wait(until.elementLocated(By.css(`[data-testid="${testId}"]`)), 15_000);
    await driver.wait(until.elementIsVisible(el), 15_000);
    await el.click();
  };
  const timed = async (name, fn) => {
    const t = Date.now();
    const result = await fn();
    timings[name] = Date.now() - t;
    return result;
  };

  try {
    const ua = await driver.executeScript('return navigator.userAgent');
    const caps = await driver.getCapabilities();
    console.log(`WebKit: ${caps.get('browserName')} ${caps.get('browserVersion')} · ${ua}`);

    await timed('first load to the map', async () => {
      await driver.get(URL);
      await waitFor('the game ready on the map', (h) => h.ready && h.scene === 'map');
    });
    await timed('service worker in control', () =>
      driver.wait(
        () =>
          driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
            navigator.serviceWorker.ready.then((reg) =>
              done(reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null));`),
        30_000,
        'the service worker never controlled the page',
      ),
    );

    // One word at a time, played to its card with the first tile each round.
    await timed('one-word played to its card', async () => {
      await click('station-one-word');
      await click('play');
      await waitFor('one-word intro', (h) => h.scene === 'level-one-word');
      await click('start');
      for (let round = 1; ; round++) {
        if (round > 10) fail('one-word did not end within 10 rounds');
        await waitFor(`round ${round}: choose`, (h) => h.level?.state?.phase === 'choose');
        await click('tile');
        await waitFor(`round ${round}: reveal`, (h) => h.level?.state?.phase === 'reveal');
        await click('next');
        const h = await hook();
        if (h.level?.state?.phase === 'done') break;
      }
      const card = await driver.wait(until.elementLocated(By.css('[data-testid="learned-card"]')), 10_000);
      await driver.wait(until.elementIsVisible(card), 10_000);
      const text = await card.getText();
      if (!text.includes('ChatGPT')) fail(`the learned card says: ${text}`);
    });
    const end = (await hook()).level.state;
    await driver.wait(
      until.elementLocated(By.css('[data-testid="learned-card"][data-armed="true"]')),
      10_000,
      'the card never armed',
    );
    await click('to-map');
    const after = (await stations())[0];
    if (after.id !== 'one-word' || after.state !== 'done' || after.stars !== end.stars)
      fail(`after the level the map shows ${JSON.stringify(after)}, stars ${end.stars}`);

    await timed('reload to the map', async () => {
      await driver.navigate().refresh();
      await waitFor('ready after the reload', (h) => h.ready && h.scene === 'map');
    });
    const kept = (await stations())[0];
    if (kept.state !== 'done' || kept.stars !== end.stars) fail(`after a reload: ${JSON.stringify(kept)}`);

    // Chinese, then offline with the server stopped.
    await click('lang-switch');
    await waitFor('the game in Chinese', (h) => h.lang === 'zh');
    const total = await driver.findElement(By.css('[data-testid="total-stars"]')).getText();
    if (!/颗星/.test(total)) fail(`the star total in Chinese reads: ${total}`);
    // Glyphs, not boxes: 一 drawn in the page's own font is one flat stroke (a missing-glyph box, with or
    // without its code inside, is about as tall as it is wide), and 一 and 二 differ.
    const glyphs = await driver.executeScript(`
      const font = getComputedStyle(document.body).fontFamily;
      const draw = (ch) => { const c = document.createElement('canvas'); c.width = c.height = 48;
        const x = c.getContext('2d'); x.font = '40px ' + font; x.fillStyle = '#000'; x.fillText(ch, 4, 40);
        const d = x.getImageData(0, 0, 48, 48).data; let ink = 0, sig = 0, top = 48, bottom = -1, left = 48, right = -1;
        for (let i = 3; i < d.length; i += 4) {
          sig = (sig * 31 + d[i]) >>> 0;
          if (d[i] > 64) { ink++; const p = (i - 3) / 4, px = p % 48, py = (p - px) / 48;
            top = Math.min(top, py); bottom = Math.max(bottom, py); left = Math.min(left, px); right = Math.max(right, px); } }
        return { ink, sig, width: right - left + 1, height: bottom - top + 1 }; };
      return { font, one: draw('一'), two: draw('二'), word: draw('词') };`);
    if (
      glyphs.one.sig === glyphs.two.sig ||
      glyphs.word.ink === 0 ||
      !(glyphs.one.width > 3 * glyphs.one.height)
    )
      fail(`Chinese glyphs do not render: ${JSON.stringify(glyphs)}`);

    stop(preview);
    await sleep(500);
    let down = false;
    try {
      await fetch(URL);
    } catch {
      down = true;
    }
    if (!down) fail('the preview server is still answering');
    await timed('offline start (server stopped)', async () => {
      await driver.get(URL);
      await waitFor('ready offline', (h) => h.ready && h.scene === 'map', 30_000);
    });
    const offline = await hook();
    if (offline.lang !== 'zh') fail(`offline the game speaks ${offline.lang}`);
    const offlineFirst = offline.view.stations[0];
    if (offlineFirst.state !== 'done') fail(`offline the map shows ${JSON.stringify(offlineFirst)}`);

    console.log(
      `Chinese glyphs: 一 is ${glyphs.one.width}×${glyphs.one.height} px of ink, 二 ${glyphs.two.ink} px, 词 ${glyphs.word.ink} px (${glyphs.font})`,
    );
    for (const [k, v] of Object.entries(timings)) console.log(`  ${k}: ${v} ms`);
    console.log('webkit smoke: 6 checks passed');
  } finally {
    await driver.quit().catch(() => {});
    for (const c of children) stop(c);
  }
}

main().catch((e) => {
  console.error(`webkit smoke FAILED: ${e.message}`);
  for (const c of children) stop(c);
  process.exit(1);
});

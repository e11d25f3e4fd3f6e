// The model part of `npm run bench`: the built app's model worker in headless Chromium (WASM).
// Session creation cold and warm; distribution latency inside the worker (median and p95 over 500+
// calls) both as a full run of the prompt and while a story grows a word (字) a call, reusing the
// keys and values already computed; the round trip from the page (growing); tokens per second
// generating 50 tokens; main-thread long tasks while generating; file bytes; FLOPs per full run
// against a FLOP-bound floor.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, sizes, kb, table } from './lib.mjs';

const CALLS = Number(process.env.BENCH_CALLS ?? 500);
// A nominal single-thread WASM SIMD peak (4-wide fp32 FMA at about 2.5 GHz): the floor is
// what the model's arithmetic alone would take at that rate.
const PEAK_GFLOPS = Number(process.env.BENCH_PEAK_GFLOPS ?? 20);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Multiply-adds ×2 of one forward pass over T tokens with the next-token output only. */
function flops(card, T) {
  const d = card.dModel;
  const perLayer = 2 * T * d * 3 * d + 2 * T * d * d + 2 * 2 * T * d * 4 * d + 2 * 2 * T * T * d;
  return card.layers * perLayer + 2 * d * card.vocabSize;
}

export async function benchModels(langs = ['en', 'zh']) {
  const assets = readdirSync('dist/assets');
  const worker = assets.find((f) => /^worker-.*\.js$/.test(f));
  if (!worker) throw new Error('no model worker in dist/assets: run npm run build');
  const server = await startServer(4196);
  const browser = await launch();
  const results = [];
  try {
    for (const lang of langs) {
      if (!existsSync(`dist/models/${lang}/model.onnx`)) {
        console.warn(`no model for ${lang} in dist/models: skipped`);
        continue;
      }
      const card = JSON.parse(readFileSync(`dist/models/${lang}/card.json`, 'utf8'));
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => window.__owaat?.ready);
      const prompt =
        lang === 'en'
          ? 'once upon a time there was a little girl who loved to play in the'
          : '从前，有一只小兔子，它很喜欢在森林里';
      // A story read a word (a 字) at a time, as the next-word level and generation read it: each
      // call's text is the last one and one word more, from one word up to the whole story.
      const story =
        lang === 'en'
          ? 'once upon a time there was a little girl who loved to play in the garden . one day she found a small red ball under a big tree . she picked it up and ran to show her mum , who smiled and said it was the best ball in the whole world .'
          : '从前，有一只小兔子，它很喜欢在森林里玩。有一天，它在大树下找到一个红色的小球。它高高兴兴地跑回家，给妈妈看。';
      const pieces = lang === 'en' ? story.split(' ') : [...story];
      const texts = pieces.map((_, i) => pieces.slice(0, i + 1).join(lang === 'en' ? ' ' : ''));
      const r = await page.evaluate(
        async ({ workerUrl, lang, calls, prompt, texts }) => {
          const w = new Worker(workerUrl, { type: 'module' });
          let next = 1;
          const ask = (msg, onToken) =>
            new Promise((resolve, reject) => {
              const id = next++;
              const on = (e) => {
                if (e.data.id !== id) return;
                if (e.data.type === 'token') return onToken?.(e.data);
                if (e.data.type === 'progress') return;
                w.removeEventListener('message', on);
                if (e.data.type === 'result') resolve(e.data);
                else reject(new Error(e.data.message));
              };
              w.addEventListener('message', on);
              w.postMessage({ ...msg, id });
            });
          const files = (l) => ({
            model: new URL(`models/${l}/model.onnx`, document.baseURI).href,
            vocab: new URL(`models/${l}/vocab.json`, document.baseURI).href,
            card: new URL(`models/${l}/card.json`, document.baseURI).href,
          });
          const t0 = performance.now();
          const cold = (await ask({ type: 'load', lang, files: files(lang), allowGpu: true })).value;
          const coldLoadMs = performance.now() - t0;
          const warm = (await ask({ type: 'load', lang, files: files(lang), allowGpu: false })).value;
          const inside = (await ask({ type: 'timing', runs: calls, texts })).value;
          const roundTrip = [];
          for (let i = 0; i < calls; i++) {
            const s = performance.now();
            await ask({ type: 'distribution', text: texts[i % texts.length], k: 10 });
            roundTrip.push(performance.now() - s);
          }
          // Long tasks on the page while the worker generates 50 tokens.
          const longTasks = [];
          const obs = new PerformanceObserver((list) =>
            list.getEntries().forEach((e) => longTasks.push(e.duration)),
          );
          obs.observe({ type: 'longtask', buffered: false });
          const g0 = performance.now();
          const gen = (
            await ask({ type: 'generate', text: prompt, n: 50, temperature: 0.8, seed: 7 }, () => undefined)
          ).value;
          const genMs = performance.now() - g0;
          await new Promise((r) => setTimeout(r, 100));
          obs.disconnect();
          w.terminate();
          return {
            cold,
            coldLoadMs,
            warm,
            inside,
            roundTrip,
            genTokens: gen.tokens.length,
            genMs,
            longTasks,
            promptTokens: null,
          };
        },
        { workerUrl: `${server.url}assets/${worker}`, lang, calls: CALLS, prompt, texts },
      );
      await page.close();
      const T = Math.min(card.context, 1 + (lang === 'en' ? prompt.split(' ').length : [...prompt].length));
      const f = flops(card, T);
      const floorMs = (f / (PEAK_GFLOPS * 1e9)) * 1000;
      const medianInside = quantile(r.inside.growing, 0.5);
      const medianFull = quantile(r.inside.full, 0.5);
      results.push({
        lang,
        backend: r.cold.backend,
        gpuNote: r.cold.gpuNote,
        sessionColdMs: r.cold.sessionMs,
        sessionWarmMs: r.warm.sessionMs,
        coldLoadMs: r.coldLoadMs,
        insideMedianMs: medianInside,
        attention20MedianMs: quantile(r.inside.inside, 0.5),
        attention20P95Ms: quantile(r.inside.inside, 0.95),
        attentionTokens: r.inside.insideTokens,
        insideP95Ms: quantile(r.inside.growing, 0.95),
        fullMedianMs: medianFull,
        fullP95Ms: quantile(r.inside.full, 0.95),
        storyTokens: texts.length,
        roundTripMedianMs: quantile(r.roundTrip, 0.5),
        roundTripP95Ms: quantile(r.roundTrip, 0.95),
        tokensPerSecond: (r.genTokens / r.genMs) * 1000,
        worstLongTaskMs: r.longTasks.length ? Math.max(...r.longTasks) : 0,
        promptTokens: T,
        flopsPerCall: f,
        floorMs,
        ratioToFloor: medianFull / floorMs,
        floorOneTokenMs: (flops(card, 1) / (PEAK_GFLOPS * 1e9)) * 1000,
        calls: CALLS,
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const fmt = (x, d = 2) => (typeof x === 'number' ? x.toFixed(d) : String(x));
  console.log(
    '\nModel in the worker (WASM, one thread)\n' +
      table(
        results.map((r) => ({
          lang: r.lang,
          backend: r.backend,
          'cold load ms': fmt(r.coldLoadMs, 0),
          'session cold ms': fmt(r.sessionColdMs, 0),
          'session warm ms': fmt(r.sessionWarmMs, 0),
          'full run median ms': fmt(r.fullMedianMs),
          'full run p95 ms': fmt(r.fullP95Ms),
          'growing median ms': fmt(r.insideMedianMs),
          'growing p95 ms': fmt(r.insideP95Ms),
          'round trip median ms': fmt(r.roundTripMedianMs),
          'round trip p95 ms': fmt(r.roundTripP95Ms),
          'tokens/s (50)': fmt(r.tokensPerSecond, 0),
          'worst main-thread task ms': fmt(r.worstLongTaskMs, 0),
          [`attention run (${r.attentionTokens} tokens) median ms`]: fmt(r.attention20MedianMs),
          'attention run p95 ms': fmt(r.attention20P95Ms),
          'MFLOP/call': fmt(r.flopsPerCall / 1e6, 1),
          'full median / floor': fmt(r.ratioToFloor, 1),
        })),
        [
          'lang',
          'backend',
          'cold load ms',
          'session cold ms',
          'session warm ms',
          'full run median ms',
          'full run p95 ms',
          'growing median ms',
          'growing p95 ms',
          'round trip median ms',
          'round trip p95 ms',
          'tokens/s (50)',
          'worst main-thread task ms',
          `attention run (${results[0]?.attentionTokens ?? 20} tokens) median ms`,
          'attention run p95 ms',
          'MFLOP/call',
          'full median / floor',
        ],
      ),
  );
  const files = [];
  for (const lang of langs)
    for (const f of ['model.onnx', 'vocab.json', 'card.json'])
      if (existsSync(`dist/models/${lang}/${f}`)) files.push(`models/${lang}/${f}`);
  for (const f of assets.filter((a) => a.endsWith('.wasm') || /^ort\./.test(a))) files.push(`assets/${f}`);
  const fileRows = files.map((f) => ({ file: f, ...sizes(readFileSync(join('dist', f))) }));
  console.log(
    '\nModel and runtime files\n' +
      table(
        fileRows.map((r) => ({ file: r.file, raw: kb(r.raw), gzip: kb(r.gzip), brotli: kb(r.brotli) })),
        ['file', 'raw', 'gzip', 'brotli'],
      ),
  );
  console.log(
    `(full run: the prompt read from scratch, ${results.map((r) => `${r.lang} ${r.promptTokens} tokens`).join(', ')}; growing: a story read one word or 字 more a call, the keys and values of the text before reused; round trip: growing, from the page; floor: the full run's FLOPs at a nominal ${PEAK_GFLOPS} GFLOP/s single-thread WASM SIMD peak)`,
  );
  return { models: results, files: fileRows };
}

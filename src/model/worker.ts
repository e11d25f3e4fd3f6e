/// <reference lib="webworker" />
/**
 * The model worker: owns the onnxruntime-web session, so inference never blocks the page.
 * WASM always; WebGPU only when the device has a real (not fallback) GPU adapter and a warm-up
 * measures it faster than WASM. Loads and requests are ordered by `ModelHost` (host.ts): the newest
 * load supersedes one in flight, requests wait for the loads sent before them and run one at a time.
 */
import { Tokenizer, type VocabFile } from '../lm/tokenizer';
import { identityModel, unfoldWeights } from '../lm/onnxUnfold';
import { LanguageModel } from './lm';
import { createRunner, type Runner, type OrtModule } from './runner';
import { ModelHost, type LoadContext } from './host';
import { SMALL_NAME, SmallModel, type CharVocabFile } from './small';
import { createDigitNet, PIXELS, type DigitNet } from './digits';
import { Teacher, type TeachData } from './teach';
import type {
  DigitsInfo,
  ErrorCode,
  LoadInfo,
  Request,
  Response,
  SmallLoadInfo,
  TeachCompare,
  TeachMeter,
} from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new ModelHost<LanguageModel>((lm) => lm.runner.release());

const post = (msg: Response): void => self.postMessage(msg);

async function fetchBytes(id: number, url: string, signal: AbortSignal): Promise<Uint8Array> {
  const res = await fetch(url, { signal });
  if (!res.ok || !res.body)
    throw Object.assign(new Error(`${url}: ${res.status}`), { code: 'missing-model' });
  const total = Number(res.headers.get('content-length') ?? 0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    post({ id, type: 'progress', loaded, total });
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

let ortStarted: Promise<OrtModule> | null = null;

/**
 * onnxruntime-web's WASM build, one thread (the worker is the page's one extra thread), with its
 * runtime started (downloaded and compiled, by a session of the one-node identity model): asked for
 * first thing in a load, it starts while the model's bytes are fetched and unfolded.
 */
function wasmOrt(): Promise<OrtModule> {
  ortStarted ??= (async () => {
    const wasm = (await import('onnxruntime-web/wasm')) as unknown as OrtModule;
    wasm.env.wasm.numThreads = 1;
    await (await wasm.InferenceSession.create(identityModel())).release();
    return wasm;
  })();
  // A failed start (the runtime's file missing) may be tried again by the next load.
  ortStarted.catch(() => (ortStarted = null));
  return ortStarted;
}

/** Token ids to time a model on: fixed, spread over the vocabulary. */
const probeIds = (n: number, vocab: number): number[] =>
  Array.from({ length: n }, (_, i) => 4 + ((i * 37) % Math.max(1, vocab - 4)));

const median = (times: number[]): number =>
  [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;

/** Median milliseconds of a full run of 32 tokens (nothing remembered): WASM and WebGPU compared on the same work. */
async function timeRuns(runner: Runner, runs: number, vocab: number): Promise<number> {
  const ids = probeIds(32, vocab);
  await runner.forward(ids);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    runner.forget();
    const t0 = performance.now();
    await runner.forward(ids);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Median milliseconds of one more word: the text grows a token a call, as the levels read it. */
async function timePerWord(runner: Runner, vocab: number): Promise<number> {
  const ids = probeIds(48, vocab);
  runner.forget();
  await runner.forward(ids.slice(0, 32));
  const times: number[] = [];
  for (let n = 33; n <= ids.length; n++) {
    const t0 = performance.now();
    await runner.forward(ids.slice(0, n));
    times.push(performance.now() - t0);
  }
  runner.forget();
  return median(times);
}

/** A GPU adapter worth trying, or why not. */
async function gpuAdapter(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'no WebGPU';
  const adapter = (await gpu.requestAdapter().catch(() => null)) as {
    isFallbackAdapter?: boolean;
    info?: { isFallbackAdapter?: boolean };
  } | null;
  if (!adapter) return 'no GPU adapter';
  if (adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter) return 'software (fallback) adapter';
  return null;
}

/**
 * Fetches the files, starts a session and times it; the model is published (by the host) only
 * after the timings, so no request shares its runner before. Every step is followed by a check
 * that no newer load has come; the sessions made and not kept are released.
 */
async function load(
  msg: Extract<Request, { type: 'load' }>,
  { signal, check }: LoadContext,
): Promise<{ model: LanguageModel; value: LoadInfo }> {
  const made: Runner[] = [];
  let kept: Runner | null = null;
  try {
    const ortReady = wasmOrt();
    const [stored, vocab, card] = await Promise.all([
      fetchBytes(msg.id, msg.files.model, signal),
      fetch(msg.files.vocab, { signal }).then((r) =>
        r.ok ? (r.json() as Promise<VocabFile>) : Promise.reject(new Error('vocab')),
      ),
      fetch(msg.files.card, { signal }).then((r) =>
        r.ok ? (r.json() as Promise<{ context: number }>) : Promise.reject(new Error('card')),
      ),
    ]);
    check();
    // The weights rebuilt here once, not by the session's constant folding (the most of its time).
    const model = unfoldWeights(stored);
    const wasm = await ortReady;
    check();
    const t0 = performance.now();
    let runner = await createRunner(wasm, model, 'wasm');
    made.push(runner);
    check();
    const sessionMs = performance.now() - t0;
    let gpuNote = msg.allowGpu ? await gpuAdapter() : 'WASM was measured faster on this device before';
    check();
    // Twenty timed runs only where WebGPU is to be compared with them; else a few for the figure
    // (the twenty took a quarter of a second of the player's wait).
    let msPerRun = await timeRuns(runner, gpuNote === null ? 20 : 3, vocab.tokens.length);
    check();
    if (gpuNote === null) {
      try {
        const webgpu = (await import('onnxruntime-web/webgpu')) as unknown as OrtModule;
        const gpuRunner = await createRunner(webgpu, model.slice(), 'webgpu');
        made.push(gpuRunner);
        check();
        const gpuMs = await timeRuns(gpuRunner, 20, vocab.tokens.length);
        check();
        if (gpuMs < msPerRun) {
          runner = gpuRunner;
          msPerRun = gpuMs;
          gpuNote = '';
        } else gpuNote = `WebGPU measured slower (${gpuMs.toFixed(2)} ms)`;
      } catch (e) {
        check();
        gpuNote = `WebGPU failed to start: ${(e as Error).message}`;
      }
    }
    const msPerWord = await timePerWord(runner, vocab.tokens.length);
    check();
    kept = runner;
    const lm = new LanguageModel(runner, new Tokenizer(vocab), card.context);
    modelBytes.set(lm, model);
    return {
      model: lm,
      value: {
        backend: runner.backend,
        msPerRun,
        msPerWord,
        sessionMs,
        context: card.context,
        vocabSize: vocab.tokens.length,
        tokens: vocab.tokens,
        gpuNote: gpuNote ?? '',
      },
    };
  } finally {
    for (const r of made) if (r !== kept) r.release().catch(() => undefined);
  }
}

/** Each language model's file, for the teach level's output layer (read when first asked). */
const modelBytes = new WeakMap<LanguageModel, Uint8Array>();
const teachers = new WeakMap<LanguageModel, Teacher>();
const teachData = new Map<string, Promise<TeachData>>();
/** Set by `teach-stop`: the training in flight stops at its next step. */
let teachStop = false;

function teacher(lm: LanguageModel): Teacher {
  let made = teachers.get(lm);
  if (!made) {
    const bytes = modelBytes.get(lm);
    if (!bytes) throw coded('the model file is not kept', 'failed');
    made = new Teacher(lm, bytes);
    teachers.set(lm, made);
  }
  return made;
}

async function teachWith(lm: LanguageModel, url: string): Promise<Teacher> {
  let data = teachData.get(url);
  if (!data) {
    data = fetch(url).then((r) =>
      r.ok ? (r.json() as Promise<TeachData>) : Promise.reject(coded(`${url}: ${r.status}`, 'missing-model')),
    );
    teachData.set(url, data);
    data.catch(() => teachData.delete(url));
  }
  const t = teacher(lm);
  await t.useData(await data);
  return t;
}

type TeachRequest = Extract<Request, { type: 'teach-train' | 'teach-use' | 'teach-compare' | 'teach-share' }>;

async function handleTeach(lm: LanguageModel, msg: TeachRequest): Promise<unknown> {
  if (msg.type === 'teach-share') {
    const t = teacher(lm);
    const u = msg.update ? t.fit(msg.update) : null;
    lm.useChange(u ? (ids) => t.logitsWith(ids, u) : null);
    return u !== null;
  }
  if (msg.type === 'teach-train') {
    const t = await teachWith(lm, msg.data);
    return t.train(msg.sentences, msg.setting, msg.seed, (step, loss) => {
      post({ id: msg.id, type: 'step', step, loss });
      return !teachStop;
    });
  }
  if (msg.type === 'teach-use') {
    const t = await teachWith(lm, msg.data);
    const ok = t.use(msg.update);
    const meter: TeachMeter = { ok, ...t.meter(), taught: t.taughtTokens(msg.sentences) };
    return meter;
  }
  const t = teacher(lm);
  const before = await t.side(msg.text, false, msg.k, msg.n, msg.seed);
  const after = t.update ? await t.side(msg.text, true, msg.k, msg.n, msg.seed) : null;
  const afterWasP = after
    ? await t.chancesBefore(
        msg.text,
        after.top.map((w) => w.id),
      )
    : [];
  const out: TeachCompare = { before, after, afterWasP };
  return out;
}

type SmallRequest = Extract<Request, { type: 'loadSmall' | 'complete' }>;

/** The small models by name (small.ts), each loaded once; their requests run one at a time, in order. */
const small = new Map<string, Promise<SmallModel>>();
let smallQueue: Promise<unknown> = Promise.resolve();

const coded = (message: string, code: ErrorCode): Error => Object.assign(new Error(message), { code });

async function makeSmall(msg: Extract<Request, { type: 'loadSmall' }>): Promise<SmallModel> {
  const json = async <T>(url: string): Promise<T> => {
    const res = await fetch(url);
    if (!res.ok) throw coded(`${url}: ${res.status}`, 'missing-model');
    return (await res.json()) as T;
  };
  const [bytes, vocab, card] = await Promise.all([
    fetchBytes(msg.id, msg.files.model, new AbortController().signal),
    json<CharVocabFile>(msg.files.vocab),
    json<{ context: number }>(msg.files.card),
  ]);
  return new SmallModel(await createRunner(await wasmOrt(), bytes, 'wasm'), vocab.tokens, card.context);
}

async function handleSmall(msg: SmallRequest): Promise<unknown> {
  if (!SMALL_NAME.test(msg.name)) throw new Error(`not a small model's name: ${msg.name}`);
  if (msg.type === 'loadSmall') {
    const t0 = performance.now();
    let made = small.get(msg.name);
    if (!made) {
      made = makeSmall(msg);
      small.set(msg.name, made);
      // A load that failed is tried again next time.
      made.catch(() => small.delete(msg.name));
    }
    const m = await made;
    const info: SmallLoadInfo = {
      name: msg.name,
      vocabSize: m.tokens.length,
      context: m.context,
      sessionMs: performance.now() - t0,
    };
    return info;
  }
  const made = small.get(msg.name);
  if (!made) throw coded(`${msg.name} is not loaded`, 'not-loaded');
  const m = await made;
  const out: string[] = [];
  for (const text of msg.texts) out.push(await m.complete(text, msg.stops, msg.max));
  return out;
}

async function handle(
  lm: LanguageModel,
  msg: Exclude<
    Request,
    { type: 'load' | 'loadSmall' | 'complete' | 'digits-load' | 'digits-read' | 'teach-stop' }
  >,
): Promise<unknown> {
  switch (msg.type) {
    case 'distribution':
      return lm.distribution(msg.text, msg.k, { temperature: msg.temperature, full: msg.full });
    case 'sample':
      return lm.sample(msg.text, { temperature: msg.temperature, seed: msg.seed });
    case 'generate':
      return lm.generate(msg.text, msg.n, { temperature: msg.temperature, seed: msg.seed }, (token, text) =>
        post({ id: msg.id, type: 'token', token, text }),
      );
    case 'attention':
      return lm.attention(msg.text);
    case 'surprise':
      return lm.surprise(msg.text);
    case 'inside':
      return lm.inside(msg.text, msg.k, msg.headMask);
    case 'headEffects':
      return lm.headEffects(msg.text);
    case 'teach-train':
    case 'teach-use':
    case 'teach-compare':
    case 'teach-share':
      return handleTeach(lm, msg);
    case 'timing': {
      // Latency inside the worker, for the benchmark.
      const time = async (forget: boolean): Promise<number[]> => {
        const times: number[] = [];
        for (let i = 0; i < msg.runs; i++) {
          if (forget) lm.runner.forget();
          const t0 = performance.now();
          await lm.distribution(msg.texts[i % msg.texts.length] as string, 10);
          times.push(performance.now() - t0);
        }
        return times;
      };
      // The inside level's attention run (a full run with every head's weights and numbers) of
      // 20 tokens: `<bos>` and the longest text's first 19.
      const longest = msg.texts.reduce((a, b) => (b.length > a.length ? b : a), '');
      const text20 = lm.tokenizer.decode(lm.tokenizer.encode(longest).slice(0, 19));
      const inside: number[] = [];
      for (let i = 0; i < msg.runs; i++) {
        const t0 = performance.now();
        await lm.inside(text20, 10);
        inside.push(performance.now() - t0);
      }
      const insideTokens = lm.prepare(text20).ids.length;
      return { full: await time(true), growing: await time(false), inside, insideTokens };
    }
  }
}

/** The digit network: loaded once, on the first ask, apart from the language model's host. */
let digits: Promise<DigitNet> | null = null;

async function loadDigits(msg: Extract<Request, { type: 'digits-load' }>): Promise<DigitsInfo> {
  const t0 = performance.now();
  if (!digits)
    digits = (async () => {
      const bytes = await fetchBytes(msg.id, msg.url, new AbortController().signal);
      return createDigitNet(await wasmOrt(), bytes);
    })();
  // A failed load may be tried again.
  const net = await digits.catch((e: unknown) => {
    digits = null;
    throw e;
  });
  const sessionMs = performance.now() - t0;
  const probe = new Float32Array(PIXELS);
  await net.read(probe, 1);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    await net.read(probe, 1);
    times.push(performance.now() - t);
  }
  return { sessionMs, msPerRead: median(times) };
}

async function readDigits(msg: Extract<Request, { type: 'digits-read' }>): Promise<unknown> {
  if (!digits) throw coded('the digit network is not loaded', 'not-loaded');
  return (await digits).read(msg.images, msg.n);
}

self.addEventListener('message', (event: MessageEvent<Request>) => {
  const msg = event.data;
  const t0 = performance.now();
  let work: Promise<unknown>;
  if (msg.type === 'load') work = host.load((ctx) => load(msg, ctx));
  else if (msg.type === 'loadSmall' || msg.type === 'complete') {
    work = smallQueue.then(() => handleSmall(msg));
    smallQueue = work.catch(() => undefined);
  } else if (msg.type === 'digits-load') work = loadDigits(msg);
  else if (msg.type === 'digits-read') work = readDigits(msg);
  else if (msg.type === 'teach-train') {
    // A stop is for the training asked before it: this one starts afresh (set as it arrives, so a
    // stop sent while it still waits for the model is not lost).
    teachStop = false;
    work = host.use((lm) => handle(lm, msg));
  } else if (msg.type === 'teach-stop') {
    teachStop = true;
    work = Promise.resolve(true);
  } else work = host.use((lm) => handle(lm, msg));
  work.then(
    (value) => post({ id: msg.id, type: 'result', value, workerMs: performance.now() - t0 }),
    (error: Error & { code?: ErrorCode }) =>
      post({ id: msg.id, type: 'error', code: error.code ?? 'failed', message: error.message }),
  );
});

/**
 * The only way to the model from the page: a typed promise API over the model worker.
 * `load(lang)` reports progress; a missing model file or a failed start puts the client in a
 * "resting" state where every call rejects with `ModelResting`, and the rest of the game plays on.
 *
 * Loads: the newest wins. A load while another is in flight (a language switch) supersedes it: the
 * older promise rejects at once with `ModelSuperseded`, which callers may ignore, and only the newest
 * load sets `info`, `lang` and the resting state. The worker stops the older load too (host.ts).
 * Requests made during a load are answered by the model it loads (they wait in the worker).
 */
import type {
  DigitsInfo,
  Distribution,
  HeadEffect,
  InsideView,
  LoadInfo,
  NextToken,
  Request,
  Response,
  SmallLoadInfo,
  Surprise,
  TeachCompare,
  TeachMeter,
  TeachResult,
} from './protocol';
import type { Setting, StoredUpdate } from '../lm/teach';
import type { DigitReading } from './digits';
import type { Backend } from './runner';

export type {
  DigitReading,
  DigitsInfo,
  Distribution,
  HeadEffect,
  InsideView,
  LoadInfo,
  NextToken,
  Surprise,
  Backend,
  SmallLoadInfo,
  TeachCompare,
  TeachMeter,
  TeachResult,
};

export class ModelResting extends Error {
  constructor(readonly reason: string) {
    super(`the model is resting: ${reason}`);
  }
}

/** A load stopped because a newer one was asked for: nothing went wrong, nothing to show. */
export class ModelSuperseded extends Error {
  readonly code = 'superseded';
  constructor() {
    super('superseded by a newer load');
  }
}

/** What the client needs of a worker (a fake one in tests). */
export interface ModelWorker {
  postMessage(msg: Request): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<Response>) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  terminate(): void;
}

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (loaded: number, total: number) => void;
  onToken?: (token: NextToken, text: string) => void;
  onStep?: (step: number, loss: number) => void;
  started: number;
};

type Hooks = Partial<Pick<Pending, 'onProgress' | 'onToken' | 'onStep'>>;

/** Request without its id, for any request type. */
type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class ModelClient {
  private worker: ModelWorker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private resting: string | null = null;
  /** The request id of the load in flight. */
  private loading: number | null = null;
  /** The model the worker answers with: null while a load is in flight. */
  info: LoadInfo | null = null;
  lang: string | null = null;

  constructor(
    private readonly makeWorker: () => ModelWorker = () =>
      new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'owaat-model' }),
  ) {}

  private ensureWorker(): ModelWorker {
    if (this.worker) return this.worker;
    const worker = this.makeWorker();
    worker.addEventListener('message', (e: MessageEvent<Response>) => this.receive(e.data));
    worker.addEventListener('error', (e) => {
      this.resting = e.message || 'worker failed';
      for (const p of this.pending.values()) p.reject(new ModelResting(this.resting));
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }

  private receive(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.(msg.loaded, msg.total);
    else if (msg.type === 'token') p.onToken?.(msg.token, msg.text);
    else if (msg.type === 'step') p.onStep?.(msg.step, msg.loss);
    else {
      this.pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.value);
      else if (msg.code === 'failed') p.reject(new Error(msg.message));
      else p.reject(msg.code === 'superseded' ? new ModelSuperseded() : new ModelResting(msg.message));
    }
  }

  private send<T>(request: Ask, hooks: Hooks = {}): { id: number; promise: Promise<T> } {
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        started: performance.now(),
        ...hooks,
      });
      this.ensureWorker().postMessage({ ...request, id });
    });
    return { id, promise };
  }

  private ask<T>(request: Ask, hooks: Hooks = {}): Promise<T> {
    if (this.resting !== null) return Promise.reject(new ModelResting(this.resting));
    return this.send<T>(request, hooks).promise;
  }

  get isResting(): boolean {
    return this.resting !== null;
  }

  /** Loads the model of `lang` (files under `models/<lang>/`). */
  async load(
    lang: string,
    opts: { onProgress?: (loaded: number, total: number) => void; allowGpu?: boolean; base?: string } = {},
  ): Promise<LoadInfo> {
    const base = opts.base ?? document.baseURI;
    const url = (f: string) => new URL(`models/${lang}/${f}`, base).href;
    if (this.loading !== null) {
      // Its answer, if one still comes, finds no pending request and is dropped.
      const older = this.pending.get(this.loading);
      this.pending.delete(this.loading);
      older?.reject(new ModelSuperseded());
    }
    this.resting = null;
    this.info = null;
    this.lang = null;
    const { id, promise } = this.send<LoadInfo>(
      {
        type: 'load',
        lang,
        files: { model: url('model.onnx'), vocab: url('vocab.json'), card: url('card.json') },
        allowGpu: opts.allowGpu ?? true,
      },
      { onProgress: opts.onProgress },
    );
    this.loading = id;
    // Only the newest load sets the state (a superseded or disposed one is no longer `loading`).
    try {
      const info = await promise;
      if (this.loading === id) {
        this.loading = null;
        this.info = info;
        this.lang = lang;
      }
      return info;
    } catch (e) {
      if (e instanceof ModelSuperseded) throw e;
      const reason = e instanceof ModelResting ? e.reason : (e as Error).message;
      if (this.loading === id) {
        this.loading = null;
        this.resting = reason;
      }
      throw e instanceof ModelResting ? e : new ModelResting(reason);
    }
  }

  distribution(
    text: string,
    k = 10,
    opts: { temperature?: number; full?: boolean } = {},
  ): Promise<Distribution> {
    return this.ask({ type: 'distribution', text, k, ...opts });
  }

  sample(text: string, opts: { temperature: number; seed: number }): Promise<NextToken & { cut: number }> {
    return this.ask({ type: 'sample', text, ...opts });
  }

  generate(
    text: string,
    n: number,
    opts: { temperature: number; seed: number },
    onToken?: (token: NextToken, text: string) => void,
  ): Promise<{ text: string; tokens: NextToken[]; cut: number }> {
    return this.ask({ type: 'generate', text, n, ...opts }, { onToken });
  }

  attention(
    text: string,
  ): Promise<{ tokens: string[]; layers: number; heads: number; weights: Float32Array; cut: number }> {
    return this.ask({ type: 'attention', text });
  }

  /** Each token of `text` and the chance the model gave it there, read from the start. */
  surprise(text: string): Promise<Surprise> {
    return this.ask({ type: 'surprise', text });
  }

  /**
   * Loads a second, small character model by name (files under `models/<name>/`), beside the
   * language model and whatever state it is in. It is loaded once; a missing file rejects with
   * `ModelResting`.
   */
  loadSmall(name: string, opts: { base?: string } = {}): Promise<SmallLoadInfo> {
    const base = opts.base ?? document.baseURI;
    const url = (f: string) => new URL(`models/${name}/${f}`, base).href;
    return this.send<SmallLoadInfo>({
      type: 'loadSmall',
      name,
      files: { model: url('model.onnx'), vocab: url('vocab.json'), card: url('card.json') },
    }).promise;
  }

  /**
   * A small model writes after each of `texts`, greedily, up to `max` characters; it stops after
   * writing one of `stops` (which ends what comes back).
   */
  complete(name: string, texts: string[], stops: string[], max: number): Promise<string[]> {
    return this.send<string[]>({ type: 'complete', name, texts, stops, max }).promise;
  }

  /** The three steps and the beams of every head for `text`; `headMask`: layers × heads, 1 on, 0 off. */
  inside(text: string, k = 5, headMask?: readonly number[]): Promise<InsideView> {
    return this.ask({ type: 'inside', text, k, ...(headMask ? { headMask: [...headMask] } : {}) });
  }

  /** The favourite next word of `text` with each head switched off alone. */
  headEffects(text: string): Promise<HeadEffect[]> {
    return this.ask({ type: 'headEffects', text });
  }

  /**
   * Level "teach": trains a change of the output layer on `sentences` in the worker (the page
   * never waits on it); `onStep` hears each step's loss. The change stays in use in the worker.
   */
  teachTrain(
    sentences: string[],
    setting: Setting,
    seed: number,
    onStep?: (step: number, loss: number) => void,
    opts: { base?: string } = {},
  ): Promise<TeachResult> {
    return this.ask(
      { type: 'teach-train', sentences, setting, seed, data: this.teachData(opts.base) },
      { onStep },
    );
  }

  /** Stops a training in flight: it answers with what it learned so far. */
  teachStop(): void {
    if (this.worker) this.send({ type: 'teach-stop' }).promise.catch(() => undefined);
  }

  /** Uses a stored change (null: the model as it is) and measures the forgetting meter for it. */
  teachUse(
    update: StoredUpdate | null,
    sentences: string[],
    opts: { base?: string } = {},
  ): Promise<TeachMeter> {
    return this.ask({ type: 'teach-use', update, sentences, data: this.teachData(opts.base) });
  }

  /** The top `k` next words and `n` more tokens after `text`, before and after the change. */
  teachCompare(text: string, k: number, n: number, seed: number): Promise<TeachCompare> {
    return this.ask({ type: 'teach-compare', text, k, n, seed });
  }

  /**
   * The other levels' words from the model with the taught change (null: the model as trained);
   * true when it is in use.
   */
  teachShare(update: StoredUpdate | null): Promise<boolean> {
    return this.ask({ type: 'teach-share', update });
  }

  private teachData(base?: string): string {
    return new URL(`data/teach/${this.lang ?? 'en'}.json`, base ?? document.baseURI).href;
  }

  /** For the benchmark: `runs` distribution calls over `texts`, timed inside the worker, full and growing, and the inside level's attention runs. */
  timing(
    runs: number,
    texts: string[],
  ): Promise<{ full: number[]; growing: number[]; inside: number[]; insideTokens: number }> {
    return this.ask({ type: 'timing', runs, texts });
  }

  /**
   * Loads the digit network (models/digits/digits.onnx) in the worker, once. It does not need the
   * language model: a resting language model does not stop it.
   */
  loadDigits(opts: { base?: string } = {}): Promise<DigitsInfo> {
    const url = new URL('models/digits/digits.onnx', opts.base ?? document.baseURI).href;
    return this.send<DigitsInfo>({ type: 'digits-load', url }).promise;
  }

  /** Reads `n` images of 28 × 28 grey values (0 … 1): the digits' logits and the network's features. */
  readDigits(images: Float32Array, n: number): Promise<DigitReading & { ms: number }> {
    const t0 = performance.now();
    return this.send<DigitReading>({ type: 'digits-read', images, n }).promise.then((r) => ({
      ...r,
      ms: performance.now() - t0,
    }));
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.loading = null;
    for (const p of this.pending.values()) p.reject(new ModelResting('closed'));
    this.pending.clear();
  }
}

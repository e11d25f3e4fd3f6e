/**
 * The only way to the model from the page: a typed promise API over the model worker.
 * `load(lang)` reports progress; a missing model file or a failed start puts the client in a
 * "resting" state where every call rejects with `ModelResting`, and the rest of the game plays on.
 */
import type { Distribution, LoadInfo, NextToken, Request, Response } from './protocol';
import type { Backend } from './runner';

export type { Distribution, LoadInfo, NextToken, Backend };

export class ModelResting extends Error {
  constructor(readonly reason: string) {
    super(`the model is resting: ${reason}`);
  }
}

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (loaded: number, total: number) => void;
  onToken?: (token: NextToken, text: string) => void;
  started: number;
};

/** Request without its id, for any request type. */
type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class ModelClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private resting: string | null = null;
  info: LoadInfo | null = null;
  lang: string | null = null;

  constructor(
    private readonly makeWorker: () => Worker = () =>
      new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'owaat-model' }),
  ) {}

  private ensureWorker(): Worker {
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
    else {
      this.pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.value);
      else p.reject(msg.code === 'failed' ? new Error(msg.message) : new ModelResting(msg.message));
    }
  }

  private ask<T>(request: Ask, hooks: Partial<Pick<Pending, 'onProgress' | 'onToken'>> = {}): Promise<T> {
    if (this.resting !== null) return Promise.reject(new ModelResting(this.resting));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        started: performance.now(),
        ...hooks,
      });
      this.ensureWorker().postMessage({ ...request, id });
    });
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
    this.resting = null;
    try {
      this.info = await this.ask<LoadInfo>(
        {
          type: 'load',
          lang,
          files: { model: url('model.onnx'), vocab: url('vocab.json'), card: url('card.json') },
          allowGpu: opts.allowGpu ?? true,
        },
        { onProgress: opts.onProgress },
      );
      this.lang = lang;
      return this.info;
    } catch (e) {
      this.resting = e instanceof ModelResting ? e.reason : (e as Error).message;
      throw e instanceof ModelResting ? e : new ModelResting(this.resting);
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

  /** For the benchmark: `runs` distribution calls over `texts`, timed inside the worker, full and growing. */
  timing(runs: number, texts: string[]): Promise<{ full: number[]; growing: number[] }> {
    return this.ask({ type: 'timing', runs, texts });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new ModelResting('closed'));
    this.pending.clear();
  }
}

/**
 * The order of things in the model worker, apart from ONNX (so it is tested with fakes):
 *
 * - One load at a time, and the newest wins: a load supersedes the one still in flight, which
 *   stops at its next step (its fetches aborted, what it made released) and rejects with
 *   `Superseded`; the new one starts when the old one has stopped.
 * - A model is published only when its load has finished, whole; a load that fails leaves no
 *   model, so nothing answers in the language of the one before.
 * - Requests run one at a time, in order, each after every load sent before it (and any sent while
 *   it waits): nothing runs on a half-loaded model. Without a model they fail with `not-loaded`.
 * - A replaced model is released after the request running on it has finished.
 */

export type HostErrorCode = 'superseded' | 'not-loaded';

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const superseded = (): HostError => new HostError('superseded', 'superseded by a newer load');

/** What a load is given: a signal for its fetches, and `check()` to call after each step. */
export interface LoadContext {
  readonly signal: AbortSignal;
  /** Throws `superseded` when a newer load has come. */
  check(): void;
}

export class ModelHost<M> {
  private model: M | null = null;
  private generation = 0;
  private abort: AbortController | null = null;
  /** Settles when the loads sent so far have; never rejects. */
  private loads: Promise<unknown> = Promise.resolve();
  /** Settles when the requests sent so far have; never rejects. */
  private requests: Promise<unknown> = Promise.resolve();

  constructor(private readonly release: (model: M) => Promise<void>) {}

  /** Makes a model with `make` and publishes it; `make` must call `check()` after each step. */
  load<T>(make: (ctx: LoadContext) => Promise<{ model: M; value: T }>): Promise<T> {
    const mine = ++this.generation;
    this.abort?.abort();
    const controller = (this.abort = new AbortController());
    const ctx: LoadContext = {
      signal: controller.signal,
      check: () => {
        if (mine !== this.generation) throw superseded();
      },
    };
    const run = this.loads.then(async () => {
      try {
        ctx.check();
        const { model, value } = await make(ctx);
        ctx.check();
        this.publish(model);
        return value;
      } catch (e) {
        // Once superseded, every error (an aborted fetch too) is that.
        if (mine !== this.generation) throw superseded();
        this.publish(null);
        throw e;
      }
    });
    this.loads = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` on the model, after the requests and loads sent before it. */
  use<T>(fn: (model: M) => Promise<T>): Promise<T> {
    const job = this.requests.then(async () => {
      for (let seen = this.loads; ; seen = this.loads) {
        await seen;
        if (seen === this.loads) break;
      }
      if (!this.model) throw new HostError('not-loaded', 'no model loaded');
      return fn(this.model);
    });
    this.requests = job.catch(() => undefined);
    return job;
  }

  private publish(next: M | null): void {
    const old = this.model;
    this.model = next;
    if (old !== null && old !== next) void this.requests.then(() => this.release(old)).catch(() => undefined);
  }
}

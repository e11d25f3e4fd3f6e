import { describe, expect, it } from 'vitest';
import { ModelHost, type HostError, type LoadContext } from '../../src/model/host';

/** A promise to settle by hand. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

interface Fake {
  readonly name: string;
}

/** A host whose releases are logged, and a load that makes `name` in two steps it waits on. */
function setup() {
  const log: string[] = [];
  const host = new ModelHost<Fake>(async (m) => {
    log.push(`release ${m.name}`);
  });
  const load = (name: string) => {
    const fetched = deferred();
    const started = deferred();
    let ctx: LoadContext | null = null;
    const promise = host.load(async (c) => {
      ctx = c;
      log.push(`start ${name}`);
      started.resolve();
      await fetched.promise;
      c.check();
      log.push(`made ${name}`);
      return { model: { name }, value: name };
    });
    return { promise, fetched, started: started.promise, signal: () => ctx?.signal };
  };
  return { host, log, load };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: HostError) => e.code ?? e.message,
  );

describe('ModelHost: the order of loads and requests in the model worker', () => {
  it('a newer load supersedes the one in flight: the older stops at its next step with its fetches aborted, and the newer starts after it', async () => {
    const { log, load } = setup();
    const en = load('en');
    await en.started;
    const zh = load('zh');
    expect(en.signal()?.aborted).toBe(true);
    await settle();
    expect(log).toEqual(['start en']); // zh waits for en to stop
    const enCode = codeOf(en.promise);
    en.fetched.resolve();
    expect(await enCode).toBe('superseded');
    await zh.started;
    expect(log).toEqual(['start en', 'start zh']); // en never made its model
    zh.fetched.resolve();
    expect(await zh.promise).toBe('zh');
  });

  it('a load superseded before it started never starts; any error of a superseded load is reported as superseded', async () => {
    const { log, load } = setup();
    const en = load('en');
    await en.started;
    const zh = load('zh');
    const ja = load('ja');
    const codes = [codeOf(en.promise), codeOf(zh.promise)];
    en.fetched.reject(new Error('The operation was aborted'));
    expect(await Promise.all(codes)).toEqual(['superseded', 'superseded']);
    await ja.started;
    ja.fetched.resolve();
    expect(await ja.promise).toBe('ja');
    expect(log).toEqual(['start en', 'start ja', 'made ja']); // zh never started
  });

  it('requests wait for the load sent before them and run on its model, never on a half-loaded one', async () => {
    const { host, load } = setup();
    const en = load('en');
    en.fetched.resolve();
    await en.promise;
    const zh = load('zh');
    await zh.started;
    const seen: string[] = [];
    const answer = host.use(async (m) => {
      seen.push(m.name);
      return m.name;
    });
    await settle();
    expect(seen).toEqual([]); // still loading: the request waits
    zh.fetched.resolve();
    expect(await answer).toBe('zh');
  });

  it('a request waiting for a load also waits for a newer load that supersedes it', async () => {
    const { host, load } = setup();
    const en = load('en');
    await en.started;
    const answer = host.use(async (m) => m.name);
    const zh = load('zh');
    en.fetched.resolve();
    await zh.started;
    await settle();
    zh.fetched.resolve();
    expect(await answer).toBe('zh');
  });

  it('without a model, or after a failed load, requests fail with not-loaded; the old model is released', async () => {
    const { host, log, load } = setup();
    expect(await codeOf(host.use(async () => 1))).toBe('not-loaded');
    const en = load('en');
    en.fetched.resolve();
    await en.promise;
    expect(await host.use(async (m) => m.name)).toBe('en');
    const zh = load('zh');
    zh.fetched.reject(Object.assign(new Error('zh/model.onnx: 404'), { code: 'missing-model' }));
    expect(await codeOf(zh.promise)).toBe('missing-model');
    expect(await codeOf(host.use(async (m) => m.name))).toBe('not-loaded');
    expect(log).toContain('release en');
  });

  it('requests run one at a time, in order, and a replaced model is released only after the request on it has finished', async () => {
    const { host, log, load } = setup();
    const en = load('en');
    en.fetched.resolve();
    await en.promise;
    const long = deferred();
    const first = host.use(async (m) => {
      log.push(`run 1 on ${m.name}`);
      await long.promise;
      log.push('end 1');
    });
    const second = host.use(async (m) => {
      log.push(`run 2 on ${m.name}`);
    });
    await settle();
    const zh = load('zh');
    zh.fetched.resolve();
    await zh.promise;
    await settle();
    // zh is published, but en still serves the request that started on it.
    expect(log).toEqual(['start en', 'made en', 'run 1 on en', 'start zh', 'made zh']);
    long.resolve();
    await Promise.all([first, second]);
    await settle();
    expect(log.slice(5)).toEqual(['end 1', 'run 2 on zh', 'release en']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ModelClient,
  ModelResting,
  ModelSuperseded,
  type LoadInfo,
  type ModelWorker,
} from '../../src/model/client';
import type { Request, Response } from '../../src/model/protocol';

/** A worker that records what it is sent and answers only when the test says so. */
class FakeWorker implements ModelWorker {
  readonly sent: Request[] = [];
  terminated = false;
  private readonly onMessage: ((e: MessageEvent<Response>) => void)[] = [];
  private readonly onError: ((e: ErrorEvent) => void)[] = [];

  postMessage(msg: Request): void {
    this.sent.push(msg);
  }
  addEventListener(type: 'message', listener: (e: MessageEvent<Response>) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  addEventListener(
    type: 'message' | 'error',
    listener: ((e: MessageEvent<Response>) => void) | ((e: ErrorEvent) => void),
  ): void {
    if (type === 'message') this.onMessage.push(listener as (e: MessageEvent<Response>) => void);
    else this.onError.push(listener as (e: ErrorEvent) => void);
  }
  terminate(): void {
    this.terminated = true;
  }

  reply(msg: Response): void {
    for (const l of this.onMessage) l({ data: msg } as MessageEvent<Response>);
  }
  result(id: number, value: unknown): void {
    this.reply({ id, type: 'result', value, workerMs: 1 });
  }
  crash(message: string): void {
    for (const l of this.onError) l({ message } as ErrorEvent);
  }
  /** The id of the last request of `type`. */
  idOf(type: Request['type']): number {
    const r = this.sent.findLast((m) => m.type === type);
    if (!r) throw new Error(`no ${type} sent`);
    return r.id;
  }
}

const BASE = 'https://example.test/app/';

const info = (lang: string): LoadInfo => ({
  backend: 'wasm',
  msPerRun: 2,
  msPerWord: 0.5,
  sessionMs: 40,
  context: 64,
  vocabSize: 3,
  tokens: ['<pad>', '<unk>', lang],
  gpuNote: 'no WebGPU',
});

function setup() {
  const workers: FakeWorker[] = [];
  const client = new ModelClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const worker = (): FakeWorker => {
    const w = workers.at(-1);
    if (!w) throw new Error('no worker made');
    return w;
  };
  return { client, workers, worker };
}

/** How a promise ended: its value, or the class and message of its error. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (e: Error) => ({ error: e.constructor.name, message: e.message }),
  );

describe('ModelClient with a fake worker', () => {
  it('load sends the model files of the language, reports progress and resolves with the worker’s info', async () => {
    const { client, worker } = setup();
    const progress: [number, number][] = [];
    const loading = client.load('zh', {
      base: BASE,
      allowGpu: false,
      onProgress: (l, t) => progress.push([l, t]),
    });
    const sent = worker().sent[0];
    expect(sent).toEqual({
      id: sent?.id,
      type: 'load',
      lang: 'zh',
      files: {
        model: `${BASE}models/zh/model.onnx`,
        vocab: `${BASE}models/zh/vocab.json`,
        card: `${BASE}models/zh/card.json`,
      },
      allowGpu: false,
    });
    const id = worker().idOf('load');
    worker().reply({ id, type: 'progress', loaded: 10, total: 100 });
    worker().reply({ id, type: 'progress', loaded: 100, total: 100 });
    expect(client.info).toBeNull();
    worker().result(id, info('zh'));
    expect(await loading).toEqual(info('zh'));
    expect(progress).toEqual([
      [10, 100],
      [100, 100],
    ]);
    expect(client.info).toEqual(info('zh'));
    expect(client.lang).toBe('zh');
    expect(client.isResting).toBe(false);
  });

  it('a missing model rests the client: load rejects with ModelResting, later calls reject without reaching the worker, and a new load wakes it', async () => {
    const { client, worker } = setup();
    const loading = outcome(client.load('en', { base: BASE }));
    worker().reply({
      id: worker().idOf('load'),
      type: 'error',
      code: 'missing-model',
      message: 'models/en/model.onnx: 404',
    });
    expect(await loading).toEqual({
      error: 'ModelResting',
      message: 'the model is resting: models/en/model.onnx: 404',
    });
    expect(client.isResting).toBe(true);
    expect(client.info).toBeNull();
    const sentBefore = worker().sent.length;
    await expect(client.distribution('a', 3)).rejects.toBeInstanceOf(ModelResting);
    await expect(client.generate('a', 3, { temperature: 1, seed: 1 })).rejects.toBeInstanceOf(ModelResting);
    expect(worker().sent).toHaveLength(sentBefore);

    const again = client.load('en', { base: BASE });
    expect(client.isResting).toBe(false);
    worker().result(worker().idOf('load'), info('en'));
    await again;
    const asked = client.distribution('a', 3);
    worker().result(worker().idOf('distribution'), { top: [] });
    expect(await asked).toEqual({ top: [] });
  });

  it('results, streamed tokens and errors go to the request they answer, in whatever order they come', async () => {
    const { client, worker } = setup();
    const loading = client.load('en', { base: BASE });
    worker().result(worker().idOf('load'), info('en'));
    await loading;
    const tokens: string[] = [];
    const d = outcome(client.distribution('the cat', 2, { temperature: 0.5 }));
    const g = outcome(
      client.generate('once', 2, { temperature: 1, seed: 7 }, (_token, text) => tokens.push(text)),
    );
    const a = outcome(client.attention('the dog'));
    const s = outcome(client.sample('a', { temperature: 1, seed: 3 }));
    const [dId, gId, aId, sId] = (['distribution', 'generate', 'attention', 'sample'] as const).map((t) =>
      worker().idOf(t),
    );
    expect(new Set([dId, gId, aId, sId]).size).toBe(4);
    expect(worker().sent.find((m) => m.id === gId)).toMatchObject({ text: 'once', n: 2, seed: 7 });

    worker().result(aId as number, 'attention answer');
    worker().reply({
      id: gId as number,
      type: 'token',
      token: { id: 5, token: 'upon', p: 0.4 },
      text: 'upon',
    });
    worker().reply({ id: sId as number, type: 'error', code: 'failed', message: 'boom' });
    worker().reply({
      id: gId as number,
      type: 'token',
      token: { id: 6, token: 'a', p: 0.3 },
      text: 'upon a',
    });
    worker().result(dId as number, 'distribution answer');
    worker().result(gId as number, 'generate answer');
    // An answer to no request (or to one already answered) is dropped.
    worker().result(999, 'stray');
    worker().result(dId as number, 'twice');

    expect(await d).toEqual({ value: 'distribution answer' });
    expect(await g).toEqual({ value: 'generate answer' });
    expect(await a).toEqual({ value: 'attention answer' });
    // A failed request is a plain error: the model does not rest for it.
    expect(await s).toEqual({ error: 'Error', message: 'boom' });
    expect(tokens).toEqual(['upon', 'upon a']);
    expect(client.isResting).toBe(false);
  });

  it('a newer load supersedes the one in flight: the older rejects at once with ModelSuperseded, its late answers are dropped, only the newer sets info and lang', async () => {
    const { client, worker } = setup();
    const enProgress: number[] = [];
    const en = outcome(client.load('en', { base: BASE, onProgress: (l) => enProgress.push(l) }));
    const enId = worker().idOf('load');
    worker().reply({ id: enId, type: 'progress', loaded: 1, total: 9 });
    const zh = client.load('zh', { base: BASE });
    const zhId = worker().idOf('load');
    expect(zhId).not.toBe(enId);
    expect(await en).toEqual({ error: 'ModelSuperseded', message: 'superseded by a newer load' });

    // What the worker still sends for the old load changes nothing.
    worker().reply({ id: enId, type: 'progress', loaded: 9, total: 9 });
    worker().result(enId, info('en'));
    worker().reply({ id: enId, type: 'error', code: 'missing-model', message: 'late' });
    expect(enProgress).toEqual([1]);
    expect(client.info).toBeNull();
    expect(client.lang).toBeNull();
    expect(client.isResting).toBe(false);

    worker().result(zhId, info('zh'));
    expect(await zh).toEqual(info('zh'));
    expect(client.lang).toBe('zh');
    expect(client.info?.tokens).toContain('zh');
  });

  it('ModelSuperseded is not a rest: callers can tell it from a missing model', async () => {
    expect(new ModelSuperseded()).not.toBeInstanceOf(ModelResting);
    expect(new ModelSuperseded().code).toBe('superseded');
    // And the worker's own word for it maps to the same.
    const { client, worker } = setup();
    const asked = client.distribution('a', 1);
    worker().reply({ id: worker().idOf('distribution'), type: 'error', code: 'superseded', message: 'x' });
    await expect(asked).rejects.toBeInstanceOf(ModelSuperseded);
    expect(client.isResting).toBe(false);
  });

  it('the newest load decides the resting state, whatever the older one ends with', async () => {
    const { client, worker } = setup();
    const en = outcome(client.load('en', { base: BASE }));
    const enId = worker().idOf('load');
    const zh = outcome(client.load('zh', { base: BASE }));
    worker().result(enId, info('en')); // a late success of the superseded load
    worker().reply({ id: worker().idOf('load'), type: 'error', code: 'failed', message: 'no wasm' });
    expect(await en).toMatchObject({ error: 'ModelSuperseded' });
    expect(await zh).toEqual({ error: 'ModelResting', message: 'the model is resting: no wasm' });
    expect(client.isResting).toBe(true);
    expect(client.info).toBeNull();
    expect(client.lang).toBeNull();
  });

  it('requests during a load go to the worker (which answers them with the new model)', async () => {
    const { client, worker } = setup();
    const loading = client.load('en', { base: BASE });
    const asked = client.distribution('a', 1);
    expect(worker().sent.map((m) => m.type)).toEqual(['load', 'distribution']);
    worker().result(worker().idOf('load'), info('en'));
    worker().result(worker().idOf('distribution'), 'after the load');
    await loading;
    expect(await asked).toBe('after the load');
  });

  it('a crashed worker rejects everything pending with ModelResting and rests the client', async () => {
    const { client, worker } = setup();
    const loading = outcome(client.load('en', { base: BASE }));
    const asked = outcome(client.distribution('a', 1));
    worker().crash('out of memory');
    expect(await loading).toEqual({ error: 'ModelResting', message: 'the model is resting: out of memory' });
    expect(await asked).toEqual({ error: 'ModelResting', message: 'the model is resting: out of memory' });
    expect(client.isResting).toBe(true);
  });

  it('dispose terminates the worker and rejects what is pending; the next load starts a new worker', async () => {
    const { client, workers, worker } = setup();
    const loading = outcome(client.load('en', { base: BASE }));
    const first = worker();
    client.dispose();
    expect(first.terminated).toBe(true);
    // At once, before the closed load has settled: it must not rest the new one.
    const again = client.load('en', { base: BASE });
    expect(await loading).toEqual({ error: 'ModelResting', message: 'the model is resting: closed' });
    expect(client.isResting).toBe(false);
    expect(workers).toHaveLength(2);
    worker().result(worker().idOf('load'), info('en'));
    expect(await again).toEqual(info('en'));
    expect(client.lang).toBe('en');
    expect(first.sent).toHaveLength(1);
  });

  it('a small model by name: its files under models/<name>/, beside the language model and its state', async () => {
    const { client, worker } = setup();
    const lm = client.load('en', { base: BASE });
    const small = client.loadSmall('arith/tool', { base: BASE });
    expect(worker().sent[1]).toEqual({
      id: worker().idOf('loadSmall'),
      type: 'loadSmall',
      name: 'arith/tool',
      files: {
        model: `${BASE}models/arith/tool/model.onnx`,
        vocab: `${BASE}models/arith/tool/vocab.json`,
        card: `${BASE}models/arith/tool/card.json`,
      },
    });
    // The language model failing leaves the small one working.
    worker().reply({ id: worker().idOf('load'), type: 'error', code: 'missing-model', message: 'gone' });
    expect(await outcome(lm)).toMatchObject({ error: 'ModelResting' });
    const loaded = { name: 'arith/tool', vocabSize: 21, context: 40, sessionMs: 5 };
    worker().result(worker().idOf('loadSmall'), loaded);
    expect(await small).toEqual(loaded);
    const lines = client.complete('arith/tool', ['\n3+4='], ['\n', ']'], 24);
    expect(worker().sent.at(-1)).toMatchObject({
      type: 'complete',
      name: 'arith/tool',
      texts: ['\n3+4='],
      stops: ['\n', ']'],
      max: 24,
    });
    worker().result(worker().idOf('complete'), ['[calc 3+4]']);
    expect(await lines).toEqual(['[calc 3+4]']);
  });

  it('a small model’s missing file rests it kindly; a crashed worker rejects what waits', async () => {
    const { client, worker } = setup();
    const small = client.loadSmall('arith/guess', { base: BASE });
    worker().reply({ id: worker().idOf('loadSmall'), type: 'error', code: 'missing-model', message: '404' });
    expect(await outcome(small)).toEqual({ error: 'ModelResting', message: 'the model is resting: 404' });
    const waiting = client.complete('arith/guess', ['\n1+1='], ['\n'], 24);
    worker().crash('boom');
    expect(await outcome(waiting)).toMatchObject({ error: 'ModelResting' });
  });
});

describe('ModelClient: level teach', () => {
  it('trains in the worker with the language’s fixed texts, hears each step, stops, uses a change', async () => {
    const { client, worker } = setup();
    const loading = client.load('zh', { base: BASE });
    worker().result(worker().idOf('load'), info('zh'));
    await loading;
    const steps: [number, number][] = [];
    const setting = { steps: 3, lr: 0.01, reminder: 1, rank: 2 };
    const training = client.teachTrain(['我的小猫叫豆豆。'], setting, 7, (s, l) => steps.push([s, l]), {
      base: BASE,
    });
    const sent = worker().sent.at(-1);
    expect(sent).toMatchObject({
      type: 'teach-train',
      sentences: ['我的小猫叫豆豆。'],
      setting,
      seed: 7,
      data: `${BASE}data/teach/zh.json`,
    });
    const id = worker().idOf('teach-train');
    worker().reply({ id, type: 'step', step: 1, loss: 2.5 });
    worker().reply({ id, type: 'step', step: 2, loss: 2.1 });
    client.teachStop();
    expect(worker().sent.at(-1)?.type).toBe('teach-stop');
    worker().result(id, { steps: 2 });
    expect(await training).toEqual({ steps: 2 });
    expect(steps).toEqual([
      [1, 2.5],
      [2, 2.1],
    ]);
    const using = client.teachUse(null, [], { base: BASE });
    expect(worker().sent.at(-1)).toMatchObject({ type: 'teach-use', update: null, sentences: [] });
    worker().result(worker().idOf('teach-use'), { ok: true, before: 20, after: 20, taught: [] });
    expect(await using).toMatchObject({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { createRunner } from '../../src/model/runner';
import { identityModel, unfoldWeights } from '../../src/lm/onnxUnfold';
import { readInitializers } from '../../src/lm/onnxWeights';

/** The shipped models (public/models) and, in CI, the one-minute model trained there. */
const dirs = (process.env.OWAAT_MODEL_DIRS ?? 'public/models/en,public/models/zh').split(',').filter(Boolean);

ort.env.wasm.numThreads = 1;

describe.each(dirs)('the weights of %s unfolded before the session', (dir) => {
  const bytes = new Uint8Array(readFileSync(`${dir}/model.onnx`));

  it('are plain fp32 initializers, with nothing of NF4 or fp16 left', () => {
    const before = readInitializers(bytes);
    const after = readInitializers(unfoldWeights(bytes));
    const stored = [...before.keys()].filter((n) => /_(nf4|fp16)$/.test(n));
    expect(stored.length).toBeGreaterThan(10);
    for (const name of stored) {
      const base = name.replace(/_(nf4|fp16)$/, '');
      expect(after.get(base)?.dataType, base).toBe(1);
    }
    expect([...after.keys()].filter((n) => /_(nf4|scale16|shape|fp16)$|^nf4_/.test(n))).toEqual([]);
    expect(after.get('model.tok.weight.T')?.dims).toEqual(
      [...(after.get('model.tok.weight')?.dims ?? [])].reverse(),
    );
  });

  it('give exactly the logits, attention and states of the stored model', async () => {
    const stored = await createRunner(ort, bytes);
    const unfolded = await createRunner(ort, unfoldWeights(bytes));
    for (const ids of [
      [1],
      [1, 40, 7, 300, 12, 9, 5, 77],
      Array.from({ length: 40 }, (_, i) => 4 + ((i * 37) % 900)),
    ]) {
      const a = await stored.forward(ids, true);
      const b = await unfolded.forward(ids, true);
      expect(b.logits).toEqual(a.logits);
      expect(b.attention).toEqual(a.attention);
      expect(b.states).toEqual(a.states);
    }
    await stored.release();
    await unfolded.release();
  }, 60_000);
});

describe('the identity model that starts the runtime', () => {
  it('is a valid one-node model: y is x', async () => {
    const session = await ort.InferenceSession.create(identityModel());
    expect(session.inputNames).toEqual(['x']);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([2.5]), [1]) });
    expect(Array.from(out.y?.data as Float32Array)).toEqual([2.5]);
    await session.release();
  }, 60_000);
});

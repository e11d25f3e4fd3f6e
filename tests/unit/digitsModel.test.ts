import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as ort from 'onnxruntime-web';
import { createDigitNet, PIXELS } from '../../src/model/digits';
import { argmax } from '../../src/lessons/signHead';
import { placeStrokes, prepare } from '../../src/lessons/digitPrep';
import { mulberry32 } from '../../src/lessons/rng';

ort.env.wasm.numThreads = 1;

const DIR = 'public/models/digits';
interface Fixture {
  images: number[][];
  logits: number[][];
  features: number[][];
}
interface Card {
  bytes: number;
  heldOutAccuracy: number;
  split: { seed: number; train: number; heldOut: number };
}

const load = async () => createDigitNet(ort, new Uint8Array(readFileSync(`${DIR}/digits.onnx`)));

describe('the digit network (public/models/digits)', () => {
  it('onnxruntime-web gives PyTorch’s logits and features (1e-4), from a file of at most 150 KB', async () => {
    const net = await load();
    const fx = JSON.parse(readFileSync('tests/unit/fixtures/digits-torch.json', 'utf8')) as Fixture;
    const n = fx.images.length;
    expect(n).toBeGreaterThanOrEqual(4);
    const out = await net.read(Float32Array.from(fx.images.flat()), n);
    expect(out.featureCount).toBe(64);
    let worst = 0;
    fx.logits.flat().forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (out.logits[i] as number)))));
    fx.features
      .flat()
      .forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (out.features[i] as number)))));
    expect(worst).toBeLessThan(1e-3);
    const card = JSON.parse(readFileSync(`${DIR}/card.json`, 'utf8')) as Card;
    expect(card.bytes).toBe(readFileSync(`${DIR}/digits.onnx`).length);
    expect(card.bytes).toBeLessThanOrEqual(150 * 1024);
  });

  it('reads at least 97 % of the 2,000 held-out MNIST digits right (training never saw them)', async () => {
    const images = gunzipSync(readFileSync('data/mnist/t10k-images-idx3-ubyte.gz'));
    const labels = gunzipSync(readFileSync('data/mnist/t10k-labels-idx1-ubyte.gz'));
    const split = JSON.parse(readFileSync('data/mnist/split.json', 'utf8')) as { heldOut: number[] };
    expect(split.heldOut).toHaveLength(2000);
    expect(new Set(split.heldOut).size).toBe(2000);
    const net = await load();
    let right = 0;
    const batch = 250;
    for (let at = 0; at < split.heldOut.length; at += batch) {
      const ids = split.heldOut.slice(at, at + batch);
      const x = new Float32Array(ids.length * PIXELS);
      ids.forEach((id, k) => {
        for (let p = 0; p < PIXELS; p++) x[k * PIXELS + p] = (images[16 + id * PIXELS + p] as number) / 255;
      });
      const out = await net.read(x, ids.length);
      ids.forEach((id, k) => {
        if (argmax(out.logits.subarray(k * 10, k * 10 + 10)) === labels[8 + id]) right++;
      });
    }
    const accuracy = right / split.heldOut.length;
    console.log(`digit network: ${right} of 2000 held-out digits right (${(accuracy * 100).toFixed(2)} %)`);
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
    const card = JSON.parse(readFileSync(`${DIR}/card.json`, 'utf8')) as Card;
    // The card says what PyTorch measured on the same images.
    expect(Math.abs(card.heldOutAccuracy - accuracy)).toBeLessThan(0.002);
  }, 60_000);

  it('reads 90 % of 50 held-out digits traced into pen strokes, placed anywhere at any size, prepared as the app does', async () => {
    const traces = (
      JSON.parse(readFileSync('tests/e2e/fixtures/digit-traces.json', 'utf8')) as {
        digits: { label: number; strokes: [number, number][][] }[];
      }
    ).digits;
    expect(traces).toHaveLength(50);
    const net = await load();
    const rng = mulberry32(7);
    // Pens from thin to a finger's width (the app's: a twelfth of the pad).
    for (const pen of [1 / 20, 1 / 12, 1 / 8]) {
      let right = 0;
      for (const t of traces) {
        const size = 0.5 + rng() * 0.45;
        const p = prepare(
          placeStrokes(t.strokes, { x: rng() * (1 - size), y: rng() * (1 - size), size }),
          pen,
        );
        if (!p) throw new Error('a trace prepares');
        const out = await net.read(p.grid, 1);
        if (argmax(out.logits) === t.label) right++;
      }
      console.log(
        `digit network: ${right} of 50 traced digits right with a pen of 1/${Math.round(1 / pen)} of the pad`,
      );
      expect(right).toBeGreaterThanOrEqual(45);
    }
  });

  it('refuses images of the wrong size', async () => {
    const net = await load();
    await expect(net.read(new Float32Array(100), 1)).rejects.toThrow(/28 × 28/);
  });
});

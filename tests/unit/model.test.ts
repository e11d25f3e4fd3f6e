import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { createRunner } from '../../src/model/runner';
import { LanguageModel } from '../../src/model/lm';
import { Tokenizer, type VocabFile } from '../../src/lm/tokenizer';
import { mulberry32 } from '../../src/lessons/rng';

/** The shipped models (public/models) and, in CI, the one-minute model trained there. */
const dirs = (process.env.OWAAT_MODEL_DIRS ?? 'public/models/en,public/models/zh').split(',').filter(Boolean);

ort.env.wasm.numThreads = 1;

interface Fixture {
  cases: {
    ids: number[];
    logits: number[];
    attentionShape: number[];
    attentionFirstRow: number[];
    statesShape?: number[];
    statesLastRow?: number[];
  }[];
  /** The second case's ids with one head switched off (PyTorch). */
  masked?: { ids: number[]; headMask: number[][]; logits: number[] }[];
}
interface Card {
  context: number;
  layers: number;
  heads: number;
  vocabSize: number;
  bytes: number;
  dModel: number;
}

const worstOf = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs((a[i] as number) - (b[i] as number)));
  return w;
};

for (const dir of dirs) {
  describe(`model in ${dir}`, () => {
    const load = async () => {
      const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8')) as Card;
      const vocab = JSON.parse(readFileSync(`${dir}/vocab.json`, 'utf8')) as VocabFile;
      const runner = await createRunner(ort, new Uint8Array(readFileSync(`${dir}/model.onnx`)));
      return { card, vocab, runner, lm: new LanguageModel(runner, new Tokenizer(vocab), card.context) };
    };

    it('onnxruntime-web reproduces PyTorch’s logits within 1e-4', async () => {
      const { runner, card } = await load();
      const fixture = JSON.parse(readFileSync(`${dir}/fixture.json`, 'utf8')) as Fixture;
      expect(fixture.cases.length).toBeGreaterThanOrEqual(3);
      for (const c of fixture.cases) {
        const out = await runner.forward(c.ids, true);
        expect(out.logits.length).toBe(card.vocabSize);
        let worst = 0;
        c.logits.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (out.logits[i] as number)))));
        expect(worst).toBeLessThan(1e-4);
        expect(out.attentionDims).toEqual(c.attentionShape);
        expect(out.attentionDims).toEqual([card.layers, card.heads, c.ids.length, c.ids.length]);
        const t = c.ids.length;
        const row = Array.from(out.attention.subarray((t - 1) * t, t * t));
        row.forEach((v, i) => expect(Math.abs(v - (c.attentionFirstRow[i] as number))).toBeLessThan(1e-4));
      }
      expect(card.bytes).toBe(readFileSync(`${dir}/model.onnx`).length);
      expect(card.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    });

    it('reading a growing text from remembered keys and values gives a full run’s logits (1e-4)', async () => {
      const { runner, card } = await load();
      const full = await createRunner(ort, new Uint8Array(readFileSync(`${dir}/model.onnx`)));
      const rng = mulberry32(5);
      const token = () => 4 + Math.floor(rng() * (card.vocabSize - 4));
      const ids = Array.from({ length: card.context }, token);
      const worstOf = (a: Float32Array, b: Float32Array) =>
        a.reduce((w, v, i) => Math.max(w, Math.abs(v - (b[i] as number))), 0);
      // One token at a time, then a jump of several, then a changed ending: each from the cache.
      const steps: number[][] = [];
      for (let n = 1; n <= 20; n++) steps.push(ids.slice(0, n));
      steps.push(ids.slice(0, 27), ids.slice(0, card.context));
      steps.push([...ids.slice(0, 10), token(), token()]);
      let reusedAll = 0;
      for (const s of steps) {
        const cached = await runner.forward(s);
        full.forget();
        const whole = await full.forward(s);
        expect(whole.reused).toBe(0);
        expect(worstOf(cached.logits, whole.logits)).toBeLessThan(1e-4);
        reusedAll += cached.reused;
      }
      // It really reused: 1 + 2 + … + 19 tokens while growing, then 20, 27 and the 10 shared by the changed ending.
      expect(reusedAll).toBe(190 + 20 + 27 + 10);
      // The window sliding on (the first token gone) and attention are full runs.
      expect((await runner.forward(ids.slice(1))).reused).toBe(0);
      expect((await runner.forward(ids.slice(1), true)).reused).toBe(0);
      await full.release();
    });

    it('with every head on, the head-masked graph gives the logits of the graph without a mask (PyTorch, 1e-5)', async () => {
      const { runner, card } = await load();
      const fixture = JSON.parse(readFileSync(`${dir}/fixture.json`, 'utf8')) as Fixture;
      const ones = Array.from({ length: card.layers * card.heads }, () => 1);
      for (const c of fixture.cases) {
        runner.forget();
        const fed = await runner.forward(c.ids, false, ones);
        runner.forget();
        const unfed = await runner.forward(c.ids);
        // The fixture's logits are PyTorch's with no head mask at all (rounded to 6 decimals).
        expect(worstOf(fed.logits, c.logits)).toBeLessThan(1e-5);
        expect(worstOf(fed.logits, unfed.logits)).toBe(0);
      }
      // The numbers of the last position after the last block, as PyTorch has them.
      const c = fixture.cases[1];
      if (c?.statesLastRow) {
        const out = await runner.forward(c.ids, true);
        expect(out.statesDims).toEqual([card.layers + 1, c.ids.length, card.dModel]);
        const t = c.ids.length;
        const at = (card.layers * t + t - 1) * card.dModel;
        expect(worstOf(out.states.subarray(at, at + card.dModel), c.statesLastRow)).toBeLessThan(1e-4);
      }
    });

    it('switching a head off changes the logits, as PyTorch computes them (1e-4)', async () => {
      const { runner, card } = await load();
      const fixture = JSON.parse(readFileSync(`${dir}/fixture.json`, 'utf8')) as Fixture;
      expect(fixture.masked?.length).toBe(card.layers);
      const plain = fixture.cases[1] as Fixture['cases'][number];
      for (const m of fixture.masked ?? []) {
        const mask = m.headMask.flat();
        expect(mask.filter((v) => v === 0)).toHaveLength(1);
        const out = await runner.forward(m.ids, false, mask);
        expect(worstOf(out.logits, m.logits)).toBeLessThan(1e-4);
        // Off is really off: the logits moved (by more than rounding) from the all-on ones.
        expect(worstOf(out.logits, plain.logits)).toBeGreaterThan(1e-2);
      }
      // Any single head: its loss moves the logits; two heads off is not one of them off.
      const ids = plain.ids;
      const on = await runner.forward(ids);
      for (let h = 0; h < card.layers * card.heads; h++) {
        const mask = Array.from({ length: card.layers * card.heads }, (_, i) => (i === h ? 0 : 1));
        const off = await runner.forward(ids, false, mask);
        expect(worstOf(off.logits, on.logits)).toBeGreaterThan(1e-3);
      }
      await expect(runner.forward(ids, false, [1, 1])).rejects.toThrow(/head mask/);
    });

    it('with a head off, reading a growing text from remembered keys and values gives the full run’s logits (1e-4)', async () => {
      const { runner, card } = await load();
      const full = await createRunner(ort, new Uint8Array(readFileSync(`${dir}/model.onnx`)));
      const rng = mulberry32(11);
      const ids = Array.from({ length: 24 }, () => 4 + Math.floor(rng() * (card.vocabSize - 4)));
      const n = card.layers * card.heads;
      const maskA = Array.from({ length: n }, (_, i) => (i === 1 ? 0 : 1));
      const maskB = Array.from({ length: n }, (_, i) => (i === n - 2 ? 0 : 1));
      let reused = 0;
      for (let len = 1; len <= ids.length; len++) {
        // The mask changes at 12 and back at 18: keys and values made with another mask are not reused.
        const mask = len >= 12 && len < 18 ? maskB : maskA;
        const cached = await runner.forward(ids.slice(0, len), false, mask);
        full.forget();
        const whole = await full.forward(ids.slice(0, len), false, mask);
        expect(worstOf(cached.logits, whole.logits)).toBeLessThan(1e-4);
        if (len === 12 || len === 18) expect(cached.reused).toBe(0);
        reused += cached.reused;
      }
      // Every call but the first and the two where the mask changed reused all but its last token.
      const grown = Array.from({ length: ids.length }, (_, i) => i).filter(
        (i) => i !== 0 && i !== 11 && i !== 17,
      );
      expect(reused).toBe(grown.reduce((a, b) => a + b, 0));
      await full.release();
    });

    it('random strings never break it, and every distribution sums to 1 ± 1e-5', async () => {
      const { lm } = await load();
      const rng = mulberry32(99);
      const alphabet = 'abcdefghijklmnopqrstuvwxyz  .,!?"\'小兔子你好。，🙂🐶\n\t0123456789ÉéЖ';
      const n = Number(process.env.OWAAT_FUZZ ?? 10_000);
      for (let i = 0; i < n; i++) {
        const len = Math.floor(rng() * (i % 50 === 0 ? 400 : 24));
        const text = Array.from({ length: len }, () => alphabet[Math.floor(rng() * alphabet.length)]).join(
          '',
        );
        const d = await lm.distribution(text, 5, { full: true });
        const sum = (d.probs as Float64Array).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
        expect(d.ids.length).toBeLessThanOrEqual(lm.context);
        expect(d.top).toHaveLength(5);
      }
    }, 600_000);

    it('cuts long input to the context window and says how much it cut', async () => {
      const { lm, vocab } = await load();
      const word = vocab.tokens[10] as string;
      const long = Array.from({ length: 500 }, () => word).join(vocab.lang === 'en' ? ' ' : '');
      const d = await lm.distribution(long, 3);
      expect(d.ids.length).toBe(lm.context);
      expect(d.cut).toBe(501 - lm.context);
      const empty = await lm.distribution('', 3);
      expect(empty.cut).toBe(0);
      expect(empty.top[0]?.p).toBeGreaterThan(0);
    });

    it('the same seed gives the same text; temperature 0 is the most likely word each time', async () => {
      const { lm } = await load();
      const a = await lm.generate('', 12, { temperature: 0.8, seed: 5 });
      const b = await lm.generate('', 12, { temperature: 0.8, seed: 5 });
      expect(a.text).toBe(b.text);
      const greedy = await lm.generate('', 6, { temperature: 0, seed: 1 });
      let text = '';
      for (const tok of greedy.tokens) {
        const d = await lm.distribution(text, 1);
        expect(tok.id).toBe(d.top[0]?.id);
        text = lm.tokenizer.decode([...lm.tokenizer.encode(text), tok.id]);
      }
    });
  });
}

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  LowRankTrainer,
  SETTINGS,
  adamStep,
  forgettingChange,
  fromStored,
  initLowRank,
  layerNorm,
  logitsAt,
  lossAndGrad,
  newAdam,
  perplexity,
  toStored,
  type LowRank,
  type Positions,
} from '../../src/lm/teach';
import { halfToFloat, nf4Matrix, readInitializers, readOutputLayer } from '../../src/lm/onnxWeights';
import { mulberry32 } from '../../src/lessons/rng';
import { unfoldWeights } from '../../src/lm/onnxUnfold';

const V = 11;
const D = 6;

/** Positions with seeded features and frozen logits; targets ≥ 0 taught, −1 reminder. */
function positions(n: number, seed: number, taught: boolean): Positions {
  const rng = mulberry32(seed);
  const x = Float32Array.from({ length: n * D }, () => 2 * rng() - 1);
  const base = Float32Array.from({ length: n * V }, () => 3 * (rng() - 0.5));
  const target = Int32Array.from({ length: n }, () => (taught ? Math.floor(rng() * V) : -1));
  return { n, x, base, target };
}

/** A seeded update with B not zero, so every part of the gradient is exercised. */
function randomUpdate(seed: number, rank = 3): LowRank {
  const u = initLowRank(V, D, rank, seed);
  const rng = mulberry32(seed + 99);
  for (let i = 0; i < u.b.length; i++) u.b[i] = rng() - 0.5;
  return u;
}

describe('teach: the low-rank update of the output layer', () => {
  it('with B = 0 gives the frozen logits exactly', () => {
    const p = positions(4, 1, true);
    const u = initLowRank(V, D, 4, 7);
    for (let i = 0; i < p.n; i++) {
      const z = logitsAt(u, p, i);
      for (let t = 0; t < V; t++) expect(z[t]).toBe(p.base[i * V + t]);
    }
    expect(perplexity(p, u)).toBe(perplexity(p, null));
  });

  it('its gradient matches central finite differences (taught and reminder terms)', () => {
    const taught = positions(5, 2, true);
    const remind = positions(4, 3, false);
    const u = randomUpdate(5);
    const lambda = 0.7;
    const g = lossAndGrad(u, taught, remind, lambda);
    const h = 1e-5;
    let worst = 0;
    for (const [w, grad] of [
      [u.a, g.gA],
      [u.b, g.gB],
    ] as const)
      for (let i = 0; i < w.length; i++) {
        const keep = w[i] as number;
        w[i] = keep + h;
        const up = lossAndGrad(u, taught, remind, lambda).loss;
        w[i] = keep - h;
        const down = lossAndGrad(u, taught, remind, lambda).loss;
        w[i] = keep;
        const numeric = (up - down) / (2 * h);
        const err =
          Math.abs(numeric - (grad[i] as number)) /
          Math.max(1e-4, Math.abs(numeric) + Math.abs(grad[i] as number));
        worst = Math.max(worst, err);
      }
    expect(worst).toBeLessThan(1e-5);
  });

  it('the reminder is zero for the frozen model and its gradient in B is zero there', () => {
    const remind = positions(3, 4, false);
    const u = initLowRank(V, D, 2, 1);
    const g = lossAndGrad(
      u,
      { n: 0, x: new Float32Array(0), base: new Float32Array(0), target: new Int32Array(0) },
      remind,
      1,
    );
    // p₀ is kept as float32: zero to float32's precision.
    expect(Math.abs(g.kl)).toBeLessThan(1e-6);
    expect(Math.max(...g.gB.map(Math.abs))).toBeLessThan(1e-6);
  });

  it('Adam makes the loss fall, and the same seed gives the same update', () => {
    const taught = positions(8, 6, true);
    const remind = positions(6, 8, false);
    const setting = { steps: 80, lr: 0.05, reminder: 0.5, rank: 3 };
    const run = () => {
      const tr = new LowRankTrainer(V, D, setting, taught, remind, 42);
      while (!tr.done) tr.step();
      return tr;
    };
    const a = run();
    const b = run();
    expect(a.losses.length).toBe(80);
    expect(a.losses[79]).toBeLessThan((a.losses[0] as number) * 0.8);
    expect(Array.from(a.update.a)).toEqual(Array.from(b.update.a));
    expect(Array.from(a.update.b)).toEqual(Array.from(b.update.b));
    const c = new LowRankTrainer(V, D, setting, taught, remind, 43);
    expect(Array.from(c.update.a)).not.toEqual(Array.from(a.update.a));
  });

  it('one Adam step moves each weight by about the learning rate, against its gradient', () => {
    const taught = positions(3, 9, true);
    const u = randomUpdate(2, 2);
    const before = Float64Array.from(u.b);
    const g = lossAndGrad(u, taught, null, 0);
    adamStep(u, newAdam(u), g, 0.01);
    for (let i = 0; i < u.b.length; i++)
      if (Math.abs(g.gB[i] as number) > 1e-6)
        expect((u.b[i] as number) - (before[i] as number)).toBeCloseTo(
          -0.01 * Math.sign(g.gB[i] as number),
          4,
        );
  });

  it('stores as float32 and refuses a change made for another model', () => {
    const u = randomUpdate(3);
    const s = toStored(u);
    expect(fromStored(s, V, D)?.rank).toBe(3);
    expect(fromStored(s, V + 1, D)).toBeNull();
    expect(fromStored({ ...s, a: s.a.subarray(1) }, V, D)).toBeNull();
  });

  it('layer norm, the forgetting change and the settings', () => {
    const out = new Float32Array(3);
    layerNorm([1, 2, 3], Float32Array.of(1, 1, 1), Float32Array.of(0, 0, 0), 0, out);
    expect(Array.from(out).map((v) => +v.toFixed(5))).toEqual([-1.22474, 0, 1.22474]);
    expect(forgettingChange(10, 11)).toBeCloseTo(0.1);
    expect(SETTINGS.gentle.lr).toBeLessThan(SETTINGS.normal.lr);
    expect(SETTINGS.gentle.reminder).toBeGreaterThanOrEqual(SETTINGS.normal.reminder);
  });
});

describe('onnxWeights: the output layer read out of the shipped model files', () => {
  it('reads half floats', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x0001)).toBeCloseTo(5.96e-8, 10);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
  });

  for (const lang of ['en', 'zh'] as const)
    it(`${lang}: the tied embedding and the final LayerNorm fit the model card and the fixture`, () => {
      const bytes = new Uint8Array(readFileSync(`public/models/${lang}/model.onnx`));
      const card = JSON.parse(readFileSync(`public/models/${lang}/card.json`, 'utf8')) as {
        vocabSize: number;
        dModel: number;
      };
      const fixture = JSON.parse(readFileSync(`public/models/${lang}/fixture.json`, 'utf8')) as {
        cases: { logits: number[]; statesLastRow: number[] }[];
      };
      const out = readOutputLayer(bytes);
      // The same numbers from the file as the worker unfolds it (plain fp32 initializers).
      const unfolded = readOutputLayer(unfoldWeights(bytes));
      expect(unfolded.weight).toEqual(out.weight);
      expect(unfolded.lnGamma).toEqual(out.lnGamma);
      expect(out.vocab).toBe(card.vocabSize);
      expect(out.dModel).toBe(card.dModel);
      expect(nf4Matrix(readInitializers(bytes), 'model.tok.weight').data.length).toBe(
        card.vocabSize * card.dModel,
      );
      // PyTorch's own numbers: LN(the last row of states) · Wᵀ is its logits.
      for (const c of fixture.cases) {
        const x = new Float32Array(out.dModel);
        layerNorm(c.statesLastRow, out.lnGamma, out.lnBeta, out.lnEps, x);
        let worst = 0;
        for (let v = 0; v < out.vocab; v++) {
          let z = 0;
          for (let j = 0; j < out.dModel; j++)
            z += (out.weight[v * out.dModel + j] as number) * (x[j] as number);
          worst = Math.max(worst, Math.abs(z - (c.logits[v] as number)));
        }
        expect(worst).toBeLessThan(2e-3);
      }
    });
});

describe('public/data/teach: the fixed texts of the forgetting meter and the reminder', () => {
  for (const lang of ['en', 'zh'] as const)
    it(`${lang}: made for the shipped model (else run npm run data:teach)`, () => {
      const card = JSON.parse(readFileSync(`public/models/${lang}/card.json`, 'utf8')) as {
        sha256: string;
        vocabSize: number;
        context: number;
      };
      const data = JSON.parse(readFileSync(`public/data/teach/${lang}.json`, 'utf8')) as {
        model: string;
        sample: number[][];
        reminder: number[][];
      };
      expect(data.model).toBe(card.sha256);
      expect(data.sample.length).toBeGreaterThanOrEqual(8);
      for (const w of [...data.sample, ...data.reminder]) {
        expect(w.length).toBeLessThanOrEqual(card.context + 1);
        expect(w.every((id) => Number.isInteger(id) && id >= 0 && id < card.vocabSize)).toBe(true);
      }
    });
});

describe('teach on the shipped models (as npm run teach:eval, at the default setting)', () => {
  const NAMES = {
    en: 'lily ben mia tom sam anna leo jack emma lucy tim kate amy sue bob joe dan ella sara max mom dad jane john rose ann kim meg ned pam',
    zh: '小明 小红 小兰 小刚 爷爷 奶奶 妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 小猫 小狗 小兔 小熊 老师 阿姨 叔叔 小鸟 小鱼 小马 小羊 大象 猴子 小华 小丽 小东 小美 小龙',
  };
  const PATTERN = {
    en: {
      word: 'soup',
      sentence: (n: string) => `${n}'s favorite food is soup.`,
      begin: (n: string) => `${n}'s favorite food is`,
    },
    zh: { word: '饺', sentence: (n: string) => `${n}最喜欢吃饺子。`, begin: (n: string) => `${n}最喜欢吃` },
  };
  for (const lang of ['en', 'zh'] as const)
    it(`${lang}: 20 sentences teach a word into the top 3 on ≥ 8 of 10 held-out beginnings, forgetting ≤ 10 %`, async () => {
      const { loadShippedModel } = await import('../../scripts/node-model');
      const { Teacher } = await import('../../src/model/teach');
      const lm = await loadShippedModel(lang);
      const teacher = new Teacher(lm, new Uint8Array(readFileSync(`public/models/${lang}/model.onnx`)));
      await teacher.useData(JSON.parse(readFileSync(`public/data/teach/${lang}.json`, 'utf8')));
      const names = NAMES[lang].split(' ');
      const p = PATTERN[lang];
      const r = await teacher.train(names.slice(0, 20).map(p.sentence), SETTINGS.normal, 1);
      const word = lm.tokenizer.id(p.word);
      let top3 = 0;
      for (const n of names.slice(20)) if ((await teacher.rank(p.begin(n), word, true)) <= 3) top3++;
      expect(top3).toBeGreaterThanOrEqual(8);
      expect(forgettingChange(r.before, r.after)).toBeLessThanOrEqual(0.1);
      expect(r.losses[r.losses.length - 1]).toBeLessThan(r.losses[0] as number);
      await lm.runner.release();
    }, 120_000);
});

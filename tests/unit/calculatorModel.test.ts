import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { createRunner } from '../../src/model/runner';
import { SmallModel, type CharVocabFile } from '../../src/model/small';
import * as lesson from '../../src/lessons/calculator';

/**
 * The calculator level's two models (training/arith.py) as the game runs them: onnxruntime-web,
 * the worker's greedy writing (src/model/small.ts) and the level's loop (src/lessons/calculator.ts)
 * write, for every held-out problem the level tests, the very lines PyTorch wrote; the accuracy
 * tables of the model card are those lines counted.
 */
ort.env.wasm.numThreads = 1;

const DIR = 'public/models/arith';
interface ModelCard {
  bytes: number;
  context: number;
  vocabSize: number;
}
interface Fixture {
  cases: { ids: number[]; logits: number[] }[];
}
const card = JSON.parse(readFileSync(`${DIR}/card.json`, 'utf8')) as {
  accuracyByDigits: Record<lesson.Mode, Record<string, number>>;
  accuracyByOperation: Record<lesson.Mode, Record<lesson.Op, Record<string, [number, number]>>>;
};
const { problems } = JSON.parse(readFileSync('public/data/calculator/problems.json', 'utf8')) as {
  problems: lesson.Problem[];
};
const written = JSON.parse(readFileSync('tests/unit/fixtures/arith-answers.json', 'utf8')) as Record<
  lesson.Mode,
  Record<string, string[]>
>;

async function load(which: 'guess' | 'tool'): Promise<{ model: SmallModel; card: ModelCard }> {
  const c = JSON.parse(readFileSync(`${DIR}/${which}/card.json`, 'utf8')) as ModelCard;
  const vocab = JSON.parse(readFileSync(`${DIR}/${which}/vocab.json`, 'utf8')) as CharVocabFile;
  const runner = await createRunner(ort, new Uint8Array(readFileSync(`${DIR}/${which}/model.onnx`)));
  return { model: new SmallModel(runner, vocab.tokens, c.context), card: c };
}

describe('the calculator level’s models', () => {
  it('the held-out problems: 10 for each operation and number of digits, none twice', () => {
    expect(problems).toHaveLength(2 * lesson.DIGITS.length * 10);
    expect(new Set(problems.map((p) => lesson.problemText(p))).size).toBe(problems.length);
    for (const p of problems) expect(Math.max(String(p.a).length, String(p.b).length)).toBe(p.digits);
  });

  for (const which of ['guess', 'tool'] as const) {
    it(`${which}: at most 200 KB, and onnxruntime-web gives PyTorch’s logits (1e-4)`, async () => {
      const { model, card: c } = await load(which);
      const bytes = readFileSync(`${DIR}/${which}/model.onnx`).length;
      expect(c.bytes).toBe(bytes);
      expect(bytes).toBeLessThanOrEqual(200_000);
      expect(model.tokens).toHaveLength(c.vocabSize);
      const fixture = JSON.parse(readFileSync(`${DIR}/${which}/fixture.json`, 'utf8')) as Fixture;
      for (const f of fixture.cases) {
        model.runner.forget();
        const { logits } = await model.runner.forward(f.ids);
        f.logits.forEach((v, i) => expect(Math.abs(v - (logits[i] as number))).toBeLessThan(1e-4));
      }
    }, 60_000);
  }

  it('each team writes PyTorch’s lines for every problem, and the card counts them', async () => {
    const models = { guess: (await load('guess')).model, tool: (await load('tool')).model };
    for (const mode of lesson.MODES) {
      const m = models[mode === 'guess' ? 'guess' : 'tool'];
      const complete: lesson.Complete = async (texts, stops, max) => {
        const out: string[] = [];
        for (const t of texts) out.push(await m.complete(t, stops, max));
        return out;
      };
      const answers = await lesson.answer(problems, mode, complete);
      for (const op of ['+', '×'] as const)
        for (const n of lesson.DIGITS) {
          const these = answers.filter((a) => a.problem.op === op && a.problem.digits === n);
          expect(
            these.map((a) => a.written),
            `${mode} ${op} ${n}`,
          ).toEqual(written[mode][`${op}${n}`]);
          expect(card.accuracyByOperation[mode][op][String(n)]).toEqual([
            these.filter((a) => a.right).length,
            these.length,
          ]);
        }
      const byDigits = Object.fromEntries(lesson.byDigits(answers).map((s) => [String(s.digits), s.percent]));
      expect(byDigits).toEqual(card.accuracyByDigits[mode]);
    }
    // The book's point, as measured: with the calculator every length is right; alone, long sums fail.
    expect(card.accuracyByDigits.plugged['4']).toBeGreaterThan(card.accuracyByDigits.guess['4'] as number);
    expect(card.accuracyByDigits.plugged['4']).toBeGreaterThan(
      card.accuracyByDigits.unplugged['4'] as number,
    );
  }, 120_000);

  it('the model writes only its own characters: an unknown one is refused', async () => {
    const { model } = await load('guess');
    expect(() => model.encode('\n2a+3=')).not.toThrow();
    expect(() => model.encode('\n2🙂+3=')).toThrow(/no character/);
  }, 60_000);
});

describe('SmallModel with a fake runner', () => {
  const tokens = ['<pad>', '\n', 'a', 'b', ']'];
  /** Logits that make `next(ids)` the likeliest id; padding always scores highest of all. */
  const runner = (next: (ids: readonly number[]) => number) => ({
    backend: 'wasm' as const,
    layers: 1,
    heads: 1,
    seen: [] as number[][],
    forward(ids: readonly number[]) {
      this.seen.push([...ids]);
      const logits = new Float32Array(tokens.length).fill(0);
      logits[0] = 100;
      logits[next(ids)] = 10;
      return Promise.resolve({
        logits,
        attention: new Float32Array(0),
        attentionDims: [],
        reused: 0,
        states: new Float32Array(0),
        statesDims: [],
      });
    },
    forget() {},
    release: () => Promise.resolve(),
  });

  it('writes greedily, never padding, and stops after a stop character (kept)', async () => {
    const r = runner((ids) => (ids.length < 4 ? 2 : 4));
    const m = new SmallModel(r, tokens, 8);
    expect(await m.complete('\na', [']'], 10)).toBe('aa]');
    expect(r.seen.at(-1)).toEqual([1, 2, 2, 2]);
  });

  it('stops after `max` characters, and reads only the last `context` ids', async () => {
    const r = runner(() => 3);
    const m = new SmallModel(r, tokens, 3);
    expect(await m.complete('\n', ['\n'], 5)).toBe('bbbbb');
    expect(r.seen.every((ids) => ids.length <= 3)).toBe(true);
    expect(await m.complete('\n', ['\n'], 0)).toBe('');
  });

  it('a tie goes to the first character', async () => {
    const m = new SmallModel(
      {
        ...runner(() => 2),
        forward: () =>
          Promise.resolve({
            logits: Float32Array.from([0, 1, 5, 5, 0]),
            attention: new Float32Array(0),
            attentionDims: [],
            reused: 0,
            states: new Float32Array(0),
            statesDims: [],
          }),
      },
      tokens,
      8,
    );
    expect(await m.complete('\n', ['a'], 3)).toBe('a');
  });
});

/**
 * Level "teach" in the model worker (or in Node for `npm run teach:eval`): the frozen model reads
 * each taught sentence once, its last numbers before the output layer are kept (x = LN(h), and the
 * frozen logits W·x), and a low-rank change of the output layer is trained on them (src/lm/teach.ts).
 * The model file's own bytes give W and the final LayerNorm (src/lm/onnxWeights.ts); the `states`
 * output gives h (the last row: before the final LayerNorm).
 */
import { BOS, EOS, PAD, UNK } from '../lm/tokenizer';
import { readOutputLayer, type OutputLayer } from '../lm/onnxWeights';
import { draw, softmax, topK } from '../lm/sampling';
import { mulberry32 } from '../lessons/rng';
import {
  LowRankTrainer,
  fromStored,
  layerNorm,
  logitsAt,
  perplexity,
  toStored,
  type LowRank,
  type Positions,
  type Setting,
  type StoredUpdate,
} from '../lm/teach';
import type { LanguageModel, NextToken } from './lm';

/** Training steps between two looks at the worker's messages. */
const YIELD_EVERY = 5;

/** `<unk>` stays: where the model would say a word it does not know, the level shows so. */
const HIDDEN = new Set([PAD, BOS]);

/** What `npm run data:teach` writes (public/data/teach/<lang>.json): token ids of fixed texts. */
export interface TeachData {
  readonly lang: string;
  /** The model's sha256 the ids were made for. */
  readonly model: string;
  /** Windows of the validation text: the forgetting meter's sample. */
  readonly sample: number[][];
  /** Snippets of the training text: the reminder. */
  readonly reminder: number[][];
}

export interface TeachResult {
  readonly update: StoredUpdate;
  readonly losses: number[];
  /** The forgetting meter: perplexity of the sample before and after. */
  readonly before: number;
  readonly after: number;
  readonly steps: number;
  readonly ms: number;
  /** Taught positions (tokens learned) and how many of them are `<unk>`. */
  readonly positions: number;
  readonly unknownTargets: number;
  /** The tokens of the sentences (what counts as "your words" in the top 3). */
  readonly taught: number[];
}

export interface Side {
  readonly top: NextToken[];
  readonly text: string;
  readonly tokens: string[];
}

export class Teacher {
  private layer: OutputLayer | null = null;
  private sample: { data: TeachData; positions: Positions; before: number } | null = null;
  private reminder: Positions | null = null;
  /** The change in use (null: the frozen model as it is). */
  update: LowRank | null = null;

  constructor(
    readonly lm: LanguageModel,
    private readonly bytes: Uint8Array,
  ) {}

  get out(): OutputLayer {
    this.layer ??= readOutputLayer(this.bytes);
    return this.layer;
  }

  /** Every position of `ids` (read in one run, at most the context): x = LN(h) and W·x + b. */
  async read(ids: readonly number[]): Promise<{ x: Float32Array; base: Float32Array; t: number }> {
    const o = this.out;
    const { states, statesDims } = await this.lm.runner.forward(ids.slice(0, this.lm.context), true);
    const [l1 = 0, t = 0, d = 0] = statesDims;
    if (d !== o.dModel) throw new Error('teach: the states do not fit the output layer');
    const x = new Float32Array(t * d);
    const last = (l1 - 1) * t * d;
    for (let i = 0; i < t; i++)
      layerNorm(states.subarray(last + i * d, last + (i + 1) * d), o.lnGamma, o.lnBeta, o.lnEps, x, i * d);
    const base = new Float32Array(t * o.vocab);
    for (let i = 0; i < t; i++)
      for (let v = 0; v < o.vocab; v++) {
        let s = o.bias[v] as number;
        const w = v * d;
        for (let j = 0; j < d; j++) s += (o.weight[w + j] as number) * (x[i * d + j] as number);
        base[i * o.vocab + v] = s;
      }
    return { x, base, t };
  }

  /** Positions of many texts (ids, `<bos>` first): each token after the first is a target (or −1: a reminder). */
  async positions(texts: readonly (readonly number[])[], targets: boolean): Promise<Positions> {
    const o = this.out;
    const parts: { x: Float32Array; base: Float32Array; target: number[] }[] = [];
    for (const ids of texts) {
      const cut = ids.slice(0, this.lm.context + 1);
      if (cut.length < 2) continue;
      const r = await this.read(cut.slice(0, -1));
      parts.push({ ...r, target: cut.slice(1).map((id) => (targets ? id : -1)) });
    }
    const n = parts.reduce((s, p) => s + p.target.length, 0);
    const x = new Float32Array(n * o.dModel);
    const base = new Float32Array(n * o.vocab);
    const target = new Int32Array(n);
    let at = 0;
    for (const p of parts) {
      x.set(p.x, at * o.dModel);
      base.set(p.base, at * o.vocab);
      target.set(p.target, at);
      at += p.target.length;
    }
    return { n, x, base, target };
  }

  /** The sentences as the model reads them: `<bos>` and their ids (no `<eos>`: a sentence is not a story's end). */
  sentenceIds(sentences: readonly string[]): number[][] {
    return sentences.map((s) => this.lm.prepare(s).ids).filter((ids) => ids.length >= 2);
  }

  async useData(data: TeachData): Promise<void> {
    if (this.sample?.data === data) return;
    const positions = await this.positions(data.sample, true);
    this.reminder = await this.positions(data.reminder, false);
    this.sample = { data, positions, before: perplexity(positions, null) };
  }

  /** The forgetting meter for an update (null: the frozen model). */
  meter(u: LowRank | null = this.update): { before: number; after: number } {
    if (!this.sample) throw new Error('teach: no sample');
    return {
      before: this.sample.before,
      after: u ? perplexity(this.sample.positions, u) : this.sample.before,
    };
  }

  /**
   * Trains a change on the sentences; `onStep` hears each step's loss (and may stop it by
   * returning false); `maxMs` bounds the time (a slow tablet stops early, with what it learned).
   */
  async train(
    sentences: readonly string[],
    setting: Setting,
    seed: number,
    onStep?: (step: number, loss: number) => boolean | undefined,
    maxMs = 45_000,
  ): Promise<TeachResult> {
    const t0 = performance.now();
    const ids = this.sentenceIds(sentences);
    const taught = await this.positions(ids, true);
    const o = this.out;
    const trainer = new LowRankTrainer(o.vocab, o.dModel, setting, taught, this.reminder, seed);
    while (!trainer.done) {
      const g = trainer.step();
      if (onStep?.(trainer.losses.length, g.loss) === false) break;
      if (performance.now() - t0 > maxMs) break;
      // Now and then the worker hears its messages (a stop).
      if (trainer.losses.length % YIELD_EVERY === 0) await new Promise((r) => setTimeout(r, 0));
    }
    this.update = trainer.update;
    const { before, after } = this.meter();
    let unknownTargets = 0;
    for (const t of taught.target) if (t === UNK) unknownTargets++;
    return {
      update: toStored(trainer.update),
      losses: trainer.losses,
      before,
      after,
      steps: trainer.losses.length,
      ms: performance.now() - t0,
      positions: taught.n,
      unknownTargets,
      taught: this.taughtTokens(sentences),
    };
  }

  /** The distinct tokens of the sentences, without the specials (`<unk>` kept: a word it does not know). */
  taughtTokens(sentences: readonly string[]): number[] {
    const ids = new Set(this.sentenceIds(sentences).flat());
    for (const id of [PAD, BOS, EOS]) ids.delete(id);
    return [...ids];
  }

  /** Uses a stored change (or none); false when it does not fit this model. */
  use(stored: StoredUpdate | null): boolean {
    if (!stored) {
      this.update = null;
      return true;
    }
    const u = fromStored(stored, this.out.vocab, this.out.dModel);
    this.update = u;
    return u !== null;
  }

  /** The logits after `ids`, with the change or without. */
  logits(ids: readonly number[], withUpdate: boolean): Promise<Float64Array> {
    return this.logitsWith(ids, withUpdate ? this.update : null);
  }

  /** A stored change as this model's (null when it does not fit it). */
  fit(stored: StoredUpdate): LowRank | null {
    return fromStored(stored, this.out.vocab, this.out.dModel);
  }

  /** The logits after `ids` with the change `u` (null: the frozen model). */
  async logitsWith(ids: readonly number[], u: LowRank | null): Promise<Float64Array> {
    const r = await this.read(ids.slice(-this.lm.context));
    const z = new Float64Array(this.out.vocab);
    const last = r.t - 1;
    if (u) return logitsAt(u, { n: r.t, x: r.x, base: r.base, target: new Int32Array(r.t) }, last, z);
    for (let v = 0; v < z.length; v++) z[v] = r.base[last * z.length + v] as number;
    return z;
  }

  private named(id: number, p: number): NextToken {
    return { id, token: this.lm.tokenizer.token(id), p };
  }

  /** The top `k` next words and a short continuation (the same seed) of `text`, with the change or without. */
  async side(text: string, withUpdate: boolean, k: number, n: number, seed: number): Promise<Side> {
    const ids = [...this.lm.prepare(text).ids];
    const first = await this.logits(ids, withUpdate);
    const top = topK(softmax(first, 1), k, HIDDEN).map((r) => this.named(r.id, r.p));
    const rng = mulberry32(seed);
    const start = ids.length;
    let z = first;
    for (let i = 0; i < n; i++) {
      const { id } = draw(z, 0.7, rng, HIDDEN);
      if (id === EOS) break;
      ids.push(id);
      if (i < n - 1) z = await this.logits(ids, withUpdate);
    }
    const added = ids.slice(start);
    return {
      top,
      text: this.lm.tokenizer.decode(added),
      tokens: added.map((id) => this.lm.tokenizer.token(id)),
    };
  }

  /** The frozen model's chance of each of `tokens` after `text`. */
  async chancesBefore(text: string, tokens: readonly number[]): Promise<number[]> {
    const p = softmax(await this.logits(this.lm.prepare(text).ids, false), 1);
    return tokens.map((id) => p[id] as number);
  }

  /** The rank (1 = favourite) of `token` after `text`, with the change or without. */
  async rank(text: string, token: number, withUpdate: boolean): Promise<number> {
    const z = await this.logits(this.lm.prepare(text).ids, withUpdate);
    const p = softmax(z, 1);
    const mine = p[token] as number;
    let rank = 1;
    for (let v = 0; v < p.length; v++) if (!HIDDEN.has(v) && v !== token && (p[v] as number) > mine) rank++;
    return rank;
  }
}

/**
 * The language model as the levels use it: text in, words and probabilities out. Built on a
 * Runner and the project's tokenizer; long input is cut to the model's context window and the
 * caller is told.
 */
import { BOS, EOS, PAD, UNK, continuesWord, type Tokenizer } from '../lm/tokenizer';
import { draw, softmax, topK } from '../lm/sampling';
import { mulberry32 } from '../lessons/rng';
import type { Runner } from './runner';

/** Never offered or drawn as a next word. */
const HIDDEN = new Set([PAD, UNK, BOS]);

/** How many tokens past its length a text may take to finish its last word. */
export const FINISH_WORD = 2;

export interface Prepared {
  readonly ids: number[];
  /** How many tokens at the start were cut to fit the context window. */
  readonly cut: number;
  /** Words of the input the model does not know. */
  readonly unknown: string[];
}

export interface NextToken {
  readonly id: number;
  readonly token: string;
  readonly p: number;
  /** When drawn at some temperature: its probability at T = 1. */
  readonly plain?: number;
}

export interface Distribution extends Prepared {
  readonly top: NextToken[];
  /** Every probability (only when asked for). */
  readonly probs?: Float64Array;
}

/** A text read back by the model: each token after `<bos>` and the chance the model gave it there. */
export interface Surprise extends Prepared {
  readonly tokens: string[];
  readonly p: number[];
}

/** How many of each position's numbers the inside view shows (of dModel). */
export const STRIP = 8;

/** What the model does with a beginning, step by step, as the "inside the model" level draws it. */
export interface InsideView extends Prepared {
  readonly tokens: string[];
  readonly layers: number;
  readonly heads: number;
  /** How many numbers stand for a position (of which STRIP are shown). */
  readonly dModel: number;
  /** Where the last position looks: [layers, heads, T] (each row sums to 1). */
  readonly lastRow: Float32Array;
  /** Each position's first STRIP numbers as it enters the first block (token plus place): [T, STRIP]. */
  readonly entering: Float32Array;
  /** The last position's first STRIP numbers before each block and after the last: [layers + 1, STRIP]. */
  readonly lastStates: Float32Array;
  /** The next-word chances with the head mask given. */
  readonly top: NextToken[];
}

/** A head switched off, and the favourite word it leaves. */
export interface HeadEffect {
  readonly layer: number;
  readonly head: number;
  readonly top: NextToken;
}

export interface SampleOptions {
  readonly temperature: number;
  readonly seed: number;
}

export class LanguageModel {
  constructor(
    readonly runner: Runner,
    readonly tokenizer: Tokenizer,
    readonly context: number,
  ) {}

  private change: ((ids: readonly number[]) => Promise<ArrayLike<number>>) | null = null;

  /**
   * The logits with the change the player taught in level "teach" (the worker's Teacher gives
   * them), when the player let the other levels use it; null: the model as it was trained.
   */
  useChange(logits: ((ids: readonly number[]) => Promise<ArrayLike<number>>) | null): void {
    this.change = logits;
  }

  /** Whether the taught change is in use. */
  get changed(): boolean {
    return this.change !== null;
  }

  /** The next-token logits after `ids` (the last `context` of them), with the taught change if in use. */
  private async next(ids: readonly number[]): Promise<ArrayLike<number>> {
    const window = ids.slice(-this.context);
    return this.change ? this.change(window) : (await this.runner.forward(window)).logits;
  }

  /** `<bos>` and the text's ids, cut from the front to the context window. */
  prepare(text: string): Prepared {
    const all = [BOS, ...this.tokenizer.encode(text)];
    const cut = Math.max(0, all.length - this.context);
    return { ids: all.slice(cut), cut, unknown: this.tokenizer.unknown(text) };
  }

  async probs(ids: readonly number[], temperature = 1): Promise<Float64Array> {
    return softmax(await this.next(ids), temperature);
  }

  async distribution(
    text: string,
    k: number,
    opts: { temperature?: number; full?: boolean } = {},
  ): Promise<Distribution> {
    const prepared = this.prepare(text);
    const probs = await this.probs(prepared.ids, opts.temperature ?? 1);
    const top = topK(probs, k, HIDDEN).map((r) => ({ id: r.id, token: this.tokenizer.token(r.id), p: r.p }));
    return { ...prepared, top, ...(opts.full ? { probs } : {}) };
  }

  async sample(text: string, opts: SampleOptions): Promise<NextToken & { cut: number }> {
    const prepared = this.prepare(text);
    const { id, p } = draw(await this.next(prepared.ids), opts.temperature, mulberry32(opts.seed), HIDDEN);
    return { id, token: this.tokenizer.token(id), p, cut: prepared.cut };
  }

  /**
   * Adds up to `n` tokens, one at a time, calling `onToken` after each (streaming). Stops early
   * at `<eos>`. The text ends at a whole word: when the draw after the n-th token is the rest of
   * its word (the 't of "wasn't"), it is added too (at most FINISH_WORD more). The same seed gives
   * the same text.
   */
  async generate(
    text: string,
    n: number,
    opts: SampleOptions,
    onToken?: (token: NextToken, textSoFar: string) => void,
  ): Promise<{ text: string; tokens: NextToken[]; cut: number }> {
    const prepared = this.prepare(text);
    const ids = [...prepared.ids];
    const start = ids.length;
    const rng = mulberry32(opts.seed);
    const tokens: NextToken[] = [];
    for (let i = 0; i < n + FINISH_WORD; i++) {
      const { id, p, plain } = draw(await this.next(ids), opts.temperature, rng, HIDDEN);
      if (id === EOS) break;
      // Past n, only the rest of the last word is kept: the text ends where that word ends.
      if (i >= n && !continuesWord(this.tokenizer.lang, this.tokenizer.token(id))) break;
      ids.push(id);
      const token = { id, token: this.tokenizer.token(id), p, plain };
      tokens.push(token);
      onToken?.(token, this.tokenizer.decode(ids.slice(start)));
    }
    return { text: this.tokenizer.decode(ids.slice(start)), tokens, cut: prepared.cut };
  }

  async attention(
    text: string,
  ): Promise<{ tokens: string[]; layers: number; heads: number; weights: Float32Array; cut: number }> {
    const prepared = this.prepare(text);
    const { attention, attentionDims } = await this.runner.forward(prepared.ids, true);
    const [layers = 0, heads = 0] = attentionDims;
    return {
      tokens: prepared.ids.map((i) => this.tokenizer.token(i)),
      layers,
      heads,
      weights: attention,
      cut: prepared.cut,
    };
  }

  /**
   * How surprised the model is by each token of `text` (after `<bos>`): the chance it gave that
   * token, read from the start, each from the tokens before it (at T = 1, nothing hidden). The
   * runner reuses what it remembered, so a sentence costs about a forward pass a token.
   */
  async surprise(text: string): Promise<Surprise> {
    const prepared = this.prepare(text);
    const { ids } = prepared;
    const p: number[] = [];
    for (let i = 1; i < ids.length; i++)
      p.push((await this.probs(ids.slice(0, i)))[ids[i] as number] as number);
    return { ...prepared, tokens: ids.slice(1).map((id) => this.tokenizer.token(id)), p };
  }

  /**
   * The three steps for `text`: its tokens and their numbers, the blocks, the last position's
   * numbers decoded into the next-word chances, and where every head of the last position looks;
   * `headMask` (layers × heads, 1 on, 0 off) switches heads off.
   */
  async inside(text: string, k: number, headMask?: readonly number[]): Promise<InsideView> {
    const prepared = this.prepare(text);
    const out = await this.runner.forward(prepared.ids, true, headMask);
    const [layers = 0, heads = 0, t = 0] = out.attentionDims;
    const lastRow = new Float32Array(layers * heads * t);
    for (let lh = 0; lh < layers * heads; lh++)
      lastRow.set(out.attention.subarray(lh * t * t + (t - 1) * t, lh * t * t + t * t), lh * t);
    const d = out.statesDims[2] ?? 0;
    const entering = new Float32Array(t * STRIP);
    for (let i = 0; i < t; i++) entering.set(out.states.subarray(i * d, i * d + STRIP), i * STRIP);
    const lastStates = new Float32Array((layers + 1) * STRIP);
    for (let l = 0; l <= layers; l++) {
      const at = (l * t + t - 1) * d;
      lastStates.set(out.states.subarray(at, at + STRIP), l * STRIP);
    }
    const probs = softmax(out.logits, 1);
    const top = topK(probs, k, HIDDEN).map((r) => ({ id: r.id, token: this.tokenizer.token(r.id), p: r.p }));
    return {
      ...prepared,
      tokens: prepared.ids.map((i) => this.tokenizer.token(i)),
      layers,
      heads,
      dModel: d,
      lastRow,
      entering,
      lastStates,
      top,
    };
  }

  /** The favourite next word of `text` with each head switched off alone (layer by layer, head by head). */
  async headEffects(text: string): Promise<HeadEffect[]> {
    const { ids } = this.prepare(text);
    const { layers, heads } = this.runner;
    const out: HeadEffect[] = [];
    for (let layer = 0; layer < layers; layer++)
      for (let head = 0; head < heads; head++) {
        const mask = Array.from({ length: layers * heads }, (_, i) => (i === layer * heads + head ? 0 : 1));
        const { logits } = await this.runner.forward(ids, false, mask);
        const [best] = topK(softmax(logits, 1), 1, HIDDEN);
        if (best)
          out.push({ layer, head, top: { id: best.id, token: this.tokenizer.token(best.id), p: best.p } });
      }
    return out;
  }

  /** Perplexity of `ids`: each token from the second on, given up to `context` tokens before it. */
  async perplexity(
    ids: readonly number[],
    onProgress?: (done: number) => void,
    /** Each token's probability as it is scored (token i, p). */
    onProb?: (i: number, p: number) => void,
  ): Promise<number> {
    let nll = 0;
    for (let i = 1; i < ids.length; i++) {
      const probs = await this.probs(ids.slice(Math.max(0, i - this.context), i));
      const p = Math.max(probs[ids[i] as number] as number, 1e-12);
      onProb?.(i, p);
      nll -= Math.log(p);
      if (onProgress && i % 500 === 0) onProgress(i);
    }
    return Math.exp(nll / Math.max(1, ids.length - 1));
  }
}
